package dev.nethergaze.source.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --since: the recent past of current and rotated files, and nothing outside the window. */
class BackfillSourceTest {

    private static final Instant ELEVEN = Instant.parse("2025-03-10T11:00:00Z");
    private static final Instant NOON = Instant.parse("2025-03-10T12:00:00Z");
    private static final FileReplay.Options OPTIONS =
            new FileReplay.Options(AccessFormat.AUTO, ClientResolver.DIRECT, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static String line(String hhmmss) {
        return "203.0.113.1 - - [10/Mar/2025:" + hhmmss + " +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n";
    }

    /** A .gz beside its plain self is being compressed: the plain one alone is listed (read), not both. */
    @Test
    void aGzipBeingMadeOfAPlainRotatedFileIsNotListedBesideIt(@TempDir Path d) throws Exception {
        Path log = Files.writeString(d.resolve("access.log"), "");
        for (String n : List.of("access.log.1", "access.log.1.gz", "access.log.2.gz", "access.log.3")) {
            Files.writeString(d.resolve(n), "x\n");
        }
        assertThat(BackfillSource.rotated(log).stream().map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("access.log.1", "access.log.2.gz", "access.log.3");
    }

    @Test
    void replaysTheWindowFromCurrentAndRotatedFiles() throws Exception {
        Path current = Files.writeString(dir.resolve("access.log"), line("11:50:00") + line("12:00:30"));
        Files.writeString(dir.resolve("access.log.1"), line("10:30:00") + line("11:10:00"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("access.log.2.gz")))) {
            out.write((line("09:00:00") + line("11:05:00")).getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("access.log.bak"), line("11:30:00")); // not a rotation name
        BackfillSource b = elevenToNoon("*.log");
        assertThat(b.files())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("access.log", "access.log.1", "access.log.2.gz");
        List<SourceEvent> got = new ArrayList<>();
        b.run(got::add);
        assertThat(got)
                .extracting(e -> e.time().toString())
                .containsExactly("2025-03-10T11:05:00Z", "2025-03-10T11:10:00Z", "2025-03-10T11:50:00Z");
        assertThat(b.health().status()).isEqualTo(SourceStatus.DONE);
        assertThat(current).exists();
    }

    /**
     * A rotated file last written more than an hour before the window holds only older lines: it is
     * not opened (a year of weekly archives is not unpacked for --since 1h), and the health says so.
     */
    @Test
    void leavesRotatedFilesWrittenBeforeTheWindowUnread() throws Exception {
        Files.writeString(dir.resolve("access.log"), line("11:50:00"));
        Path recent = Files.writeString(dir.resolve("access.log.1"), line("10:30:00") + line("11:10:00"));
        Files.setLastModifiedTime(recent, FileTime.from(ELEVEN.plusSeconds(600)));
        Path old = Files.writeString(dir.resolve("access.log.2"), line("09:00:00") + line("11:05:00"));
        Files.setLastModifiedTime(old, FileTime.from(ELEVEN.minusSeconds(3 * 3600 / 2)));
        Path edge = Files.writeString(dir.resolve("access.log.3"), line("09:40:00"));
        Files.setLastModifiedTime(edge, FileTime.from(ELEVEN.minus(BackfillSource.ROTATED_SLACK)));
        BackfillSource b = elevenToNoon("access.log");
        assertThat(b.files())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("access.log", "access.log.1", "access.log.3");
        List<SourceEvent> got = new ArrayList<>();
        b.run(got::add);
        // access.log.2's 11:05 line (impossible in a file last written at 09:30) is not read
        assertThat(got)
                .extracting(e -> e.time().toString())
                .containsExactly("2025-03-10T11:10:00Z", "2025-03-10T11:50:00Z");
        assertThat(b.health().detail())
                .contains("3 files")
                .endsWith("left unread: 1 rotated file last written before the window");
    }

    /**
     * The backfill and the tailer split a current log at its size when they start ({@link
     * dev.nethergaze.source.tail.Handover}): lines written after that, whatever their timestamps (a
     * long request is logged with its start time), are the tailer's, and every line is read once.
     * Split by time as before, the old-stamped late lines were read twice and the others lost.
     */
    @Test
    void backfillAndTailerSplitACurrentLogAtItsSizeAtStart() throws Exception {
        Path log = dir.resolve("access.log");
        StringBuilder before = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            before.append(
                    line(String.format(java.util.Locale.ROOT, "11:%02d:00", i)).replace("GET /", "GET /b" + i));
        }
        Files.writeString(log, before);
        dev.nethergaze.source.tail.Handover handover = dev.nethergaze.source.tail.Handover.of(List.of(log.toString()));
        // written after start-up: some stamped before it (long requests), some after
        Files.writeString(
                log,
                line("11:55:00").replace("GET /", "GET /late-old")
                        + line("12:00:05").replace("GET /", "GET /late-new"),
                java.nio.file.StandardOpenOption.APPEND);
        BackfillSource b = new BackfillSource(
                List.of(BackfillSource.Span.since(List.of(log.toString()), ELEVEN)),
                List.of(),
                NOON,
                handover,
                OPTIONS,
                (n, st, d) -> {});
        List<String> backfilled = new ArrayList<>();
        b.run(e -> backfilled.add(((dev.nethergaze.model.HttpHit) e).target()));
        assertThat(backfilled).hasSize(50).allMatch(t -> t.startsWith("/b"));

        List<String> tailed = new ArrayList<>();
        dev.nethergaze.source.tail.TailConfig config =
                dev.nethergaze.source.tail.TailConfig.defaults().withHandover(handover);
        try (dev.nethergaze.source.tail.FileTailer t = new dev.nethergaze.source.tail.FileTailer(
                List.of(log.toString()),
                config,
                (file, number, buf, off, len, cut) -> tailed.add(new String(buf, off, len, StandardCharsets.UTF_8)),
                e -> {})) {
            t.pollOnce();
        }
        assertThat(tailed).hasSize(2);
        assertThat(tailed.get(0)).contains("/late-old");
        assertThat(tailed.get(1)).contains("/late-new");
    }

    /** A long backfill shows its progress in its health while it runs (the console's header line). */
    @Test
    void showsItsProgressWhileItRuns() throws Exception {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            log.append(line(String.format(java.util.Locale.ROOT, "11:%02d:%02d", i / 60 % 60, i % 60)));
        }
        Files.writeString(dir.resolve("access.log"), log);
        BackfillSource b = elevenToNoon("access.log");
        List<String> seen = new ArrayList<>();
        int[] n = {0};
        b.run(e -> {
            if (++n[0] == 2500) {
                seen.add(b.health().detail());
            }
        });
        assertThat(seen).singleElement().asString().endsWith("since 2025-03-10T11:00:00Z: 2048 events so far");
        assertThat(b.health().status()).isEqualTo(SourceStatus.DONE);
        assertThat(b.health().detail()).isEqualTo("1 file, 3000 events since 2025-03-10T11:00:00Z");
    }

