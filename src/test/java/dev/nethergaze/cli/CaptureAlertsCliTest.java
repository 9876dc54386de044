package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture alerts end to end on the esnet masscan capture (172.31.15.102 sends 1,001 SYNs to ports
 * 0-1000 in ten seconds, 93 to 105 packets in each full second): first sightings, the high-rate
 * and SYN-scan findings all reach the configured [alerts] sink and {@code --alerts FILE}, on packet
 * time, each (rule, subject) again only after the cool-down; and {@code replay --json} shows the scan.
 */
class CaptureAlertsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCAN = "pcap/esnet/tcp_0_1000_20190821.pcap";
    private static final String SCANNER = "172.31.15.102";

    @TempDir
    Path tmp;

    @Test
    void captureReplaySendsFirstSightingsAndFindingsToTheSameSinks() throws Exception {
        Path configured = tmp.resolve("configured.jsonl");
        Path file = tmp.resolve("capture-alerts.jsonl");
        Path config = tmp.resolve("config.toml");
        Files.writeString(config, """
                [detect.wire]
                high_pps = 95

                [alerts]
                jsonl = "%s"
                cooldown_seconds = 3
                min_severity = "medium"
                """.formatted(configured));
        CliRun r = captureScan("--config", config.toString(), "--alerts", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();

        List<JsonNode> all = read(file);
        assertThat(rules(all)).contains("new_ip", "new_mac", "high_pps", "syn_scan");
        assertThat(all).allSatisfy(a -> assertThat(a.get("time").asText()).startsWith("2019-08-21T18:16:"));
        JsonNode newIp = only(all, "new_ip");
        assertThat(newIp.get("subject").asText()).isEqualTo(SCANNER);
        assertThat(newIp.get("severity").asText()).isEqualTo("info");
        assertThat(newIp.get("time").asText()).isEqualTo("2019-08-21T18:16:47.991547Z");
        assertThat(only(all, "new_mac").get("subject").asText()).isEqualTo("00:24:38:98:cb:00");
        JsonNode scan = all.stream()
                .filter(a -> a.get("rule").asText().equals("syn_scan"))
                .findFirst()
                .orElseThrow();
        assertThat(scan.get("subject").asText()).isEqualTo(SCANNER);
        assertThat(scan.get("threshold").asDouble()).isEqualTo(20);
        assertThat(scan.get("observed").asDouble()).isGreaterThanOrEqualTo(20);
        assertThat(scan.get("evidence").toString()).contains("completed handshakes", "ports (most recent");
        JsonNode high = all.stream()
                .filter(a -> a.get("rule").asText().equals("high_pps"))
                .findFirst()
                .orElseThrow();
        assertThat(high.get("threshold").asDouble()).isEqualTo(95);
        assertThat(high.get("observed").asDouble()).isBetween(95.0, 105.0);
        coolDownHolds(all, Duration.ofSeconds(3));

        // the configured sink: the same findings, without the info/low first sightings
        List<JsonNode> sink = read(configured);
        assertThat(rules(sink)).containsOnly("high_pps", "syn_scan");
        assertThat(sink.stream().map(JsonNode::toString))
                .containsExactlyElementsOf(all.stream()
                        .filter(a -> !a.get("rule").asText().startsWith("new_"))
                        .map(JsonNode::toString)
                        .toList());
    }

    @Test
    void replayJsonShowsTheScanAndANormalCaptureShowsNone() {
        CliRun r = CliRun.of("replay", "--no-history", TestData.path(SCAN).toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode scanner = CliRun.ip(r.json(), SCANNER);
        List<String> rules = new ArrayList<>();
        scanner.get("findings").forEach(f -> rules.add(f.get("rule").asText()));
        assertThat(rules).contains("syn_scan");

        CliRun normal = CliRun.of(
                "replay",
                "--no-history",
                TestData.path("pcap/zeek/http_get.pcap").toString(),
                "--json");
        assertThat(normal.exit()).as(normal.err()).isZero();
        normal.json()
                .get("ips")
                .forEach(v -> assertThat(v.get("findings")).as(v.toString()).isEmpty());
    }

    /** Headless without any output file: the text report on stdout, not silence. */
    @Test
    void headlessWithoutOutputsPrintsTheReport() {
        CliRun r = CliRun.of(
                "capture",
                "--headless",
                "--read",
                TestData.path("pcap/ndpi/tcp_scan.pcapng").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("Nethergaze — ")
                .contains("192.168.1.178 ")
                .contains("wire: 11 pkts 694B, SYN 4 (2 unanswered, 2 of them refused by RST), RST 2");
    }

    @Test
    void anUnwritableAlertsFileIsOneLine() {
        CliRun r =
                captureScan("--alerts", tmp.resolve("missing-dir/alerts.jsonl").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .startsWith("nethergaze: --alerts ")
                .contains("cannot write");
    }

    /** A capture file that cannot be read is one line and exit 2 (it was an empty report and exit 0). */
    @Test
    void aMissingCaptureFileIsAUsageError() {
        CliRun r = CliRun.of("capture", "--headless", "--no-socket", "--read", "/nonexistent/x.pcap");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nethergaze capture: /nonexistent/x.pcap: no such file\n");
        assertThat(r.out()).isEmpty();
    }

    /** {@code capture --headless --no-socket --read} the masscan capture, with more arguments. */
    private static CliRun captureScan(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "capture",
                "--headless",
                "--no-socket",
                "--read",
                TestData.path(SCAN).toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void coolDownHolds(List<JsonNode> alerts, Duration cooldown) {
        Map<String, Instant> last = new HashMap<>();
        for (JsonNode a : alerts) {
            String key = a.get("rule").asText() + "|" + a.get("subject").asText();
            Instant t = Instant.parse(a.get("time").asText());
            Instant before = last.put(key, t);
            if (before != null) {
                assertThat(Duration.between(before, t)).as(key).isGreaterThanOrEqualTo(cooldown);
            }
        }
        assertThat(alerts.stream().filter(a -> a.get("rule").asText().equals("high_pps")))
                .as("still above the threshold after the cool-down: sent again")
                .hasSizeGreaterThan(1);
    }

    private static JsonNode only(List<JsonNode> alerts, String rule) {
        List<JsonNode> m =
                alerts.stream().filter(a -> a.get("rule").asText().equals(rule)).toList();
        assertThat(m).as(rule).hasSize(1);
        return m.getFirst();
    }

    private static List<String> rules(List<JsonNode> alerts) {
        return alerts.stream().map(a -> a.get("rule").asText()).toList();
    }

    private static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
