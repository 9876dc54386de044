package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay --from / --until / --since: only the window's events are judged, and the user hears why. */
class ReplayWindowTest {

    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");

    @TempDir
    Path dir;

    /** A line a minute for a day; the client is 198.51.100.H for hour H. */
    private Path day() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int m = 0; m < 24 * 60; m++) {
            b.append("198.51.100.")
                    .append(m / 60)
                    .append(" - - [")
                    .append(CLF.format(START.plusSeconds(m * 60L)))
                    .append("] \"GET /m")
                    .append(m)
                    .append(" HTTP/1.1\" 200 10 \"-\" \"curl/8\"\n");
        }
        return Files.writeString(dir.resolve("access.log"), b);
    }

    @Test
    void judgesOnlyTheWindowAndSaysWhatItLeftOut() throws Exception {
        Path log = day();
        CliRun r = CliRun.of(
                "replay", "--json", "--from", "2025-03-10T14:00:00Z", "--until", "2025-03-10 14:30", log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.get("totals").get("requests").asLong()).isEqualTo(30);
        assertThat(doc.get("ips")).hasSize(1);
        assertThat(CliRun.ip(doc, "198.51.100.14").get("requests").asLong()).isEqualTo(30);
        assertThat(doc.get("generated_at").asText()).isEqualTo("2025-03-10T14:29:00Z");
        assertThat(doc.get("sources").get(0).get("detail").asText())
                .contains("30 events (")
                .contains("more outside the time window");
    }

    /**
     * One file named twice (or through a symlink) is read once: its requests count once. So is a log
     * given plain and gzipped (the same content), while a copy that differs is read as well.
     */
    @Test
    void aFileNamedTwiceIsReadOnce() throws Exception {
        Path log = day();
        Path link = Files.createSymbolicLink(dir.resolve("site.log"), log);
        Path gz = dir.resolve("access.log.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(log, out);
        }
        Path longer = dir.resolve("longer.log");
        Files.writeString(
                longer,
                Files.readString(log)
                        + Files.readString(log).lines().findFirst().orElseThrow() + "\n");
        java.io.PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        CliRun r;
        try (java.io.PrintStream capture =
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setErr(capture); // the notes go to stderr, as the sources' reports do
            r = CliRun.of("replay", "--json", log.toString(), link.toString(), log.toString(), gz.toString());
        } finally {
            System.setErr(realErr);
        }
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("totals").get("requests").asLong()).isEqualTo(24 * 60);
        assertThat(r.json().get("sources")).hasSize(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains(link + ": the same log as " + log + " (the same file, or the same content plain or gzipped):"
                        + " read once")
                .contains(log + ": the same log as " + log)
                .contains(gz + ": the same log as " + log);
        CliRun both = CliRun.of("replay", "--json", log.toString(), longer.toString());
        assertThat(both.json().get("totals").get("requests").asLong()).isEqualTo(2 * 24 * 60 + 1);
    }

    @Test
    void sinceCountsBackFromNowAndAnOldLogHasNothingInIt() throws Exception {
        CliRun r = CliRun.of("replay", "--json", "--since", "1h", day().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("totals").get("requests").asLong()).isZero();
        assertThat(r.json().get("sources").get(0).get("detail").asText())
                .contains("0 events (1440 more outside the time window)");
    }

    @Test
    void contradictoryOrMalformedWindowsAreOneLineErrors() throws Exception {
        String log = day().toString();
        assertOneLine(CliRun.of("replay", "--from", "yesterday", log), "--from: expected a time like");
        assertOneLine(
                CliRun.of("replay", "--from", "2025-03-10T15:00Z", "--until", "2025-03-10T14:00Z", log),
                "--until 2025-03-10T14:00:00Z is not after the start 2025-03-10T15:00:00Z");
        assertOneLine(CliRun.of("replay", "--since", "1h", "--from", "2025-03-10", log), "give one of them");
        assertOneLine(CliRun.of("replay", "--from-start", log), "--from-start: replay always reads");
    }

    private static void assertOneLine(CliRun r, String says) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).contains(says).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void timesWithoutAZoneAreThisHostsAndADateIsItsFirstSecond() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(TimeArg.parse("--from", "2025-03-10T14:00", paris)).isEqualTo(Instant.parse("2025-03-10T13:00:00Z"));
        assertThat(TimeArg.parse("--from", "2025-07-10 14:00:30", paris))
                .isEqualTo(Instant.parse("2025-07-10T12:00:30Z"));
        assertThat(TimeArg.parse("--from", "2025-03-10", paris)).isEqualTo(Instant.parse("2025-03-09T23:00:00Z"));
        assertThat(TimeArg.parse("--from", "2025-03-10T14:00:00Z", paris))
                .isEqualTo(Instant.parse("2025-03-10T14:00:00Z"));
        assertThat(TimeArg.parse("--from", "2025-03-10T14:00:00-05:00", paris))
                .isEqualTo(Instant.parse("2025-03-10T19:00:00Z"));
    }
}
