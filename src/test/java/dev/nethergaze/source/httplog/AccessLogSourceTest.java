package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.TailConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogSourceTest {

    @TempDir
    Path dir;

    private final List<SourceEvent> events = new CopyOnWriteArrayList<>();

    private static final String LINE =
            "203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] \"GET /wp-login.php HTTP/1.1\" 404 12 \"-\" \"scan\"\n";

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline)
                    .as("timed out waiting for " + what)
                    .isTrue();
            Thread.sleep(2);
        }
    }

    /** Polls every 5 ms, rescans globs every 20 ms. */
    private static TailConfig config(boolean fromStart, int maxLine) {
        return new TailConfig(
                Duration.ofMillis(5),
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                fromStart,
                maxLine,
                InstantSource.system());
    }

    /** Runs the source on its own thread, its events into {@link #events}. */
    private Thread start(AccessLogSource source) {
        return Thread.ofPlatform().start(() -> {
            try {
                source.run(events::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void missingUntilALogAppearsThenEmitsHitsOnLogTime() throws Exception {
        String glob = dir.resolve("*access*.log").toString();
        TailConfig config = config(false, TailConfig.DEFAULT_MAX_LINE);
        AccessLogSource source = new AccessLogSource(List.of(glob), config, StatusReporter.silent());
        assertThat(source.name()).isEqualTo("http:" + glob);
        Path log = dir.resolve("site-access.log");
        Thread t = start(source);
        try {
            await("missing", () -> source.health().status() == SourceStatus.MISSING);
            Files.writeString(log, LINE + "garbage\n" + LINE.replace("203.0.113.9", "host.example.org"));
            await("hit", () -> !events.isEmpty() && source.health().lines() == 3);
            await("ok", () -> source.health().status() == SourceStatus.OK);
            assertThat(source.health().detail()).contains(log.toString());
        } finally {
            t.interrupt();
            t.join(5000);
        }
        assertThat(events).hasSize(1);
        HttpHit hit = (HttpHit) events.getFirst();
        assertThat(hit.time()).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(hit.source()).isEqualTo(log.toString()); // the file, not the glob it matched
        assertThat(source.health().malformed()).isEqualTo(1);
        assertThat(source.health().detail()).endsWith("; 1 unparsed (first at " + log + ":2)");
        assertThat(source.unresolvedHosts()).isEqualTo(1);
    }

    /** A followed log deleted is "missing" for the source as for its own entry (it said "error" while waiting). */
    @Test
    void aFollowedLogDeletedIsMissingNotAnError() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log, LINE);
        TailConfig config = config(true, TailConfig.DEFAULT_MAX_LINE);
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        AccessLogSource source =
                new AccessLogSource(List.of(log.toString()), config, (n, st, d) -> reports.add(st.json() + ": " + d));
        Thread t = start(source);
        try {
            await("read", () -> source.health().lines() == 1);
            Files.delete(log);
            await("missing", () -> source.health().status() == SourceStatus.MISSING);
            assertThat(source.health().detail()).contains(log + ": waiting for it to appear");
            assertThat(reports).noneMatch(r -> r.startsWith("error"));
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }

    /** A create/rename rotation's gap, shorter than the grace: nothing reported (before: "missing: ..."). */
    @Test
    void aRotationsRenameGapIsNotReported() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log, LINE);
        TailConfig config = new TailConfig(
                Duration.ofMillis(5),
                Duration.ofMillis(20),
                Duration.ofSeconds(10),
                true,
                TailConfig.DEFAULT_MAX_LINE,
                InstantSource.system());
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        AccessLogSource source =
                new AccessLogSource(List.of(log.toString()), config, (n, st, d) -> reports.add(st.json() + ": " + d));
        Thread t = start(source);
        try {
            await("read", () -> source.health().lines() == 1);
            for (int round = 1; round <= 2; round++) {
                Files.move(log, dir.resolve("access.log." + round));
                Thread.sleep(60);
                Files.writeString(log, LINE);
                long want = round + 1L;
                await("the new file read", () -> source.health().lines() == want);
            }
            assertThat(reports).isEmpty();
            assertThat(source.health().status()).isEqualTo(SourceStatus.OK);
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }

    /** Lines of spaces, tabs or a CR alone are blank as an empty one is: no request, not unparsed. */
    @Test
    void blankLinesAreNotUnparsedInAnyFormat() throws Exception {
        for (String format : List.of("auto", "apache:%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"")) {
            events.clear();
            Path log = Files.writeString(dir.resolve("blank.log"), "");
            AccessLogSource source = new AccessLogSource(
                    List.of(log.toString()),
                    config(true, TailConfig.DEFAULT_MAX_LINE),
                    AccessFormat.parse(format),
                    ClientResolver.DIRECT,
                    StatusReporter.silent());
            Thread t = start(source);
            try {
                Files.writeString(log, LINE + "   \n\t\n \r\n\n" + "garbage\n" + LINE);
                await("all lines", () -> source.health().lines() == 7);
            } finally {
                t.interrupt();
                t.join(5000);
            }
            assertThat(events).as(format).hasSize(2);
            assertThat(source.health().malformed()).as(format).isEqualTo(1);
            assertThat(source.health().detail()).as(format).endsWith("; 1 unparsed (first at " + log + ":6)");
            Files.delete(log);
        }
    }

    /** A well-formed line's rest after its client field. */
    private static final String REST = " - - [10/Oct/2025:13:55:36 +0000] \"GET / HTTP/1.1\" 200 7 \"-\" \"curl/8\"\n";

    private AccessLogSource autoSource(Path log) {
        return new AccessLogSource(
                List.of(log.toString()),
                config(true, TailConfig.DEFAULT_MAX_LINE),
                AccessFormat.parse("auto"),
                ClientResolver.DIRECT,
                StatusReporter.silent());
    }

    /**
     * A followed log's unparsed lines whose client field is an address that is none (256.1.1.1) or holds
     * no address ("-") say so in its entry, as a replay's do: a log written with a broken client field
     * is not taken for one in another format.
     */
    @Test
    void unparsedLinesWithoutAReadableClientSaySoWhenFollowed() throws Exception {
        Path log = Files.writeString(dir.resolve("clientless.log"), "");
        AccessLogSource source = autoSource(log);
        Thread t = start(source);
        try {
            Files.writeString(log, LINE + "256.1.1.1" + REST + "01.02.03.004" + REST + "-" + REST + "garbage\n");
            await("all lines", () -> source.health().lines() == 5);
            assertThat(source.health().malformed()).isEqualTo(4);
            assertThat(source.fileHealth())
                    .singleElement()
                    .satisfies(e -> assertThat(e.detail())
                            .isEqualTo(
                                    "4 unparsed (first at " + log + ":2); 2 of them with a client field that is not a"
                                            + " valid address (first at " + log
                                            + ":2); 1 of them with a client field that holds no"
                                            + " address (first at " + log + ":4)"));
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }

    /** A followed file of such lines alone is in the right format: not "no line recognised" (another format). */
    @Test
    void aFollowedFileOfClientlessLinesAloneIsNotSaidToBeInAnotherFormat() throws Exception {
        Path log = Files.writeString(dir.resolve("clientless-only.log"), "");
        AccessLogSource source = autoSource(log);
        Thread t = start(source);
        try {
            Files.writeString(log, "256.1.1.1" + REST + "-" + REST);
            await("both lines", () -> source.health().lines() == 2);
            assertThat(source.fileHealth()).singleElement().satisfies(e -> {
                assertThat(e.status()).isEqualTo(SourceStatus.OK);
                assertThat(e.detail()).doesNotContain("no line recognised").contains("holds no address");
            });
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }

    @Test
    void badLinesAreCountedWithTheFirstOnesPlaceAndOverlongOnesSaySo() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log, "");
        TailConfig config = config(true, 1024);
        AccessLogSource source = new AccessLogSource(List.of(log.toString()), config, StatusReporter.silent());
        Thread t = start(source);
        try {
            String overlong = LINE.replace("/wp-login.php", "/" + "a".repeat(2000));
            Files.writeString(log, LINE + "\n" + overlong + "\u0000\u0001 binary\n" + LINE);
            await("all lines", () -> source.health().lines() == 5);
        } finally {
            t.interrupt();
            t.join(5000);
        }
        assertThat(events).hasSize(2);
        assertThat(source.health().malformed()).as("the blank line is not one").isEqualTo(2);
        assertThat(source.health().detail()).endsWith("; 2 unparsed (first at " + log + ":3; 1 longer than 1 KiB)");
    }

    @Test
    void sourcesListOneEntryPerFileWithItsOwnCountsAndProblem() throws Exception {
        Path a = dir.resolve("a-access.log");
        Path b = dir.resolve("b-access.log");
        Path notAFile = dir.resolve("c-access.log");
        Files.writeString(a, "");
        Files.writeString(b, "");
        Files.createDirectory(notAFile);
        Path absent = dir.resolve("nginx-access.log.missing");
        TailConfig config = config(true, TailConfig.DEFAULT_MAX_LINE);
        AccessLogSource source = new AccessLogSource(
                List.of(dir.resolve("*-access.log").toString(), absent.toString()), config, StatusReporter.silent());
        Thread t = start(source);
        try {
            Files.writeString(a, LINE + LINE + "garbage\n");
            Files.writeString(b, LINE);
            await("all lines", () -> source.health().lines() == 4);
            await("four entries", () -> source.fileHealth().size() == 4);
            List<SourceHealth> entries = source.fileHealth();
            assertThat(entries)
                    .extracting(SourceHealth::name)
                    .as("by path; the absent literal path named beside the others is an entry of its own")
                    .containsExactly("http:" + a, "http:" + b, "http:" + notAFile, "http:" + absent);
            assertThat(entries.get(3).status()).isEqualTo(SourceStatus.MISSING);
            assertThat(entries.get(3).detail()).isEqualTo("no such file; watching");
            assertThat(entries).allMatch(e -> e.kind().equals("http"));
            assertThat(entries.get(0).status()).isEqualTo(SourceStatus.OK);
            assertThat(entries.get(0).lines()).isEqualTo(3);
            assertThat(entries.get(0).malformed()).isEqualTo(1);
            assertThat(entries.get(0).detail()).isEqualTo("1 unparsed (first at " + a + ":3)");
            assertThat(entries.get(1).status()).isEqualTo(SourceStatus.OK);
            assertThat(entries.get(1).lines()).isEqualTo(1);
            assertThat(entries.get(1).malformed()).isZero();
            assertThat(entries.get(1).detail()).isEmpty();
            assertThat(entries.get(2).status()).isEqualTo(SourceStatus.ERROR);
            assertThat(entries.get(2).lines()).isZero();
            assertThat(entries.get(2).detail()).isNotEmpty();
            assertThat(source.health().lines())
                    .as("the whole source's count is the files' sum")
                    .isEqualTo(entries.stream().mapToLong(SourceHealth::lines).sum());

            Files.delete(b); // no longer there: its entry stays, done, with what it gave
            await(
                    "b done",
                    () -> source.fileHealth().stream()
                            .anyMatch(e -> e.name().equals("http:" + b) && e.status() == SourceStatus.DONE));
            assertThat(source.fileHealth().get(1).lines()).isEqualTo(1);
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }

    /**
     * Tester's B1 and B2: live, lines naming their client by host name (Apache's HostnameLookups) were
     * dropped without a word (the file's entry "ok", 0 unparsed), and a line after a hole of NULs (a
     * writer without O_APPEND after copytruncate) or a byte-order mark mid-file was taken for one of
     * them and lost. The NULs and the mark are skipped; the host-name lines are said in the file's entry
     * with the first one's place.
     */
    @Test
    void hostNameLinesAreSaidAndLinesAfterNulsOrAByteOrderMarkAreRead() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log, "");
        AccessLogSource source = new AccessLogSource(
                List.of(log.toString()), config(false, TailConfig.DEFAULT_MAX_LINE), StatusReporter.silent());
        Thread t = start(source);
        try {
            await("following", () -> source.health().status() == SourceStatus.OK);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 3; i++) {
                out.writeBytes(LINE.replace("203.0.113.9", "crawl-66-249-66-1.googlebot.com")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            out.writeBytes(new byte[4096]); // the hole a copytruncate leaves before a writer's next line
            out.writeBytes(
                    LINE.replace("203.0.113.9", "198.51.100.21").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            out.writeBytes(
                    LINE.replace("203.0.113.9", "198.51.100.8").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Files.write(log, out.toByteArray(), java.nio.file.StandardOpenOption.APPEND);
            await("five lines", () -> source.health().lines() == 5);
            await("two hits", () -> events.size() == 2);
            assertThat(events)
                    .extracting(e -> ((HttpHit) e).client().toString())
                    .containsExactly("198.51.100.21", "198.51.100.8");
            assertThat(source.fileHealth()).singleElement().satisfies(e -> {
                assertThat(e.status()).isEqualTo(SourceStatus.OK);
                assertThat(e.detail())
                        .isEqualTo("3 lines naming the client by host name, not address, not used (first"
                                + " \"crawl-66-249-66-1.googlebot.com\" at " + log
                                + ":1; Apache HostnameLookups or sshd UseDNS on? log addresses)");
            });
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }

    @Test
    void beforeAnyFileExistsTheSourceIsOneMissingEntry() throws Exception {
        String literal = dir.resolve("access.log").toString();
        String glob = dir.resolve("*access*.log").toString();
        TailConfig config = config(false, TailConfig.DEFAULT_MAX_LINE);
        AccessLogSource source = new AccessLogSource(List.of(literal, glob), config, StatusReporter.silent());
        Thread t = start(source);
        try {
            await("missing", () -> source.health().status() == SourceStatus.MISSING);
            assertThat(source.fileHealth()).singleElement().satisfies(e -> {
                assertThat(e.name()).isEqualTo("http:" + literal + "," + glob);
                assertThat(e.status()).isEqualTo(SourceStatus.MISSING);
                assertThat(e.detail()).isEqualTo("no file matches any of its 2 paths; watching");
            });
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }

    /**
     * When the lines come faster than they are taken (the engine's queue full, so the source waits to
     * hand them over), the file's entry says how far behind it is, as {@code behind} with the unread
     * MiB; caught up, it is {@code ok} again. Before, a view minutes behind a flooded log looked live.
     */
    @Test
    void aFileReadSlowerThanItGrowsIsBehindAndOkOnceCaughtUp() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log, "");
        AccessLogSource source = new AccessLogSource(
                List.of(log.toString()), config(false, TailConfig.DEFAULT_MAX_LINE), StatusReporter.silent());
        java.util.concurrent.Semaphore taken = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.atomic.AtomicBoolean slow = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicLong got = new java.util.concurrent.atomic.AtomicLong();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                source.run(
                        e -> { // an engine that takes one hit per permit while slow
                            if (slow.get()) {
                                taken.acquire();
                            }
                            got.incrementAndGet();
                        });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            await("following", () -> source.health().status() == SourceStatus.OK);
            int lines = (int) ((6L << 20) / LINE.length()) + 1; // 6 MiB written at once
            Files.writeString(log, LINE.repeat(lines));
            taken.release(10);
            await("behind", () -> source.fileHealth().getFirst().status() == SourceStatus.BEHIND);
            SourceHealth behind = source.fileHealth().getFirst();
            assertThat(behind.name()).isEqualTo("http:" + log);
            assertThat(behind.detail()).matches("[56]\\.\\d MiB unread: its lines come faster than they are judged.*");
            assertThat(source.health().status())
                    .as("the source as a whole works")
                    .isEqualTo(SourceStatus.OK);

            slow.set(false);
            taken.release(lines);
            await("all taken", () -> got.get() == lines);
            Files.writeString(log, LINE, java.nio.file.StandardOpenOption.APPEND); // a look after catching up
            await("ok again", () -> source.fileHealth().getFirst().status() == SourceStatus.OK);
        } finally {
            t.interrupt();
            t.join(5000);
        }
    }
}
