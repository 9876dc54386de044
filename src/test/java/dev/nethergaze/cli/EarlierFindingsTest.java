package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay of a whole day reports the attacks that were over before the log ended: a request burst
 * in the first minute of a two-hour log is no longer firing at the end, but it is in {@code
 * earlier_findings} with when it started and ended, and {@code explain} lists it.
 */
class EarlierFindingsTest {

    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static String line(String ip, Instant t, String path) {
        return ip + " - - [" + CLF.format(t) + "] \"GET " + path + " HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"\n";
    }

    @Test
    void aBurstThatEndedIsReportedAsEarlier(@TempDir Path dir) throws Exception {
        Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 300; i++) { // 300 requests in 5 s: over the default 100 in 10 s
            log.append(line("203.0.113.50", t0.plusMillis(i * 16L), "/item/" + i));
        }
        for (int s = 10; s < 2 * 3600; s += 20) { // two quiet hours of one visitor (replay time moves with events)
            log.append(line("198.51.100.20", t0.plusSeconds(s), "/"));
        }
        Path file = Files.writeString(dir.resolve("access.log"), log);

        CliRun r = CliRun.of("replay", "--json", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode burst = null;
        for (JsonNode ip : r.json().get("ips")) {
            if (ip.get("ip").asText().equals("203.0.113.50")) {
                burst = ip;
            }
            if (ip.get("ip").asText().equals("198.51.100.20")) {
                assertThat(ip.get("earlier_findings"))
                        .as("a quiet visitor never fired")
                        .isEmpty();
            }
        }
        assertThat(burst).isNotNull();
        assertThat(burst.get("findings")).as("not firing at the end of the log").isEmpty();
        JsonNode earlier = burst.get("earlier_findings");
        assertThat(earlier).hasSize(1);
        JsonNode f = earlier.get(0);
        assertThat(f.get("rule").asText()).isEqualTo("request_burst");
        assertThat(Instant.parse(f.get("since").asText())).isBetween(t0, t0.plusSeconds(10));
        Instant ended = Instant.parse(f.get("ended").asText());
        // judged ended at the first tick after its 10 s window passed: the visitor's line at 08:00:30
        assertThat(ended).isAfter(t0.plusSeconds(10)).isBeforeOrEqualTo(t0.plusSeconds(30));
        assertThat(f.get("evidence")).isNotEmpty();

        CliRun explain = CliRun.of("explain", "203.0.113.50", "--replay", file.toString());
        assertThat(explain.exit()).as(explain.err()).isZero();
        assertThat(explain.out())
                .contains("no findings now")
                .contains("earlier (ended)")
                .contains("request_burst")
                .contains("ended " + ended);
    }
}
