package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.ReplayDriver;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.WireDelta;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.capture.CaptureOptions;
import dev.nethergaze.source.capture.ReplayCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SYN floods on the wire: one source hammering one port (Suricata's syn-flood capture: 192.0.2.10
 * sends 200 SYNs from ports 40000-40199 to 198.51.100.5:443 in 0.2 s, never answered, per tshark),
 * and a flood from random sources, one SYN each, that no per-IP rule can see.
 */
class WireSynFloodTest {

    private static final DetectSettings S = DetectSettings.defaults();
    private static final String FLOOD = "pcap/suricata-verify/tcp-session-syn-flood-drop-precedence.pcap";
    private static final String SCAN = "pcap/esnet/tcp_0_1000_20190821.pcap";

    private static List<Finding> replay(String file, DetectSettings s) throws Exception {
        EngineSettings es = new EngineSettings(true, 10_000, null, 10, "test", String::valueOf);
        Engine engine = new Engine(es, new Detector(s, Allowlist.EMPTY, 10_000));
        ReplayDriver driver = new ReplayDriver(engine, Duration.ofSeconds(1));
        List<Finding> seen = new ArrayList<>();
        driver.subscribe(snap -> {
            for (IpView v : snap.ips()) {
                seen.addAll(v.findings());
            }
        });
        driver.run(List.of(
                new ReplayCapture(TestData.path(file), CaptureOptions.defaults(), StatusReporter.to(System.err))));
        return seen;
    }

    private static List<Finding> rule(List<Finding> all, String id) {
        return all.stream().filter(f -> f.rule().equals(id)).toList();
    }

    @Test
    void oneSourceFloodingOnePortIsAWireSynFlood() throws Exception {
        List<Finding> floods = rule(replay(FLOOD, S), WireSynFloodRule.ID);
        assertThat(floods).isNotEmpty().allMatch(f -> f.subject().equals("192.0.2.10"));
        Finding f = floods.getLast();
        assertThat(f.observed()).isEqualTo(200);
        assertThat(f.threshold()).isEqualTo(200);
        assertThat(f.reason())
                .isEqualTo("200 SYNs in 60 s to 1 new destination port, 0 handshakes completed"
                        + " (threshold 200 SYNs, at most 10% completed)");
        assertThat(f.evidence().getFirst())
                .isEqualTo("last 60 s: 200 SYNs, 0 completed handshakes, 200 SYNs with no reply (dropped or"
                        + " filtered), 0 refused by RST (closed ports), 0 answered by SYN-ACK (open ports)");
        assertThat(f.evidence().get(1))
                .startsWith("SYNs per 5 s, last 60 s up to ")
                .endsWith(", 200");
        assertThat(f.evidence().get(2)).isEqualTo("ports (most recent 1): 443");
    }

    @Test
    void oneSynFewerThanTheThresholdIsANearMiss() throws Exception {
        DetectSettings s = S.withWire(new DetectSettings.Wire(5000, 20, 60, 10, 201, 100, 10, 10));
        assertThat(rule(replay(FLOOD, s), WireSynFloodRule.ID)).isEmpty();
    }

    /** The masscan capture's 1,001 SYNs to 1,001 ports are a scan, flagged once, as syn_scan. */
    @Test
    void aScanIsNotAlsoAFlood() throws Exception {
        List<Finding> all = replay(SCAN, S);
        assertThat(rule(all, SynScanRule.ID)).isNotEmpty();
        assertThat(rule(all, WireSynFloodRule.ID)).isEmpty();
    }

    /** {@code n} sources of 203.0.(k).x each sending one SYN to port 80 or 443, {@code done} of them completing. */
    private static List<WireDelta> randomSources(int n, int second, int done) {
        List<WireDelta> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            IpKey ip = IpKey.ofV4((203 << 24) | ((second & 0xFF) << 16) | (i & 0xFFFF));
            int port = i % 4 == 0 ? 443 : 80;
            int hs = i < done ? 1 : 0;
            out.add(new WireDelta(
                    ip, 1, 60, hs, 1, 0, 0, hs, 0, 0, 0, 0, 0, 0, 0, 1, 1, List.of(port), List.of(), 0, 0, null));
        }
        return out;
    }

    private static Detector flood(int perSecond, int donePerSecond) {
        Detector d = new Detector(S, Allowlist.EMPTY, 100_000);
        Instant t0 = Instant.parse("2026-12-07T03:00:00Z");
        for (int s = 0; s < 10; s++) {
            Instant t = t0.plusSeconds(s);
            d.observe(new PacketTick("capture:eth0", t, randomSources(perSecond, s, donePerSecond)));
            d.evaluate(t);
        }
        return d;
    }

    @Test
    void aFloodFromRandomSourcesIsAHostWideFinding() {
        Detector d = flood(2000, 0);
        Finding f = d.hostFindings().stream()
                .filter(x -> x.rule().equals(WireSynFloodHost.ID))
                .findFirst()
                .orElseThrow();
        assertThat(f.subject()).isEqualTo("host");
        assertThat(f.observed()).isEqualTo(2000);
        assertThat(f.threshold()).isEqualTo(100);
        assertThat(f.reason())
                .isEqualTo("2000 SYNs per second on the wire over 10 s (20000 SYNs, 20000 sources counted once a"
                        + " second), 0 handshakes completed (0%) (threshold 100 SYNs/s, at most 10% completed)");
        assertThat(f.evidence())
                .containsExactly(
                        "last 10 s: 20000 SYNs, 0 completed handshakes (0%)",
                        "top destination ports (sources sending to them): 80 ×15000, 443 ×5000",
                        "top source prefixes (SYNs): 203.0.0.0/16 ×2000, 203.1.0.0/16 ×2000, 203.2.0.0/16 ×2000,"
                                + " 203.3.0.0/16 ×2000, 203.4.0.0/16 ×2000, … (10 in all)",
                        "latest sources: 203.9.7.203, 203.9.7.204, 203.9.7.205, 203.9.7.206, 203.9.7.207");
        // no per-IP rule sees one SYN a source
        assertThat(d.flagged()).isEmpty();
    }

    @Test
    void manySynsThatCompleteAreBusyClientsNotAFlood() {
        assertThat(flood(2000, 201).hostFindings()).noneMatch(x -> x.rule().equals(WireSynFloodHost.ID));
        assertThat(flood(100, 11).hostFindings()).noneMatch(x -> x.rule().equals(WireSynFloodHost.ID));
        assertThat(flood(99, 0).hostFindings()).noneMatch(x -> x.rule().equals(WireSynFloodHost.ID));
        assertThat(flood(100, 10).hostFindings()).anyMatch(x -> x.rule().equals(WireSynFloodHost.ID));
    }
}
