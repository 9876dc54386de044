package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.TestData;
import dev.nethergaze.detect.Allowlist;
import dev.nethergaze.detect.DetectSettings;
import dev.nethergaze.detect.Detector;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.source.StatusReporter;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The capture's top talkers ({@code ctl status}) give each IP's handshake RTT, the figure the
 * snapshot gives as {@code ips[].wire.handshake_rtt_ms_p50}; before, they had none. From tshark on
 * esnet's nmap_80_vanilla: 130.211.223.103 answered three SYNs by SYN-ACK after 28.663, 29.113 and
 * 21.795 ms (median 28.663), 10.87.1.10 two SYN-ACKs by ACK after 0.025 and 0.023 ms (median 0.024).
 */
class StatusRttTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Replays the file through an engine; returns the status top talkers' RTT and the snapshot's, by IP. */
    private static List<Map<String, JsonNode>> replay(String file) throws Exception {
        Engine engine = new Engine(
                new EngineSettings(true, 1_000, null, 10, "test", String::valueOf),
                new Detector(DetectSettings.defaults(), Allowlist.EMPTY, 1_000));
        ReplayCapture cap = new ReplayCapture(
                TestData.path("pcap/" + file), CaptureOptions.defaults(), StatusReporter.to(System.err));
        cap.run(e -> {
            if (e instanceof PacketTick t) {
                engine.apply(t);
            }
        });
        Map<String, JsonNode> status = new HashMap<>();
        for (IpTotals t : cap.status().top()) {
            status.put(t.ip().toString(), JSON.valueToTree(t.handshakeRttMsP50()));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new SnapshotJson(false).write(engine.snapshot(List.of()), buf);
        Map<String, JsonNode> snapshot = new HashMap<>();
        for (JsonNode ip : JSON.readTree(buf.toByteArray()).get("ips")) {
            snapshot.put(ip.get("ip").asText(), ip.get("wire").get("handshake_rtt_ms_p50"));
        }
        return List.of(status, snapshot);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "esnet/nmap_80_vanilla.pcap",
                "chrissanders/http_ip4and6.pcapng",
                "zeek/ssh_single-conn.pcap",
                "esnet/two_way_all_flags.pcap"
            })
    void statusGivesTheSnapshotsHandshakeRtt(String file) throws Exception {
        List<Map<String, JsonNode>> r = replay(file);
        assertThat(r.get(0)).as("ctl status top talkers' handshake_rtt_ms_p50").isEqualTo(r.get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"esnet/nmap_80_vanilla.pcap"})
    void statusRttIsTsharksMedian(String file) throws Exception {
        Map<String, JsonNode> status = replay(file).getFirst();
        assertThat(status.get("130.211.223.103").asDouble()).isEqualTo(28.663);
        assertThat(status.get("10.87.1.10").asDouble()).isEqualTo(0.024);
    }
}
