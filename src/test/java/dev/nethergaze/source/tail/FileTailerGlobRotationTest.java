package dev.nethergaze.source.tail;

import static dev.nethergaze.source.tail.TailHarness.append;
import static dev.nethergaze.source.tail.TailHarness.copyTruncate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Patterns that also match the rotated names ({@code access.lo[g]} and {@code access.log[-.][0-9]*}),
 * under each rotation style logrotate has: a file renamed from one followed name to another, or copied
 * to one, is one file, read once, whatever name it has, and what was there before start-up is never
 * read. Each test runs with the live log looked at first and with the rotated names matched first
 * (looked at before the live log's own look sees the rotation), on a fake clock, one look at a time.
 * One glob that matches both ({@code access.log*}, {@code *access*.log} with {@code extension .log})
 * follows the live log alone: the rotated names are its ({@link PathPattern#list}).
 */
class FileTailerGlobRotationTest {

    /** The live log first, the rotated names by a second pattern; or the rotated names first. */
    private static final String LIVE_FIRST = "access.lo[g],access.log[-.][0-9]*";

    private static final String ROTATED_FIRST = "access.log[-.][0-9]*,access.lo[g]";

    @TempDir
    Path dir;

    private final TailHarness rec = new TailHarness();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));

    private Path log;

    private FileTailer tailer(String patterns) {
        log = dir.resolve("access.log");
        TailConfig config = TailConfig.defaults().withClock(now::get); // 250 ms looks, 10 s rescans, 5 s grace
        List<String> list = java.util.Arrays.stream(patterns.split(","))
                .map(p -> dir.resolve(p).toString())
                .toList();
        return new FileTailer(list, config, rec, rec);
    }

    /** Looks every 250 ms of the fake clock for this long (rotate grace and glob rescans pass). */
    private void pollFor(FileTailer t, Duration d) throws Exception {
        Instant end = now.get().plus(d);
        while (now.get().isBefore(end)) {
            now.set(now.get().plusMillis(250));
            t.pollOnce();
        }
    }

    private void look(FileTailer t) throws Exception {
        pollFor(t, Duration.ofMillis(250));
    }

    /** logrotate's compress: the file gzipped under {@code to}, then removed. */
    private static void gzip(Path from, Path to) throws Exception {
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(to))) {
            Files.copy(from, out);
        }
        Files.delete(from);
    }

    private Path rotated(String suffix) {
        return dir.resolve("access.log" + suffix);
    }

    /** A file there before start-up, last written long before. */
    private Path old(String name, String text) throws Exception {
        Path p = Files.writeString(dir.resolve(name), text);
        Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.from(Instant.parse("2024-12-01T00:00:00Z")));
        return p;
    }

    /** What was there at start-up is in none of the files read; every line once, in order. */
    private void assertReadOnce(FileTailer t, String... lines) {
        assertThat(rec.texts()).containsExactly(lines);
        assertThat(t.problems()).isEmpty();
    }

    /**
     * create + delaycompress ({@code access.log.1} → {@code access.log.2.gz}, {@code access.log} →
     * {@code access.log.1}, a new {@code access.log}): the path access.log.1 now names the file read as
     * access.log, and reads it on where it was read (the server writes on to it until it reopens its
     * logs), not from its start. Before, every line of it was read twice, and what it held at start-up
     * ("cur") once.
     */
    @ParameterizedTest
    @ValueSource(strings = {LIVE_FIRST, ROTATED_FIRST})
    void createWithDelaycompress(String patterns) throws Exception {
        old("access.log.1", "old1\n");
        old("access.log", "cur\n");
        try (FileTailer t = tailer(patterns)) {
            t.pollOnce(); // both from their end
            append(log, "a1\na2\na3\n");
            look(t);
            for (String next : List.of("b", "c")) {
                if (Files.exists(rotated(".2.gz"))) {
                    Files.move(rotated(".2.gz"), rotated(".3.gz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                gzip(rotated(".1"), rotated(".2.gz"));
                Files.move(log, rotated(".1"));
                Files.createFile(log);
                append(rotated(".1"), next.equals("b") ? "a4\n" : "b3\n"); // before the server reopens
                look(t);
                append(log, next + "1\n");
                pollFor(t, Duration.ofSeconds(12));
                append(rotated(".1"), next.equals("b") ? "a5\n" : "b4\n"); // late, after the grace
                look(t);
                append(log, next + "2\n");
                look(t);
            }
            assertReadOnce(t, "a1", "a2", "a3", "a4", "b1", "a5", "b2", "b3", "c1", "b4", "c2");
            assertThat(t.following()).containsExactlyInAnyOrder(log, rotated(".1"));
            assertThat(rec.lines)
                    .filteredOn(l -> l.text().equals("a5"))
                    .singleElement()
                    .satisfies(l -> assertThat(l.file()).isEqualTo(rotated(".1")));
        }
    }

    /**
     * create without compression: each file moves one name on ({@code .1} → {@code .2}, {@code
     * access.log} → {@code .1}), every name followed; each is read on under its new name.
     */
    @ParameterizedTest
    @ValueSource(strings = {LIVE_FIRST, ROTATED_FIRST})
    void createWithoutCompression(String patterns) throws Exception {
        old("access.log.2", "old2\n");
        old("access.log.1", "old1\n");
        old("access.log", "cur\n");
        try (FileTailer t = tailer(patterns)) {
            t.pollOnce();
            append(log, "a1\n");
            look(t);
            for (String next : List.of("b", "c")) {
                Files.move(rotated(".2"), rotated(".3"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.move(rotated(".1"), rotated(".2"));
                Files.move(log, rotated(".1"));
                Files.createFile(log);
                look(t);
                append(log, next + "1\n");
                append(rotated(".2"), next + "-late2\n"); // written to the renamed files after their move
                append(rotated(".1"), next + "-late1\n");
                pollFor(t, Duration.ofSeconds(12));
                append(rotated(".3"), next + "-later3\n");
                pollFor(t, Duration.ofSeconds(12));
            }
            assertThat(rec.texts())
                    .containsExactlyInAnyOrder(
                            "a1", "b1", "b-late2", "b-late1", "b-later3", "c1", "c-late2", "c-late1", "c-later3");
            assertThat(t.problems()).isEmpty();
        }
    }

    /**
     * create + dateext: the rotated file's new name ({@code access.log-20250101}) is found by the glob's
     * rescan, up to 10 s later, and read on from where it was read as access.log.
     */
    @ParameterizedTest
    @ValueSource(strings = {LIVE_FIRST, ROTATED_FIRST})
    void createWithDateext(String patterns) throws Exception {
        old("access.log-20241231", "old\n");
        old("access.log", "cur\n");
        try (FileTailer t = tailer(patterns)) {
            t.pollOnce();
            append(log, "a1\n");
            look(t);
            for (String next : List.of("b", "c")) {
                Path to = rotated(next.equals("b") ? "-20250101" : "-20250102");
                Files.move(log, to);
                Files.createFile(log);
                append(to, next + "-late\n");
                look(t);
                append(log, next + "1\n");
                pollFor(t, Duration.ofSeconds(12));
                append(to, next + "-later\n");
                pollFor(t, Duration.ofSeconds(12));
            }
            assertReadOnce(t, "a1", "b-late", "b1", "b-later", "c-late", "c1", "c-later");
        }
    }

    /**
     * copytruncate + delaycompress: the copy ({@code access.log.1}, a new file) holds what was read as
     * access.log and the lines written after the last look (a4), which are read once, from it; the
     * path access.log.1 reads it on from there, not from its start. Before, all of the copy was read
     * again, what was there at start-up too.
     */
    @ParameterizedTest
    @ValueSource(strings = {LIVE_FIRST, ROTATED_FIRST})
    void copytruncateWithDelaycompress(String patterns) throws Exception {
        old("access.log.1", "old1\n");
        old("access.log", "cur\n");
        try (FileTailer t = tailer(patterns)) {
            t.pollOnce();
            append(log, "a1\na2\n");
            look(t);
            for (String next : List.of("b", "c")) {
                append(log, next.equals("b") ? "a3\n" : "b3\n"); // not read before the copy
                if (Files.exists(rotated(".2.gz"))) {
                    Files.move(rotated(".2.gz"), rotated(".3.gz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                gzip(rotated(".1"), rotated(".2.gz"));
                // the copy is made a moment after (file times are coarse: a few ms apart under load, as here)
                Thread.sleep(20);
                copyTruncate(log, rotated(".1"), false);
                append(log, next + "1\n");
                look(t);
                append(log, next + "2\n");
                pollFor(t, Duration.ofSeconds(12));
            }
            assertReadOnce(t, "a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2");
        }
    }

    /** copytruncate + dateext: the copy, found by the glob's rescan, was read (to its end) already. */
    @ParameterizedTest
    @ValueSource(strings = {LIVE_FIRST, ROTATED_FIRST})
    void copytruncateWithDateext(String patterns) throws Exception {
        old("access.log-20241231", "old\n");
        old("access.log", "cur\n");
        try (FileTailer t = tailer(patterns)) {
            t.pollOnce();
            append(log, "a1\n");
            look(t);
            for (String next : List.of("b", "c")) {
                append(log, next.equals("b") ? "a2\n" : "b3\n");
                copyTruncate(log, rotated(next.equals("b") ? "-20250101" : "-20250102"), false);
                append(log, next + "1\n");
                look(t);
                append(log, next + "2\n");
                pollFor(t, Duration.ofSeconds(12));
            }
            assertReadOnce(t, "a1", "a2", "b1", "b2", "b3", "c1", "c2");
        }
    }

    /**
     * One glob that matches the live log and its rotated names, logrotate's {@code extension .log}
     * ({@code access.log} → {@code access.1.log}, {@code access-20250101.log} with dateext, a new
     * {@code access.log}): one file followed, access.log, whose rotated files are read through it, each
     * line once; a log named like a rotated one with no log of the shorter name beside it ({@code
     * app-1.log}) is followed. Before, {@code *access*.log} followed every rotated name as a log of its
     * own, each an entry in {@code sources[]}: 3 files for 1 log after two rotations.
     */
    @org.junit.jupiter.api.Test
    void oneGlobFollowsTheLiveLogAloneThroughItsRotations() throws Exception {
        old("access.1.log", "old1\n");
        old("access.log", "cur\n");
        Path app = old("app-1.log", "app0\n");
        try (FileTailer t = tailer("*access*.log,app*.log")) {
            t.pollOnce();
            assertThat(t.following()).containsExactly(log, app);
            append(log, "a1\n");
            look(t);
            for (String to : List.of("access.2.log", "access-20250101.log")) {
                if (to.equals("access.2.log")) {
                    Files.move(dir.resolve("access.1.log"), dir.resolve(to));
                    Files.move(log, dir.resolve("access.1.log"));
                } else {
                    Files.move(log, dir.resolve(to));
                }
                Files.createFile(log);
                append(dir.resolve(to.equals("access.2.log") ? "access.1.log" : to), to + "-late\n");
                look(t);
                append(log, to + "-new\n");
                pollFor(t, Duration.ofSeconds(12));
                assertThat(t.following()).as(to).containsExactly(log, app);
            }
            append(app, "app1\n");
            look(t);
            assertReadOnce(
                    t,
                    "a1",
                    "access.2.log-late",
                    "access.2.log-new",
                    "access-20250101.log-late",
                    "access-20250101.log-new",
                    "app1");
        }
    }
}