    /**
     * The journal's backfill is merged into the files' by time: side by side, the engine got the two
     * interleaved as they were read, and the faster one pushed the other's older attempts out of the
     * detector's windows. Each keeps its own entry in {@code sources[]}.
     */
    @Test
    void aJournalStreamIsMergedWithTheFilesByTime() throws Exception {
        Files.writeString(dir.resolve("access.log"), line("11:10:00") + line("11:30:00") + line("11:50:00"));
        List<SourceEvent> journal = new ArrayList<>();
        for (String t : List.of("11:05:00", "11:20:00", "11:40:00")) {
            journal.add(new AuthAttempt(
                    "auth",
                    Instant.parse("2025-03-10T" + t + "Z"),
                    IpKey.parse("198.51.100.9"),
                    "root",
                    AuthKind.FAILED_PASSWORD,
                    "Failed password for root from 198.51.100.9 port 22 ssh2"));
        }
        SourceHealth journalHealth =
                new SourceHealth("backfill:journald", "auth", SourceStatus.DONE, "journal read", 3, 0);
        Source stream = new Source() {
            @Override
            public String name() {
                return "backfill:journald";
            }

            @Override
            public SourceHealth health() {
                return journalHealth;
            }

            @Override
            public boolean finite() {
                return true;
            }

            @Override
            public void run(EventSink sink) throws InterruptedException {
                for (SourceEvent e : journal) {
                    sink.emit(e);
                }
            }
        };
        BackfillSource b = new BackfillSource(
                List.of(BackfillSource.Span.since(
                        List.of(dir.resolve("access.log").toString()), ELEVEN)),
                List.of(stream),
                NOON,
                OPTIONS,
                (n, s, d) -> {});
        List<SourceEvent> got = new ArrayList<>();
        b.run(got::add);
        assertThat(got)
                .extracting(e -> e.time().toString().substring(11, 19))
                .containsExactly("11:05:00", "11:10:00", "11:20:00", "11:30:00", "11:40:00", "11:50:00");
        assertThat(b.fileHealth()).extracting(SourceHealth::name).containsExactly("backfill", "backfill:journald");
        assertThat(b.health().detail())
                .isEqualTo("1 file, 6 events since 2025-03-10T11:00:00Z, with backfill:journald"
                        + beforeFirstLine("access.log", "11:10:00"));
    }

