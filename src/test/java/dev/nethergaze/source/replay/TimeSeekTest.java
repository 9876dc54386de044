package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big log entered by time ({@code --since}): from where it starts reading, every event of the
 * window is still seen, and far less than the file is read.
 */
class TimeSeekTest {

    private static final Instant START = Instant.parse("2025-03-10T00:00:00Z");
    private static final FileReplay.Options OPTIONS =
            new FileReplay.Options(AccessFormat.AUTO, ClientResolver.DIRECT, ZoneOffset.UTC);
    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SYSLOG =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** One day of access lines, about 8 MB, a line every ~1.2 s; {@code jitter} seconds out of order at most. */
    private Path accessLog(String name, int jitter, long seed) throws IOException {
        Path f = dir.resolve(name);
        Random r = new Random(seed);
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 72_000; i++) {
                Instant t = START.plusMillis(i * 1200L).plusSeconds(jitter == 0 ? 0 : r.nextInt(jitter));
                w.write("198.51.100." + (i % 250) + " - - [" + CLF.format(t) + "] \"GET /page/" + i + " HTTP/1.1\" 200 "
                        + (i % 5000) + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64) test agent\"\n");
            }
        }
        return f;
    }

    /** The events a replay of {@code file} gives from {@code from} on, and where it started reading. */
    private static Replayed replay(Path file, Instant from, boolean seek) throws InterruptedException {
        FileReplay r = new FileReplay(file, OPTIONS, seek ? new TimeWindow(from, null) : TimeWindow.ALL);
        List<String> events = new ArrayList<>();
        r.run(e -> {
            if (!e.time().isBefore(from)) {
                events.add(describe(e).replace(file.toString(), "FILE")); // the same events from a copy
            }
        });
        return new Replayed(events, r.start(), r.health());
    }

    private record Replayed(List<String> events, long start, SourceHealth health) {}

    private static String describe(SourceEvent e) {
        return e.time() + " " + e;
    }

    @Test
    void readsOnlyTheEndOfABigLogAndMissesNoEventOfTheWindow() throws Exception {
        Path log = accessLog("access.log", 0, 1);
        long size = Files.size(log);
        assertThat(size).isGreaterThan(TimeSeek.MIN_SIZE);
        Instant from = START.plusSeconds(23 * 3600); // the last hour
        Replayed whole = replay(log, from, false);
        Replayed entered = replay(log, from, true);
        assertThat(entered.events()).isNotEmpty().isEqualTo(whole.events());
        // started at a line start, and before the window by no more than the slack and a probe's block
        assertThat(entered.start()).isPositive();
        byte[] bytes = Files.readAllBytes(log);
        assertThat(bytes[(int) entered.start() - 1]).isEqualTo((byte) '\n');
        long read = size - entered.start();
        long lastHour = size / 24;
        long slackBytes = size / (24 * 60 / 10); // ten minutes of this log
        assertThat(read).isBetween(lastHour, lastHour + slackBytes + 2 * 64 * 1024);
        assertThat(entered.health().detail()).contains("read from byte " + entered.start());
    }

    /** A window in the middle: entered near its start, left a little after its end, every event seen. */
    @Test
    void aWindowInTheMiddleIsReadFromNearItsStartToNearItsEnd() throws Exception {
        Path log = accessLog("access.log", 300, 3);
        Instant from = Instant.parse("2025-03-10T14:00:00Z");
        Instant until = Instant.parse("2025-03-10T14:30:00Z");
        FileReplay r = new FileReplay(log, OPTIONS, new TimeWindow(from, until));
        List<String> got = new ArrayList<>();
        r.run(e -> got.add(describe(e)));
        List<String> want = new ArrayList<>();
        new FileReplay(log, OPTIONS).run(e -> {
            if (!e.time().isBefore(from) && e.time().isBefore(until)) {
                want.add(describe(e));
            }
        });
        assertThat(got).hasSizeGreaterThan(1000).isEqualTo(want);
        assertThat(r.start()).isPositive();
        // read: about the window and twice the slack, not the 9.5 hours after it
        assertThat(r.health().lines()).isLessThan(72_000 / 24);
        assertThat(r.health().detail()).contains("to 10 min past the window's end");
    }

    /** A replay's progress, read by another thread while it runs, moves up to the bytes read. */
    @Test
    void progressCountsTheBytesReadFromWhereReadingStarted() throws Exception {
        Path log = accessLog("access.log", 0, 1);
        MergedReplay r = new MergedReplay(
                List.of(log),
                OPTIONS,
                (n, s, d) -> {},
                new TimeWindow(START.plusSeconds(12 * 3600), null),
                dev.nethergaze.source.tail.Handover.NONE);
        List<Long> seen = new ArrayList<>();
        r.run(e -> seen.add(r.progress().done()));
        long size = Files.size(log);
        assertThat(seen.getFirst()).isGreaterThan(size / 2 - 2 * 64 * 1024); // entered near the middle
        assertThat(seen).isSorted();
        assertThat(seen.getLast()).isGreaterThan(size - size / 10).isLessThanOrEqualTo(size);
        assertThat(r.progress().done()).as("once read").isEqualTo(size);
        assertThat(r.progress().total()).isEqualTo(size);
        assertThat(r.progress().packed()).isFalse();
    }

    /**
     * A gzip file named as a plain one (a rotated {@code access.log.1} compressed with logrotate's
     * {@code compressext ""}, or renamed) is told by its magic, as it is read: its progress is the bytes
     * unpacked, with no total to show. Told by its name, it showed "100% (5 of 5 MB), 0 MB/s" for most
     * of a replay of 58 MB (a black-box run on a terminal), the unpacked bytes capped at the packed size.
     */
    @Test
    void aGzipFileWithAPlainNameIsPackedInItsProgress() throws Exception {
        Path plain = accessLog("access.log", 0, 1);
        Path gz = dir.resolve("access.log.1");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        Files.delete(plain);
        MergedReplay r = new MergedReplay(
                List.of(gz), OPTIONS, (n, s, d) -> {}, TimeWindow.ALL, dev.nethergaze.source.tail.Handover.NONE);
        List<MergedReplay.Progress> seen = new ArrayList<>();
        r.run(e -> {
            if (e.time().getEpochSecond() % 3600 == 0) { // a few times along the way
                seen.add(r.progress());
            }
        });
        assertThat(seen).isNotEmpty().allSatisfy(p -> assertThat(p.packed()).isTrue());
        assertThat(r.progress().done()).as("the unpacked bytes").isGreaterThan(2 * Files.size(gz));
    }

    @Test
    void linesWrittenUpToFiveMinutesOutOfOrderAreAllSeen() throws Exception {
        Path log = accessLog("access.log", 300, 7); // up to 5 minutes late, as long requests are logged
        for (String at : List.of("2025-03-10T06:00:00Z", "2025-03-10T12:34:56Z", "2025-03-10T23:59:00Z")) {
            Instant from = Instant.parse(at);
            Replayed entered = replay(log, from, true);
            assertThat(entered.start()).as(at).isPositive();
            assertThat(entered.events())
                    .as(at)
                    .isEqualTo(replay(log, from, false).events());
        }
    }

    /** Today's log (March) with a copy of it a month older (February) appended: {@code cat access.log access.log.1}. */
    private Path newestFirst() throws IOException {
        Path today = accessLog("a", 0, 1);
        Path mixed = dir.resolve("mixed.log");
        Files.write(mixed, Files.readAllBytes(today));
        Files.writeString(
                mixed,
                Files.readString(today).replace("/Mar/2025:", "/Feb/2025:"),
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        return mixed;
    }

    @Test
    void aFileWhoseTimesRunBackwardsIsReadWhole() throws Exception {
        Path mixed = newestFirst(); // an older log appended after today's: no start by time is safe
        Instant from = START.plusSeconds(20 * 3600);
        Replayed entered = replay(mixed, from, true);
        assertThat(entered.start()).isZero();
        assertThat(entered.events()).isEqualTo(replay(mixed, from, false).events());
    }

    /**
     * {@code cat access.log access.log.1 > all.log}: today's log, then yesterday's. A window in
     * yesterday is past by the first line; reading does not stop there, as the rest of the file, probed,
     * holds older lines: every event of the window is seen.
     */
    @Test
    void aWindowAfterLaterLinesIsReadToTheEndOfAFileNotInOrder() throws Exception {
        Path mixed = newestFirst();
        Instant from = Instant.parse("2025-02-10T12:00:00Z");
        Instant until = Instant.parse("2025-02-10T13:00:00Z");
        FileReplay r = new FileReplay(mixed, OPTIONS, new TimeWindow(from, until));
        List<String> got = new ArrayList<>();
        r.run(e -> got.add(describe(e)));
        assertThat(got).hasSize(3000); // a line every 1.2 s for an hour
        assertThat(r.health().lines()).isEqualTo(2 * 72_000);
        assertThat(r.health().detail()).doesNotContain("past the window's end");
    }

    /**
     * {@code cat web1/access.log.1 web1/access.log web2/access.log.1 web2/access.log}: two servers'
     * yesterday and today, the same period twice. First and last lines are in order and the binary
     * search lands in the second "today"; the first one, before it, holds the window too: the file is
     * read from its start and both copies' events are seen (before: only the second's, and the detail
     * said the lines before the entry were older than the window). A backfill's window, open at its
     * end ({@code --since}), the same.
     */
    @Test
    void theSamePeriodTwiceIsReadFromTheStart() throws Exception {
        Path today = accessLog("today", 0, 1);
        String march = Files.readString(today);
        String february = march.replace("/Mar/2025:", "/Feb/2025:");
        Path both = dir.resolve("both.log");
        Files.writeString(both, february + march + february + march, StandardCharsets.UTF_8);
        Instant from = Instant.parse("2025-03-10T10:00:00Z");
        Instant until = Instant.parse("2025-03-10T11:00:00Z");
        FileReplay r = new FileReplay(both, OPTIONS, new TimeWindow(from, until));
        List<String> got = new ArrayList<>();
        r.run(e -> got.add(describe(e)));
        assertThat(got).hasSize(2 * 3000); // a line every 1.2 s for an hour, twice
        assertThat(r.start()).isZero();
        assertThat(r.health().detail()).doesNotContain("older than the window");

        Instant since = START.plusSeconds(23 * 3600);
        Replayed backfill = replay(both, since, true);
        assertThat(backfill.start()).isZero();
        assertThat(backfill.events())
                .hasSize(2 * 3000)
                .isEqualTo(replay(both, since, false).events());
    }

    /** A gzip file cannot be probed: a window's reading goes to its end (a rotated file is often one). */
    @Test
    void aGzipFileIsReadToItsEndAfterTheWindow() throws Exception {
        Path plain = accessLog("access.log.1", 0, 1);
        Path gz = dir.resolve("access.log.1.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        Instant from = Instant.parse("2025-03-10T02:00:00Z");
        Instant until = Instant.parse("2025-03-10T03:00:00Z");
        FileReplay r = new FileReplay(gz, OPTIONS, new TimeWindow(from, until));
        List<String> got = new ArrayList<>();
        r.run(e -> got.add(describe(e)));
        assertThat(got).hasSize(3000);
        assertThat(r.health().lines()).isEqualTo(72_000);
    }

    @Test
    void smallGzippedOrAlreadyRecentFilesAreReadWhole() throws Exception {
        Path big = accessLog("access.log", 0, 1);
        assertThat(replay(big, START.minusSeconds(60), true).start())
                .as("window before the first line")
                .isZero();

        Path small = dir.resolve("small.log");
        Files.write(small, java.util.Arrays.copyOf(Files.readAllBytes(big), 1 << 20));
        assertThat(replay(small, START.plusSeconds(600), true).start()).isZero();

        Path gz = dir.resolve("access.log.1.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(big, out);
        }
        Instant from = START.plusSeconds(23 * 3600);
        Replayed r = replay(gz, from, true);
        assertThat(r.start()).isZero();
        assertThat(r.events()).isEqualTo(replay(big, from, false).events());
    }

    @Test
    void aBadLineAfterTheStartIsNamedByItsLineInTheFile() throws Exception {
        Path log = accessLog("access.log", 0, 1);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(70_000, "garbage that is no access log line");
        Files.write(log, lines);
        Replayed r = replay(log, START.plusSeconds(23 * 3600), true);
        assertThat(r.start()).isPositive();
        assertThat(r.health().detail()).contains("first at " + log + ":70001");
    }

    @Test
    void anAuthLogIsEnteredByItsSyslogTimes() throws Exception {
        Path f = dir.resolve("auth.log");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 80_000; i++) {
                Instant t = START.plusMillis(i * 1080L);
                w.write(SYSLOG.format(t) + " host sshd[" + (1000 + i) + "]: Failed password for root from 203.0.113."
                        + (i % 200) + " port " + (30000 + i % 1000) + " ssh2\n");
            }
        }
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(START.plusSeconds(86_400)));
        assertThat(Files.size(f)).isGreaterThan(TimeSeek.MIN_SIZE);
        Instant from = START.plusSeconds(22 * 3600);
        Replayed entered = replay(f, from, true);
        assertThat(entered.start()).isGreaterThan(Files.size(f) / 2);
        assertThat(entered.events())
                .hasSizeGreaterThan(1000)
                .isEqualTo(replay(f, from, false).events());
    }
}
