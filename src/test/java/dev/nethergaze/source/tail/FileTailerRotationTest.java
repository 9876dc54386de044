package dev.nethergaze.source.tail;

import static dev.nethergaze.source.tail.TailHarness.appender;
import static dev.nethergaze.source.tail.TailHarness.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live tailer thread against a writer that rotates: no line may be lost or doubled. */
class FileTailerRotationTest {

    @TempDir
    Path dir;

    private final TailHarness rec = new TailHarness();

    private FileTailer tailer(String pattern) {
        return new FileTailer(List.of(pattern), TailHarness.fast(), rec, rec);
    }

    /** Looks every 250 ms (the default), on the system clock: slower than the rotations of the stress tests. */
    private static TailConfig slowPolls() {
        return new TailConfig(
                java.time.Duration.ofMillis(250),
                java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(2),
                false,
                TailConfig.DEFAULT_MAX_LINE,
                java.time.InstantSource.system());
    }

    private void awaitOpened() throws InterruptedException {
        TailHarness.await("file opened", () -> rec.saw(TailEvent.Kind.OPENED));
    }

    /**
     * Whether or not a look falls between the rename and the create, the old file's lines come first
     * and the rotation is said. A grace of 10 s: a writer held up under load still writes to the old
     * file within it (the fast config's 100 ms closed it before lines 301 to 400 came, now and then).
     */
    @Test
    void renameAndCreateDrainsTheOldFileFirst() throws Exception {
        Path log = dir.resolve("access.log");
        TailConfig config = TailHarness.fast()
                .withIntervals(
                        java.time.Duration.ofMillis(5),
                        java.time.Duration.ofMillis(20),
                        java.time.Duration.ofSeconds(10));
        try (OutputStream old = appender(log)) {
            write(old, -5, 0); // there before we start: not delivered (tail from the end)
            try (var running = new TailHarness.Running(new FileTailer(List.of(log.toString()), config, rec, rec))) {
                awaitOpened();
                write(old, 1, 300);
                Files.move(log, dir.resolve("access.log.1"));
                write(old, 301, 400); // the server writes to the renamed file until it reopens
                try (OutputStream fresh = appender(log)) {
                    write(fresh, 401, 1000);
                    rec.awaitLines(1000);
                }
            }
        }
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, 1000));
        assertThat(rec.count(TailEvent.Kind.ROTATED)).as(rec.events.toString()).isEqualTo(1);
        assertThat(rec.saw(TailEvent.Kind.MISSING)).as(rec.events.toString()).isFalse();
    }

    /**
     * logrotate's {@code create}: a rename, then a new log a moment later. A look that falls in between
     * finds no file and drains the old one; a later one finds the new one. The rotation is still said,
     * once (before: {@link TailEvent.Kind#ROTATED} only when a look saw the new file right after the old
     * one, so {@link #renameAndCreateDrainsTheOldFileFirst} failed now and then under load), and the gap,
     * shorter than the grace, is not {@link TailEvent.Kind#MISSING}. The server writes its last line to
     * the old file, then reopens, making the new log, between a look's read of the old file and its look
     * at the path (driven there by the tailer's hook): the old file's end still comes first (before: 6,
     * 8, 7).
     */
    @Test
    void aLookInTheRenameGapStillSaysRotatedAndReadsTheOldFileFirst() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (FileTailer t = rec.tailer(log);
                OutputStream old = appender(log)) {
            t.pollOnce();
            write(old, 1, 3);
            rec.pollLater(t);
            Files.move(log, dir.resolve("access.log.1"));
            write(old, 4, 5); // the server writes to the renamed file until it reopens
            rec.pollLater(t); // the look in the gap
            assertThat(t.following()).as("a gap shorter than the grace").containsExactly(log);
            write(old, 6, 6);
            t.beforeEachLook(() -> {
                try {
                    write(old, 7, 7); // its last line, then it reopens: the new log
                    TailHarness.append(log, TailHarness.numbered(8) + "\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                t.beforeEachLook(() -> {});
            });
            rec.pollLater(t);
            write(old, 9, 9); // late, within the grace
            rec.pollLater(t);
        }
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, 9));
        assertThat(rec.count(TailEvent.Kind.ROTATED)).as(rec.events.toString()).isEqualTo(1);
        assertThat(rec.saw(TailEvent.Kind.MISSING)).as(rec.events.toString()).isFalse();
    }

    /**
     * A server that writes all the time and reopens its log a moment after it is told (nginx on USR1),
     * and logrotate run faster than the tailer looks (every 100 ms, polls every 250 ms): renames
     * {@code .N} to {@code .N+1}, the log to {@code .1}, creates a new one, then tells the server. No
     * line is lost or read twice.
     */
    @Test
    void rotationsFasterThanThePollsLoseAndDoubleNothing() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        TailConfig slow = slowPolls();
        java.util.concurrent.atomic.AtomicBoolean reopen = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        try (var running = new TailHarness.Running(new FileTailer(List.of(log.toString()), slow, rec, rec))) {
            awaitOpened();
            Thread server = Thread.ofPlatform().start(() -> {
                try {
                    OutputStream out = appender(log);
                    while (!stop.get()) {
                        if (reopen.getAndSet(false)) {
                            out.close();
                            out = appender(log);
                        }
                        int n = written.incrementAndGet();
                        write(out, n, n);
                        if (n % 20 == 0) {
                            Thread.sleep(1);
                        }
                    }
                    out.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int round = 0; round < 8; round++) {
                Thread.sleep(100);
                for (int k = 12; k >= 1; k--) {
                    Path from = dir.resolve("access.log." + k);
                    if (Files.exists(from)) {
                        Files.move(from, dir.resolve("access.log." + (k + 1)));
                    }
                }
                Files.move(log, dir.resolve("access.log.1"));
                Files.createFile(log);
                reopen.set(true);
            }
            Thread.sleep(50);
            stop.set(true);
            server.join();
            rec.awaitLines(written.get());
            Thread.sleep(300); // nothing more may come (a line read twice)
        }
        assertThat(rec.texts()).containsExactlyInAnyOrderElementsOf(TailHarness.numbered(1, written.get()));
    }

    /**
     * A create/rename rotation leaves the path without a file for a moment: a gap shorter than the
     * rotation grace is no problem (before: "missing: waiting for it to appear" at every second or
     * third rotation, on stderr in watch).
     */
    @Test
    void aRenameGapShorterThanTheGraceIsNotMissing() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        // polls every 5 ms, so the gaps below are seen; a grace of 10 s: none of them is that long
        TailConfig config = new TailConfig(
                java.time.Duration.ofMillis(5),
                java.time.Duration.ofMillis(20),
                java.time.Duration.ofSeconds(10),
                false,
                TailConfig.DEFAULT_MAX_LINE,
                java.time.InstantSource.system());
        try (var running = new TailHarness.Running(new FileTailer(List.of(log.toString()), config, rec, rec))) {
            awaitOpened();
            int n = 0;
            for (int round = 1; round <= 3; round++) {
                try (OutputStream out = appender(log)) {
                    write(out, n + 1, n + 20);
                    n += 20;
                }
                Files.move(log, dir.resolve("access.log." + round));
                Thread.sleep(60); // the gap, seen by several polls
                Files.createFile(log);
                int opened = round + 1;
                TailHarness.await("new file opened", () -> rec.count(TailEvent.Kind.OPENED) >= opened);
            }
            try (OutputStream out = appender(log)) {
                write(out, n + 1, n + 10);
                n += 10;
            }
            rec.awaitLines(n);
            assertThat(rec.saw(TailEvent.Kind.MISSING)).isFalse();
        }
    }

    /**
     * Size-based rotation during a flood: two rotations back to back, each a rename, a new log and the
     * renamed one compressed at once and removed (logrotate's {@code compress} without {@code
     * delaycompress}), faster than the tailer looks (every 250 ms). The file the path named only
     * between two looks is gone when it looks again, but for its {@code .gz}: that is read, so no line
     * is lost. A third rotation, after the tailer has caught up: the file it read is not read again
     * from its {@code .gz}. The path, never missing for longer than a rename, is not reported missing.
     * (Before: the middle file's lines were lost without a word, and "missing" was reported.)
     */
    @Test
    void twoRotationsWithCompressionBetweenTwoLooksLoseNothing() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        int perRound = 5_000;
        int n = 0;
        try (var running = new TailHarness.Running(new FileTailer(List.of(log.toString()), slowPolls(), rec, rec))) {
            awaitOpened();
            for (int round = 1; round <= 3; round++) {
                if (round == 3) { // the tailer has caught up (and read the middle file, or failed to)
                    rec.awaitLines(n, java.time.Duration.ofSeconds(60));
                }
                try (OutputStream out = new java.io.BufferedOutputStream(appender(log), 1 << 16)) {
                    write(out, n + 1, n + perRound);
                    n += perRound;
                }
                rotateAndCompress(log);
            }
            try (OutputStream out = appender(log)) {
                write(out, n + 1, n + 10);
                n += 10;
            }
            rec.awaitLines(n, java.time.Duration.ofSeconds(60));
            Thread.sleep(600); // nothing more may come (a file read twice)
        }
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, n));
        assertThat(rec.saw(TailEvent.Kind.MISSING)).as(rec.events.toString()).isFalse();
    }

    /** logrotate with {@code compress}: the log renamed to .1, a new one created, .1 gzipped to .1.gz and removed. */
    private static void rotateAndCompress(Path log) throws java.io.IOException {
        Path rotated = log.resolveSibling("access.log.1");
        Path tmp = log.resolveSibling("access.log.1.gz.tmp");
        Files.move(log, rotated);
        Files.createFile(log);
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(tmp))) {
            Files.copy(rotated, out);
        }
        Files.move(tmp, log.resolveSibling("access.log.1.gz"), StandardCopyOption.REPLACE_EXISTING);
        Files.delete(rotated);
    }

    @Test
    void renameRotationRepeatedUnderLoad() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (var running = new TailHarness.Running(tailer(log.toString()))) {
            awaitOpened();
            int n = 0;
            for (int round = 1; round <= 5; round++) {
                try (OutputStream out = appender(log)) {
                    write(out, n + 1, n + 200);
                    n += 200;
                    Files.move(log, dir.resolve("access.log." + round));
                    write(out, n + 1, n + 50);
                    n += 50;
                }
                // each file must sit at the path for a poll or two: real rotations are hours apart
                int rounds = round;
                TailHarness.await("rotation seen", () -> rec.count(TailEvent.Kind.MISSING) >= rounds);
                Files.createFile(log);
                TailHarness.await("new file opened", () -> rec.count(TailEvent.Kind.OPENED) > rounds);
            }
            try (OutputStream out = appender(log)) {
                write(out, n + 1, n + 10);
                n += 10;
            }
            rec.awaitLines(n);
            assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, n));
        }
    }

    /**
     * logrotate's copytruncate (with compress and no delaycompress: the copy is gzipped at once) under
     * a writer that never stops, every 600 ms while the tailer looks every 250 ms (later on a starved
     * CPU, when a look may see two truncations or one between its listing of copies and its read).
     * Two truncations between two looks are FileTailerPollTest's, deterministic. (At 150 ms, with the
     * whole test suite running on two cores, a copy made between one look's last listing and its read
     * was still missed about once in ten runs.)
     * The writer pauses only while the log is copied and truncated (logrotate's own window, where
     * lines are on no disk): then no line may be lost or read twice, though many were written after
     * the tailer's last look and before the copy, and the log outgrows its old size between looks.
     */
    private static final int ROTATE_EVERY_MS = 600;

    @Test
    void copyTruncateUnderAWriterLosesAndDoublesNothing() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        TailConfig slow = slowPolls();
        Object window = new Object(); // held by the writer per line, by the rotator while it copies and truncates
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        try (var running = new TailHarness.Running(new FileTailer(List.of(log.toString()), slow, rec, rec))) {
            awaitOpened();
            Thread server = Thread.ofPlatform().start(() -> {
                try (OutputStream out = appender(log)) { // O_APPEND: after a truncation it writes at 0
                    while (!stop.get()) {
                        synchronized (window) {
                            int n = written.incrementAndGet();
                            write(out, n, n);
                        }
                        if (written.get() % 5 == 0) {
                            Thread.sleep(1); // ~5k lines/s
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            rec.awaitLines(1);
            for (int round = 1; round <= 8; round++) {
                Thread.sleep(ROTATE_EVERY_MS);
                synchronized (window) {
                    try (OutputStream gz = new java.util.zip.GZIPOutputStream(
                            Files.newOutputStream(dir.resolve("access.log-2025010" + round + ".gz")))) {
                        Files.copy(log, gz);
                    }
                    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                        ch.truncate(0);
                    }
                }
            }
            Thread.sleep(50);
            stop.set(true);
            server.join();
            rec.awaitLines(written.get(), java.time.Duration.ofSeconds(20)); // a busy box: gzip copies to unpack
            Thread.sleep(300); // nothing more may come (a line read twice)
        }
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, written.get()));
        String notes = rec.events.stream()
                .filter(e -> e.kind() == TailEvent.Kind.TRUNCATED)
                .map(TailEvent::detail)
                .toList()
                .toString();
        for (int round = 1; round <= 8; round++) { // two truncations between looks are one, both copies read
            assertThat(notes).contains("access.log-2025010" + round + ".gz (");
        }
    }

    /**
     * The real logrotate ({@code copytruncate} and {@code compress}, {@code rotate 10}: each run renames
     * {@code .N.gz} to {@code .N+1.gz}, copies the log to {@code .1}, truncates it, gzips the copy and
     * removes it) every 400 ms while the tailer looks every 250 ms and a writer never stops, as
     * NginxNamespaceIT does with nginx: no line is read twice, and every line on disk (the log and its
     * copies) is read. (What is written between logrotate's copy and its truncation is on no disk.)
     */
    @Test
    void realLogrotateCopytruncateReadsEveryLineOnDiskOnce() throws Exception {
        underRealLogrotate("rotate 10\n  compress\n  copytruncate", 400, false, 8);
    }

    /**
     * The real logrotate in its most common setup ({@code create} and {@code compress} without {@code
     * delaycompress}, {@code rotate 2}: each run renames the log to {@code .1}, creates a new one, gzips
     * {@code .1} at once and drops the copy beyond two) every 150 ms, faster than the tailer's looks
     * every 250 ms (a log is created and rotated away, and gzipped, between two looks), while a server
     * that reopens its log after each few lines never stops writing: no line is read twice, and every
     * line on disk at the end (the log and both {@code .gz}) is read.
     */
    @Test
    void realLogrotateCreateCompressReadsEveryLineOnDiskOnce() throws Exception {
        assertThat(underRealLogrotate("rotate 2\n  compress\n  create", 150, true, 2))
                .as("the server wrote through all eight rotations")
                .hasSizeGreaterThan(1000);
    }

    /**
     * Runs logrotate with {@code options} eight times, {@code gapMs} apart, on a log a server writes
     * without stopping ({@code reopen}: it opens the log anew for each five lines, as a server told to
     * reopen it does; else it keeps one descriptor) and the tailer follows, looking every 250 ms; then
     * checks that no line was read twice and that every line on disk (the log and its {@code copies}
     * newest {@code .gz}) was read. Returns the lines read.
     */
    private List<String> underRealLogrotate(String options, long gapMs, boolean reopen, int copies) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(RealLogrotate.installed(), "logrotate is not installed");
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        RealLogrotate logrotate = new RealLogrotate(dir, log, options);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        try (var running = new TailHarness.Running(new FileTailer(List.of(log.toString()), slowPolls(), rec, rec))) {
            awaitOpened();
            Thread server = Thread.ofPlatform().start(() -> {
                try {
                    OutputStream out = appender(log);
                    try {
                        while (!stop.get()) {
                            for (int i = 0; i < 5; i++) {
                                int n = written.incrementAndGet();
                                write(out, n, n);
                            }
                            if (reopen) { // the new log after a rotation
                                out.close();
                                out = existing(log);
                            }
                            Thread.sleep(1);
                        }
                    } finally {
                        out.close();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            rec.awaitLines(1);
            for (int round = 1; round <= 8; round++) {
                Thread.sleep(gapMs);
                logrotate.run();
            }
            Thread.sleep(50);
            stop.set(true);
            server.join();
            java.util.Map<String, List<String>> onDisk = new java.util.LinkedHashMap<>();
            for (int i = copies; i >= 1; i--) {
                try (var in = new java.util.zip.GZIPInputStream(
                        Files.newInputStream(dir.resolve("access.log." + i + ".gz")))) {
                    onDisk.put(
                            "access.log." + i + ".gz",
                            List.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                                    .split("\n")));
                }
            }
            onDisk.put("access.log", Files.readAllLines(log));
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            for (int seen = -1; seen != rec.lines.size() && System.nanoTime() < deadline; ) {
                seen = rec.lines.size();
                Thread.sleep(1000); // until nothing more comes (a gzip copy to unpack, a line read twice)
            }
            List<String> read = rec.texts();
            String notes = rec.events.stream()
                    .filter(e -> e.kind() != TailEvent.Kind.OPENED)
                    .map(TailEvent::toString)
                    .collect(java.util.stream.Collectors.joining("\n"));
            java.util.Set<String> once = new java.util.HashSet<>();
            assertThat(read.stream().filter(l -> !once.add(l)).toList())
                    .as("read twice; %s", notes)
                    .isEmpty();
            StringBuilder files = new StringBuilder();
            long unread = 0;
            for (var f : onDisk.entrySet()) {
                List<String> ls =
                        f.getValue().stream().filter(l -> !l.isEmpty()).toList();
                long missing = ls.stream().filter(l -> !once.contains(l)).count();
                unread += missing;
                files.append(String.format(
                        "%n%s: %d lines%s, %d not read",
                        f.getKey(), ls.size(), ls.isEmpty() ? "" : " " + ls.getFirst() + ".." + ls.getLast(), missing));
            }
            assertThat(unread)
                    .as("lines on disk not read: %s%n%s", files, notes)
                    .isZero();
            return read;
        }
    }

    /**
     * The log opened for appending once it exists, as a server told to reopen it does: never created
     * here, for logrotate's {@code create} makes it with O_EXCL right after its rename, and fails when a
     * writer made it in between.
     */
    private static OutputStream existing(Path log) throws IOException, InterruptedException {
        while (true) {
            try {
                return Files.newOutputStream(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            } catch (java.nio.file.NoSuchFileException e) {
                Thread.sleep(1); // between logrotate's rename and its create
            }
        }
    }

    @Test
    void copyTruncateRestartsAtZero() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (var running = new TailHarness.Running(tailer(log.toString()));
                OutputStream out = appender(log)) {
            awaitOpened();
            write(out, 1, 100);
            rec.awaitLines(100);
            Files.copy(log, dir.resolve("access.log.1"), StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
                ch.truncate(0);
            }
            write(out, 101, 110); // O_APPEND: continues at the new end, 0
            rec.awaitLines(110);
            write(out, 111, 400);
            rec.awaitLines(400);
        }
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, 400));
        assertThat(rec.saw(TailEvent.Kind.TRUNCATED)).isTrue();
    }

    @Test
    void deleteAndRecreate() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (var running = new TailHarness.Running(tailer(log.toString()))) {
            awaitOpened();
            try (OutputStream out = appender(log)) {
                write(out, 1, 200);
            }
            Files.delete(log);
            try (OutputStream out = appender(log)) {
                write(out, 201, 400);
            }
            rec.awaitLines(400);
        }
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, 400));
    }

    @Test
    void missingPathIsWatchedForAndReadFromItsStart() throws Exception {
        Path log = dir.resolve("later.log");
        try (var running = new TailHarness.Running(tailer(log.toString()))) {
            TailHarness.await("missing reported", () -> rec.saw(TailEvent.Kind.MISSING));
            try (OutputStream out = appender(log)) {
                write(out, 1, 300);
            }
            rec.awaitLines(300);
        }
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, 300));
        assertThat(rec.lines.getFirst().number()).isEqualTo(1);
    }

    @Test
    void globPicksUpNewFilesFromTheirStart() throws Exception {
        Path a = dir.resolve("site-access.log");
        Files.writeString(a, "old line, not delivered\n");
        try (var running =
                new TailHarness.Running(tailer(dir.resolve("*access*.log").toString()))) {
            awaitOpened();
            Path b = dir.resolve("other-access.log");
            try (OutputStream out = appender(b)) {
                write(out, 1, 100);
            }
            Files.writeString(dir.resolve("unrelated.txt"), "not matched\n");
            Files.writeString(dir.resolve("x-access.log.2.gz"), "compressed, never tailed\n");
            rec.awaitLines(100);
            try (OutputStream out = appender(a)) {
                write(out, 101, 150);
            }
            rec.awaitLines(150);
        }
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, 150));
        assertThat(rec.lines.getFirst().file()).isEqualTo(dir.resolve("other-access.log"));
        assertThat(rec.lines.getLast().file()).isEqualTo(a);
    }

    @Test
    void rotatedNameStillMatchingTheGlobIsNotReadTwice() throws Exception {
        Path log = dir.resolve("app.log");
        Files.createFile(log);
        try (var running = new TailHarness.Running(new FileTailer(
                List.of(dir.resolve("app.log*").toString()),
                new TailConfig( // the fast looks, with a grace that outlasts the late lines' writing
                        java.time.Duration.ofMillis(5),
                        java.time.Duration.ofMillis(20),
                        java.time.Duration.ofSeconds(2),
                        false,
                        TailConfig.DEFAULT_MAX_LINE,
                        java.time.InstantSource.system()),
                rec,
                rec))) {
            awaitOpened();
            try (OutputStream out = appender(log)) {
                write(out, 1, 100);
            }
            rec.awaitLines(100);
            Files.move(log, dir.resolve("app.log.1"));
            try (OutputStream out = appender(log)) {
                write(out, 101, 200);
            }
            rec.awaitLines(200);
            Path rotated = dir.resolve("app.log.1");
            try (OutputStream out = appender(rotated)) { // the server writes on until it reopens its log
                write(out, 201, 210);
            }
            rec.awaitLines(210);
            // several rescans and the rotate grace pass; nothing may be delivered again
            Thread.sleep(250);
        }
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, 210));
        // app.log.1 is app.log's: read through it, not opened as a log of its own. Before, it was
        assertThat(rec.events)
                .noneMatch(e -> e.kind() == TailEvent.Kind.OPENED && e.file().equals(dir.resolve("app.log.1")));
    }

    /**
     * The real logrotate ({@code compress}, no {@code delaycompress}) run between start-up and the
     * tailer's first look, on a log that was empty at start-up and not written since: its {@code .gz}
     * (which keeps its time) holds nothing, so nothing of it is unread. Before, as an empty file cannot be
     * told by the bytes before its size, it was said {@link TailEvent.Kind#LOST} ("found under no rotated
     * name"), a false alarm the status showed.
     */
    @Test
    void anEmptyStartUpLogCompressedUnwrittenBeforeTheFirstLookIsNotSaidLost() throws Exception {
        List<TailEvent> lost = emptyStartUpLogRotatedBeforeTheFirstLook("");
        assertThat(rec.texts()).containsExactly("b1");
        assertThat(lost).isEmpty();
        assertThat(rec.events)
                .anySatisfy(e -> assertThat(e.detail())
                        .isEqualTo("access.log.1.gz is the file it named at start-up, empty then, compressed"
                                + " before the first look and not written to since: nothing of it to read"));
    }

    /**
     * The same, written to after start-up: its lines are in a {@code .gz} that nothing tells from another
     * compressed since, so they are not read, and that is said, never lost silently (before, the note said
     * it was found under no rotated name, though its {@code .gz} was there).
     */
    @Test
    void anEmptyStartUpLogWrittenThenCompressedBeforeTheFirstLookIsSaidLost() throws Exception {
        List<TailEvent> lost = emptyStartUpLogRotatedBeforeTheFirstLook("a1\n");
        assertThat(rec.texts()).containsExactly("b1");
        assertThat(lost).hasSize(1);
        assertThat(lost.getFirst().detail())
                .isEqualTo("the file it named at start-up (0 bytes then) was rotated away before the first look and"
                        + " is found under no plain rotated name; a compressed file made since may be it, written to"
                        + " since, but an empty file cannot be told by what it held: what was written to it after"
                        + " offset 0 is not read");
    }

    /** Runs logrotate once between start-up (the handover) and the first look; the LOST events. */
    private List<TailEvent> emptyStartUpLogRotatedBeforeTheFirstLook(String written) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(RealLogrotate.installed(), "logrotate is not installed");
        Path log = Files.createFile(dir.resolve("access.log"));
        Files.setLastModifiedTime(
                log,
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        Handover handover = Handover.of(List.of(log.toString()));
        TailHarness.append(log, written);
        new RealLogrotate(dir, log, "create\n  rotate 5\n  compress").run();
        assertThat(dir.resolve("access.log.1.gz")).exists();
        TailHarness.append(log, "b1\n");
        try (FileTailer t =
                new FileTailer(List.of(log.toString()), TailConfig.defaults().withHandover(handover), rec, rec)) {
            t.pollOnce();
        }
        return rec.events.stream().filter(e -> e.kind() == TailEvent.Kind.LOST).toList();
    }
}
