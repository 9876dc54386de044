package dev.nethergaze.source.tail;

import static dev.nethergaze.source.tail.TailHarness.append;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real logrotate run twice between two looks of the tailer (polled by hand, on the real clock):
 * every line still on disk is read once, and what is not on disk any more is said LOST.
 */
class FileTailerRealLogrotateTest {

    @TempDir
    Path dir;

    private final TailHarness rec = new TailHarness();

    @BeforeEach
    void needsLogrotate() {
        Assumptions.assumeTrue(RealLogrotate.installed(), "logrotate is not installed");
    }

    private FileTailer tailer(Path log) {
        return new FileTailer(List.of(log.toString()), TailConfig.defaults(), rec, rec);
    }

    /**
     * logrotate's {@code extension .log} names the rotated files {@code access.1.log}, {@code
     * access.2.log.gz}: rotated twice between two looks (with {@code create} and {@code compress}), the
     * file the log named in between was never opened here and is found under that name. Before, only
     * {@code access.log.N} names were looked for: its lines were lost without a word (black-box: the real
     * logrotate every 0.1 s at 700 lines/s, 3,565 of 4,200 lines counted).
     */
    @Test
    void rotatedTwiceBetweenLooksUnderExtensionNamesReadsTheFileInBetween() throws Exception {
        twiceBetweenLooks("rotate 3\n  extension .log\n  compress\n  create", 0);
        assertThat(dir.resolve("access.1.log.gz")).exists();
        assertThat(dir.resolve("access.2.log.gz")).exists();
        assertThat(rec.texts()).containsExactly("a1", "a2", "a3", "b1", "b2", "c1");
        assertThat(rec.events).noneMatch(e -> e.kind() == TailEvent.Kind.LOST);
    }

    /**
     * The same with {@code dateext} and {@code extension .log} ({@code access-1796620000.log}, of
     * {@code dateformat -%s}: a name a second, so the two runs are a second apart) and {@code
     * delaycompress}.
     */
    @Test
    void rotatedTwiceBetweenLooksUnderExtensionDateNamesReadsTheFileInBetween() throws Exception {
        twiceBetweenLooks(
                "rotate 3\n  extension .log\n  dateext\n  dateformat -%s\n  create\n  compress\n  delaycompress",
                1100); // dateformat -%s: another second, another name
        try (var names = Files.list(dir)) {
            assertThat(names.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.matches("access-\\d+\\.log"))
                    .anyMatch(n -> n.matches("access-\\d+\\.log\\.gz"));
        }
        assertThat(rec.texts()).containsExactly("a1", "a2", "a3", "b1", "b2", "c1");
    }

    /**
     * {@code rotate 1}, {@code copytruncate} and {@code compress}, after a rotation seen (its copy dealt
     * with), twice between two looks: the first copy, which held what the log had after where it was
     * read (b2), is removed by the second run, whose copy holds what was written in between (c1, c2).
     * That second copy is on disk and read whole; only b2 is lost, and said so. Before, the second copy
     * was skipped too (black-box: 1,131 of ~36k lines lost; 4,957 of 6,900 in a drill of logrotate every
     * 0.1 s at 3,000 lines/s).
     */
    @Test
    void copytruncateRotateOneTwiceBetweenLooksReadsTheLaterCopy() throws Exception {
        copytruncateRotateOnePair(true);
        assertThat(rec.texts()).containsExactly("a1", "a2", "b1", "c1", "c2", "d1");
        assertThat(lostOnce())
                .startsWith("truncated; what it held after offset 3, where it was read to, is in no copy")
                .contains("; access.log.1.gz (6 bytes), a copy made since that does not go on from what was read"
                        + " here, of a later truncation");
    }

    /**
     * The same as the first thing that happens to the log (no truncation seen before): the second copy,
     * made since the last look and holding what was written between the two runs (c1, c2), is on disk and
     * read whole; only b2, in the copy the second run removed, is said LOST. Before, that copy was not
     * taken for this log's as no copy had been dealt with yet ("nor is access.log.1.gz"): black-box, the
     * real logrotate run twice in a row every second under a writer of 5,000 lines/s, the first pair's
     * second copy (~4,700 lines) not read.
     */
    @Test
    void copytruncateRotateOneFirstPairReadsTheLaterCopy() throws Exception {
        copytruncateRotateOnePair(false);
        assertThat(rec.texts()).containsExactly("b1", "c1", "c2", "d1");
        assertThat(lostOnce())
                .startsWith("truncated; what it held after offset 3, where it was read to, is in no copy")
                .contains("; access.log.1.gz (6 bytes), a copy made since that does not go on from what was read"
                        + " here, of a later truncation (every rotated file there was made since the last look");
    }

    /**
     * {@code rotate 1}, {@code copytruncate}, {@code compress}: (with {@code seenBefore}, a1 a2 read and a
     * rotation seen;) b1 read; b2 written, logrotate; c1 c2 written, logrotate; d1 written; a look.
     */
    private void copytruncateRotateOnePair(boolean seenBefore) throws Exception {
        Path log = Files.createFile(dir.resolve("access.log"));
        RealLogrotate logrotate = new RealLogrotate(dir, log, "rotate 1\n  copytruncate\n  compress");
        try (FileTailer t = tailer(log)) {
            t.pollOnce();
            if (seenBefore) {
                append(log, "a1\na2\n");
                t.pollOnce();
                logrotate.run(); // seen: its copy holds nothing beyond what was read
            }
            append(log, "b1\n");
            t.pollOnce();
            append(log, "b2\n");
            logrotate.run();
            append(log, "c1\nc2\n");
            logrotate.run();
            append(log, "d1\n");
            t.pollOnce();
        }
    }

