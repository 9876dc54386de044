package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code fleet}'s table: a host silent for over 30 s is marked, with one line saying what that means. */
class FleetTableTest {

    private static JsonNode doc(String host, Instant at) throws Exception {
        return new ObjectMapper()
                .readTree("{\"host\":\"" + host + "\",\"generated_at\":\"" + at + "\","
                        + "\"totals\":{\"connections\":3,\"connections_by_state\":{\"SYN_RECV\":1},\"requests_per_min\":4,"
                        + "\"auth_failures\":0},\"ips\":[],\"findings\":[],"
                        + "\"fleet\":{\"flagged_ips\":0,\"ips_sent\":0,\"worst\":null}}");
    }

    @Test
    void aSilentHostIsMarkedStale() throws Exception {
        Instant now = Instant.parse("2026-12-05T03:00:00Z");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FleetCommand.print(
                List.of(doc("web-1", now.minusSeconds(4)), doc("web-2", now.minusSeconds(3 * 3600))),
                now,
                new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("web-1").contains("     4s ");
        assertThat(lines.get(2)).startsWith("web-2").contains("    3h! ");
        assertThat(lines.get(3))
                .isEqualTo("! no document for over 30 s: that host, or its nethergaze, has stopped publishing"
                        + " (its last state is shown)");

        bytes.reset();
        FleetCommand.print(
                List.of(doc("web-1", now.minusSeconds(4))),
                now,
                new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
    }

    /** A demo's documents (demo@HOST) are shown as a demo's, with one line saying what that means. */
    @Test
    void aDemoIsShownAsADemo() throws Exception {
        Instant now = Instant.parse("2026-12-05T03:00:00Z");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FleetCommand.print(
                List.of(doc("web-1", now.minusSeconds(4)), doc(FleetCommand.demoHost("web-1"), now.minusSeconds(2))),
                now,
                new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("web-1 ");
        assertThat(lines.get(2)).startsWith("demo@web-1 ");
        assertThat(lines.get(3))
                .isEqualTo("demo@HOST: 'nethergaze demo' run on HOST, synthetic traffic, not that host's own");
        assertThat(FleetCommand.demo(doc("web-1", now))).isFalse();
    }

    /** FLAGGED and WORST are the host's own (fleet.*), not counted from the trimmed ips[]; an older document says "at least". */
    @Test
    void flaggedAndWorstAreTheHostsOwnCounts() throws Exception {
        Instant now = Instant.parse("2026-12-05T03:00:00Z");
        ObjectMapper m = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode attacked =
                (com.fasterxml.jackson.databind.node.ObjectNode) doc("attacked", now.minusSeconds(2));
        attacked.set(
                "fleet",
                m.readTree("{\"flagged_ips\":41,\"ips_sent\":0,\"worst\":{\"rule\":\"exploit\","
                        + "\"severity\":\"high\",\"subject\":\"203.0.113.9\"}}"));
        com.fasterxml.jackson.databind.node.ObjectNode older =
                (com.fasterxml.jackson.databind.node.ObjectNode) doc("older", now.minusSeconds(2));
        older.remove("fleet");
        older.set("ips", m.readTree("[{\"ip\":\"192.0.2.1\",\"findings\":[]},{\"ip\":\"192.0.2.2\",\"findings\":[]}]"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FleetCommand.print(
                List.of(attacked, older),
                now,
                new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(1)).startsWith("attacked").contains("      41  high exploit 203.0.113.9");
        assertThat(lines.get(2)).startsWith("older").contains("      2+  -");
        assertThat(lines.get(3)).startsWith("+ at least");
        assertThat(FleetCommand.flagged(attacked)).isEqualTo(41);
    }
}