    /** Lines it could not read are counted in its entry; a file of which none parses is an error, not "done". */
    @Test
    void unparsedLinesAreShownAndAnUnknownFormatIsAnError() throws Exception {
        Files.writeString(dir.resolve("access.log"), line("11:10:00") + "garbage\n" + line("11:20:00"));
        BackfillSource some = elevenToNoon("access.log");
        some.run(e -> {});
        assertThat(some.health().status()).isEqualTo(SourceStatus.DONE);
        assertThat(some.health().detail())
                .isEqualTo("1 file, 2 events since 2025-03-10T11:00:00Z" + beforeFirstLine("access.log", "11:10:00")
                        + "; 1 unparsed (first at " + dir.resolve("access.log") + ":2)");

        Files.writeString(dir.resolve("access.log"), "2025-03-10T11:10:00Z GET / 200 203.0.113.1\n".repeat(3));
        BackfillSource none = elevenToNoon("access.log");
        none.run(e -> {});
        assertThat(none.health().status()).isEqualTo(SourceStatus.ERROR);
        assertThat(none.health().detail())
                .isEqualTo("1 file, 0 events since 2025-03-10T11:00:00Z; 3 unparsed (first at "
                        + dir.resolve("access.log") + ":1); no line recognised (another format? set --log-format)");
    }