    /**
     * The same again and again (four such pairs, each after a look that read some lines): the lines
     * written vs read, exactly. Of the 4 x 40 written, only each pair's 10 lines after the last look and
     * before its first run, in the copy written over, are not read, and each time that is said LOST.
     */
    @Test
    void copytruncateRotateOnePairsCountEveryLineOnDisk() throws Exception {
        Path log = Files.createFile(dir.resolve("access.log"));
        RealLogrotate logrotate = new RealLogrotate(dir, log, "rotate 1\n  copytruncate\n  compress");
        List<String> lost = new java.util.ArrayList<>();
        int n = 0;
        try (FileTailer t = tailer(log)) {
            t.pollOnce();
            append(log, "first\n");
            t.pollOnce();
            logrotate.run(); // seen: a copy of this log dealt with
            for (int pair = 0; pair < 4; pair++) {
                t.pollOnce();
                n = lines(log, n, 10, null); // read by the next look
                t.pollOnce();
                n = lines(log, n, 10, lost); // only in the first run's copy
                logrotate.run();
                n = lines(log, n, 10, null); // in the second run's copy
                logrotate.run();
                n = lines(log, n, 10, null); // in the log
            }
            t.pollOnce();
        }
        List<String> written = new java.util.ArrayList<>(List.of("first"));
        written.addAll(TailHarness.numbered(1, n));
        List<String> expected = new java.util.ArrayList<>(written);
        expected.removeAll(lost);
        assertThat(rec.texts()).containsExactlyElementsOf(expected);
        assertThat(written).hasSize(161);
        assertThat(rec.texts()).hasSize(121);
        assertThat(rec.count(TailEvent.Kind.LOST)).isEqualTo(4);
    }

    /** Appends the {@code count} numbered lines after {@code n} (to {@code into} too, when given); the last number. */
    private static int lines(Path log, int n, int count, List<String> into) throws java.io.IOException {
        List<String> ls = TailHarness.numbered(n + 1, n + count);
        append(log, String.join("\n", ls) + "\n");
        if (into != null) {
            into.addAll(ls);
        }
        return n + count;
    }

    /**
     * {@code rotate 0} removes the old file at each rotation: twice between two looks, the file the log
     * named in between is gone with its lines (b1, b2), and what is left is what one rotation leaves.
     * The old file, held open here, was removed before the new log was made: said LOST, as lines that
     * may have been lost. Before, nothing was said (black-box: 5,517 of 6,900 lines counted, status ok).
     */
    @Test
    void rotateZeroTwiceBetweenLooksSaysLinesMayHaveBeenLost() throws Exception {
        Assumptions.assumeTrue(keepsBirthTimes(), "the file system of the temporary directory keeps no birth time");
        twiceBetweenLooks("rotate 0\n  create", 0);
        assertThat(rec.texts()).containsExactly("a1", "a2", "a3", "c1");
        assertThat(lostOnce())
                .startsWith("rotated since the last look: the old file was read to its end (offset 9) and removed")
                .endsWith("lines may have been lost");
    }

    /** {@code rotate 0} once between two looks: every line read, and no loss said. */
    @Test
    void rotateZeroOnceBetweenLooksSaysNothingLost() throws Exception {
        Path log = Files.createFile(dir.resolve("access.log"));
        RealLogrotate logrotate = new RealLogrotate(dir, log, "rotate 0\n  create");
        try (FileTailer t = tailer(log)) {
            for (String round : List.of("a", "b", "c")) {
                t.pollOnce();
                append(log, round + "1\n");
                t.pollOnce();
                append(log, round + "2\n");
                logrotate.run();
                Thread.sleep(10); // past a tick of the file clock, as a server's next line would be
                append(log, round + "3\n");
            }
            t.pollOnce();
        }
        assertThat(rec.texts()).containsExactly("a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "c3");
        assertThat(rec.events).noneMatch(e -> e.kind() == TailEvent.Kind.LOST);
    }

    /** Whether files here have a birth time of their own (the JDK gives the last write's where they have none). */
    private boolean keepsBirthTimes() throws Exception {
        Path probe = Files.createFile(dir.resolve("birth-probe"));
        Thread.sleep(20);
        append(probe, "x\n");
        var a = Files.readAttributes(probe, java.nio.file.attribute.BasicFileAttributes.class);
        Files.delete(probe);
        return a.creationTime().compareTo(a.lastModifiedTime()) < 0;
    }

    /** The detail of the one LOST event (there must be exactly one). */
    private String lostOnce() {
        List<TailEvent> lost =
                rec.events.stream().filter(e -> e.kind() == TailEvent.Kind.LOST).toList();
        assertThat(lost).hasSize(1);
        return lost.getFirst().detail();
    }

    /**
     * a1 a2 read; a3 written, logrotate; b1 b2 written, {@code pauseMs} later logrotate again; c1
     * written; then the tailer's look.
     */
    private void twiceBetweenLooks(String options, long pauseMs) throws Exception {
        Path log = Files.createFile(dir.resolve("access.log"));
        RealLogrotate logrotate = new RealLogrotate(dir, log, options);
        try (FileTailer t = tailer(log)) {
            t.pollOnce();
            append(log, "a1\na2\n");
            t.pollOnce();
            append(log, "a3\n");
            logrotate.run();
            append(log, "b1\nb2\n");
            Thread.sleep(pauseMs);
            logrotate.run();
            Thread.sleep(10); // past a tick of the file clock, as a server's next line would be
            append(log, "c1\n");
            t.pollOnce();
        }
    }
}
