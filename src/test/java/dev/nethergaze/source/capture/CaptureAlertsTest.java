package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.source.StatusReporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts on the esnet masscan capture (one source, 172.31.15.102 / 00:24:38:98:cb:00, sending
 * 100, 101, 100, 99, 101, 99, 105, 97, 94, 93 packets in its full seconds, counted with tshark):
 * one new_ip and one new_mac however often they send, and high_pps at ≥ 95 pkt/s deduplicated by
 * a 3 s cool-down of packet time, the repeats counted in the next line.
 */
class CaptureAlertsTest {

    private static final String SCAN = "pcap/esnet/tcp_0_1000_20190821.pcap";

    @Test
    void newIpNewMacAndHighPpsWithCooldown(@TempDir Path dir) throws Exception {
        Path alerts = dir.resolve("alerts.jsonl");
        List<String> lines = replay(alerts, 95, 3);
        assertThat(lines.stream().filter(l -> l.contains("\"alert\":\"new_ip\"")))
                .containsExactly("{\"time\":\"2019-08-21T18:16:47.999999999Z\",\"alert\":\"new_ip\","
                        + "\"ip\":\"172.31.15.102\",\"suppressed\":0}");
        assertThat(lines.stream().filter(l -> l.contains("\"alert\":\"new_mac\"")))
                .containsExactly("{\"time\":\"2019-08-21T18:16:47.999999999Z\",\"alert\":\"new_mac\","
                        + "\"mac\":\"00:24:38:98:cb:00\",\"suppressed\":0}");
        assertThat(lines.stream().filter(l -> l.contains("high_pps")).map(CaptureAlertsTest::evidence))
                .containsExactly(
                        "18:16:48.999999999Z pps 100.0 suppressed 0",
                        "18:16:51.999999999Z pps 99.0 suppressed 2",
                        "18:16:54.999999999Z pps 105.0 suppressed 2");
    }

    @Test
    void nothingAboveAHigherThresholdAndAppendsAcrossRuns(@TempDir Path dir) throws Exception {
        Path alerts = dir.resolve("alerts.jsonl");
        replay(alerts, 106, 3);
        List<String> lines = replay(alerts, 106, 3);
        assertThat(lines).hasSize(4).noneMatch(l -> l.contains("high_pps"));
    }

    private static List<String> replay(Path alerts, long pps, int cooldownSeconds) throws Exception {
        CaptureAlerts.Rules rules = new CaptureAlerts.Rules(pps, Duration.ofSeconds(cooldownSeconds));
        try (CaptureAlerts a = new CaptureAlerts(alerts, rules, 1000)) {
            CaptureOptions o = CaptureOptions.defaults().withAlerts(a);
            new ReplayCapture(TestData.path(SCAN), o, StatusReporter.to(System.err)).run(e -> {});
        }
        return Files.readAllLines(alerts, StandardCharsets.UTF_8);
    }

    private static String evidence(String line) {
        String time = line.replaceAll(".*\"time\":\"[^T]*T([^\"]*)\".*", "$1");
        String pps = line.replaceAll(".*\"pps\":([0-9.]+).*", "$1");
        String suppressed = line.replaceAll(".*\"suppressed\":(\\d+).*", "$1");
        return time + " pps " + pps + " suppressed " + suppressed;
    }
}