    /**
     * An error log taken for the access log (a glob, or --auth-log error.log) is said to be one, and
     * the hint is to give the access log: it ended "no line recognised (another format? set
     * --log-format)", which no format would mend.
     */
    @Test
    void anErrorLogIsNoUnknownFormat() throws Exception {
        Files.copy(
                Path.of(BackfillSourceTest.class
                        .getResource("/httplog/nginx-error.log")
                        .toURI()),
                dir.resolve("access.log"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        BackfillSource b = elevenToNoon("access.log");
        b.run(e -> {});
        assertThat(b.health().status()).isEqualTo(SourceStatus.ERROR);
        assertThat(b.health().detail())
                .contains("of them lines of an nginx error log, not an access log")
                .endsWith("; no line recognised (a web server's error log: give its access log)")
                .doesNotContain("another format");
    }

    /**
     * Lines of an access log whose client is no address, or a host name, are said as a replay says
     * them, per file, and such a file is no unknown format. Before (black-box, snapshot --since 1h over
     * a file of 256.1.1.1 and 1.2.3 clients and one of a good line, a 256.1.1.1 and a host name), the
     * backfill's entry said "3 unparsed" alone and nothing of the host name; over the first file alone,
     * it was an error, "no line recognised (another format? set --log-format)".
     */
    @Test
    void linesWhoseClientIsNoAddressOrANameAreSaidPerFileAndAreNoUnknownFormat() throws Exception {
        String rest = " - - [10/Mar/2025:11:10:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\"\n";
        Files.writeString(dir.resolve("access.log"), "256.1.1.1" + rest + "1.2.3" + rest);
        BackfillSource bad = elevenToNoon("access.log");
        bad.run(e -> {});
        assertThat(bad.health().status()).isEqualTo(SourceStatus.DONE);
        Path log = dir.resolve("access.log");
        assertThat(bad.health().detail())
                .isEqualTo("1 file, 0 events since 2025-03-10T11:00:00Z; 2 unparsed (first at " + log
                        + ":1); their client fields are not valid addresses (first at " + log + ":1)");

        Files.writeString(log, "203.0.113.9" + rest + "256.1.1.1" + rest + "crawl.example.com" + rest);
        BackfillSource mixed = elevenToNoon("access.log");
        mixed.run(e -> {});
        assertThat(mixed.health().status()).isEqualTo(SourceStatus.DONE);
        assertThat(mixed.health().detail())
                .endsWith("; 1 unparsed (first at " + log + ":2); its client field is not a valid address (first at "
                        + log + ":2); 1 line naming the client by host name, not address, not used (first"
                        + " \"crawl.example.com\" at " + log + ":3; Apache HostnameLookups or sshd UseDNS on? log"
                        + " addresses)");
    }

    /**
     * Rotated by the real logrotate with {@code extension .log} ({@code access.1.log.gz}) or with {@code
     * dateext} too ({@code access-2026-12-07.log}): {@code --since 1h} reads them. Before, only names
     * that go on from the log's whole name were looked for: black-box, 500 of 2,500 lines of the hour
     * were backfilled, and nothing said why.
     */
    @Test
    void realLogrotateExtensionNamesAreBackfilled() throws Exception {
        for (String options : List.of(
                "rotate 2\n  create\n  extension .log\n  compress",
                "rotate 2\n  create\n  extension .log\n  dateext\n  dateformat -%Y-%m-%d")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    dev.nethergaze.source.tail.RealLogrotate.installed(), "logrotate is not installed");
            Path sub = Files.createDirectory(dir.resolve("d" + options.length()));
            Path log = sub.resolve("access.log");
            Instant now = Instant.now();
            Files.writeString(log, line(now.minusSeconds(1800)) + line(now.minusSeconds(1200)));
            new dev.nethergaze.source.tail.RealLogrotate(sub, log, options).run();
            Files.writeString(log, line(now.minusSeconds(600)), java.nio.file.StandardOpenOption.APPEND);
            BackfillSource b =
                    new BackfillSource(List.of(log.toString()), now.minusSeconds(3600), now, OPTIONS, (n, st, d) -> {});
            assertThat(b.files()).as(options).hasSize(2);
            List<SourceEvent> got = new ArrayList<>();
            b.run(got::add);
            assertThat(got).as(options).hasSize(3);
            assertThat(b.health().detail()).as(options).doesNotContain("no rotated file");
        }
    }

    /**
     * A current log with no rotated file next to it whose first line is later than the window's start:
     * the window reaches before what the log holds, and the backfill says so once in its status (before,
     * silence; the rotated files may be under names it does not know). Not with a rotated file, nor when
     * the log reaches the window's start.
     */
    @Test
    void aWindowBeforeTheFirstLineOfALogWithNoRotatedFileIsSaid() throws Exception {
        Path log = Files.writeString(dir.resolve("access.log"), line("11:30:00") + line("11:40:00"));
        BackfillSource alone = elevenToNoon("access.log");
        alone.run(e -> {});
        assertThat(alone.health().detail())
                .isEqualTo("1 file, 2 events since 2025-03-10T11:00:00Z; " + log + " begins at"
                        + " 2025-03-10T11:30:00Z, after the window's start, and no rotated file of it was found next"
                        + " to it (NAME.1, NAME-DATE, NAME.1.gz, or with logrotate's extension STEM.1.EXT): lines of"
                        + " the window before then are not read");

        Files.writeString(dir.resolve("access.log.1"), line("10:50:00"));
        BackfillSource rotated = elevenToNoon("access.log");
        rotated.run(e -> {});
        assertThat(rotated.health().detail()).isEqualTo("2 files, 2 events since 2025-03-10T11:00:00Z");

        // a glob that matches a rotated file too (access.1.log of logrotate's extension .log): it is the log's
        Files.delete(dir.resolve("access.log.1"));
        Files.writeString(dir.resolve("access.1.log"), line("11:20:00"));
        BackfillSource glob = elevenToNoon("*access*.log");
        glob.run(e -> {});
        assertThat(glob.health().detail()).isEqualTo("2 files, 3 events since 2025-03-10T11:00:00Z");
    }

    /** The backfill's note for {@code name} in {@link #dir}, alone, whose first line is at {@code hhmmss}. */
    private String beforeFirstLine(String name, String hhmmss) {
        return "; " + dir.resolve(name) + " begins at 2025-03-10T" + hhmmss + "Z, after the window's start, and no"
                + " rotated file of it was found next to it (NAME.1, NAME-DATE, NAME.1.gz, or with logrotate's"
                + " extension STEM.1.EXT): lines of the window before then are not read";
    }

    private static String line(Instant t) {
        return "203.0.113.1 - - ["
                + java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ROOT)
                        .format(t.atZone(ZoneOffset.UTC))
                + "] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\"\n";
    }

    /** A backfill of 11:00 to 12:00 on 2025-03-10 over the files {@code pattern} matches in {@link #dir}. */
    private BackfillSource elevenToNoon(String pattern) {
        return new BackfillSource(List.of(dir.resolve(pattern).toString()), ELEVEN, NOON, OPTIONS, (n, s, d) -> {});
    }
}
