package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch} ticks its engine with its lines: each line a snapshot of its own, made when it is due. */
class WatchTickTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

    @TempDir
    Path tmp;

    @Test
    void theTickIsTheIntervalOrAnEvenPartOfItUpToASecond() {
        assertThat(WatchCommand.tickFor(1.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WatchCommand.tickFor(0.05)).isEqualTo(Duration.ofMillis(50));
        assertThat(WatchCommand.tickFor(0.5)).isEqualTo(Duration.ofMillis(500));
        assertThat(WatchCommand.tickFor(2.5)).isEqualTo(Duration.ofNanos(833_333_333));
        assertThat(WatchCommand.tickFor(10)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WatchCommand.tickFor(86400)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WatchCommand.tickFor(1.2)).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void eachLineIsANewSnapshotOneIntervalAfterTheLast() throws Exception {
        Path log = tmp.resolve("access.log");
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(CLF);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add("203.0.113." + (i % 7) + " - - [" + now + "] \"GET /p" + i + " HTTP/1.1\" 200 10 \"-\" \"t\"");
        }
        Files.write(log, lines);
        CliRun r = CliRun.of(
                "watch",
                "--count",
                "5",
                "--interval",
                "0.4",
                "--no-conn",
                "--no-auth",
                "--offline",
                "--no-history",
                "--no-socket",
                "--from-start",
                "--access-log",
                log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> out = r.out().lines().toList();
        assertThat(out).hasSize(5);
        List<Instant> made = new ArrayList<>();
        for (String l : out) {
            JsonNode doc = JSON.readTree(l);
            assertThat(doc.path("totals").path("requests").asLong()).as(l).isEqualTo(50);
            made.add(Instant.parse(doc.path("generated_at").asText()));
        }
        // lines 2..5 each come from the tick due with them: a new snapshot every 0.4 s (give or take
        // half a tick and a scheduler's delay), never one shown twice or one tick skipped
        for (int i = 2; i < made.size(); i++) {
            Duration gap = Duration.between(made.get(i - 1), made.get(i));
            assertThat(gap)
                    .as("line %d after line %d: %s", i + 1, i, made)
                    .isBetween(Duration.ofMillis(200), Duration.ofMillis(750));
        }
        assertThat(made)
                .as("each line its own snapshot")
                .doesNotHaveDuplicates()
                .isSorted();
    }
}
