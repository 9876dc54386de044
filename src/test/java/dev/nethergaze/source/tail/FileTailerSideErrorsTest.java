package dev.nethergaze.source.tail;

import static dev.nethergaze.source.tail.TailHarness.append;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.AsNobody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of the tailer that are not about the followed file itself (a rotated file that cannot be
 * read, a directory that cannot be listed for rotated files, an old file that cannot be drained) reach
 * its problems, which the sources show: lines that will not be read as {@link TailEvent.Kind#LOST},
 * naming the file and how much; a failure retried at each poll as an {@link TailEvent.Kind#ERROR} of
 * the path while it lasts. Each said once. Files the kernel refuses are tried as nobody when the tests
 * run as root.
 */
class FileTailerSideErrorsTest {

    @TempDir
    Path dir;

    private final TailHarness rec = new TailHarness();

    private static final String LISTING = "/work/logs: permission denied; lines only in one of them (a file it"
            + " named only between two looks, a copytruncate copy) are not read";

    private String asUser(String scenario) throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        if (!AsNobody.isRoot()) {
            return RotationAsUserMain.run(work, scenario);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        return AsNobody.run(
                Files.createDirectory(dir.resolve("run")), RotationAsUserMain.class, work.toString(), scenario);
    }

    /**
     * What {@link RotationAsUserMain} prints when {@code lost} was said once, and kept as a problem,
     * nothing else went wrong, these lines were read, and the tailer never waited within a look.
     */
    private static String lostOnceWithoutWaiting(String lost, String lines) {
        return "problems [" + lost + "]\nthen [" + lost + "]\nlines [" + lines
                + "]\nLOST said 1\nERROR said 0\nwaits 0\n";
    }

    /** Rotated twice between two looks, the file named in between unreadable: its lines are said LOST. */
    @Test
    void anUnreadableFileNamedOnlyBetweenTwoLooksIsSaidLostWithItsSize() throws Exception {
        String lost = "LOST access.log: reading access.log.1, which it named only between two looks: permission"
                + " denied; 6 bytes of access.log.1 not read";
        assertThat(asUser("unreadable-between")).isEqualTo(lostOnceWithoutWaiting(lost, "a1, a2, c1"));
    }

    /**
     * copytruncate, its copy unreadable (permission denied): what the log held after where it was read
     * is said LOST at that look, at once. Before, the copy was read again twice, 100 ms apart, on the
     * one thread that polls every followed file, as if it were a gzip still being written (waits 2).
     */
    @Test
    void anUnreadableCopyIsSaidLostWithoutWaiting() throws Exception {
        String lost = "LOST access.log: reading access.log.1: permission denied; 3 bytes of the old file after"
                + " offset 6, where it was read to, not read";
        assertThat(asUser("unreadable-copy")).isEqualTo(lostOnceWithoutWaiting(lost, "a1, a2, b1"));
    }

    /**
     * copytruncate twice between two looks: the older copy goes on from where the log was read and is
     * read on, once; the newer one (all that was written in between) cannot be read, and is said LOST
     * once, by its own name and size, not as the old file; then the log is read on.
     */
    @Test
    void anUnreadableCopyNewerThanTheOneThatGoesOnIsSaidLostByItsName() throws Exception {
        newerCopySaidLost("unreadable-newer-copy", "access.log.1: permission denied; 6 bytes of access.log.1");
    }

    /**
     * As {@link #anUnreadableCopyNewerThanTheOneThatGoesOnIsSaidLostByItsName}, both copies of one time
     * (made in one tick of the file clock): the newer one, listed before the older (this directory's
     * order here), was passed over, not even said lost.
     */
    @Test
    void anUnreadableCopyAsNewAsTheOneThatGoesOnIsSaidLostByItsName() throws Exception {
        newerCopySaidLost(
                "unreadable-newer-copy-same-time", "access.log.1: permission denied; 6 bytes of access.log.1");
    }

    /** As {@link #anUnreadableCopyNewerThanTheOneThatGoesOnIsSaidLostByItsName}, both copies compressed. */
    @Test
    void anUnreadableCompressedCopyNewerThanTheOneThatGoesOnIsSaidLostByItsName() throws Exception {
        newerCopySaidLost("unreadable-newer-copy-gz", "access.log.1.gz: permission denied; what access.log.1.gz held");
    }

    /**
     * A newer copy than the one that goes on, unreadable ({@code scenario}): "reading {@code what} not
     * read" said once; the older copy read on (a3), once, and the log after it (c1).
     */
    private void newerCopySaidLost(String scenario, String what) throws Exception {
        String lost = "LOST access.log: reading " + what + " not read";
        assertThat(asUser(scenario)).isEqualTo(lostOnceWithoutWaiting(lost, "a1, a2, a3, c1"));
    }

    /**
     * A directory that cannot be listed: files rotated twice between two looks could not be found. An
     * ERROR of the path while it lasts (the log itself is read on), said once, gone once it is listable.
     */
    @Test
    void aDirectoryThatCannotBeListedForRotatedFilesIsAProblemWhileItLasts() throws Exception {
        String out = asUser("unlistable");
        assertThat(out)
                .startsWith("problems [ERROR access.log: looking for its rotated files in ")
                .contains(LISTING + "]\nthen []\n")
                .endsWith("lines [a1, a2, b1, c1]\nLOST said 0\nERROR said 1\nwaits 0\n");
    }

    /**
     * copytruncate where the copy cannot be looked for: what the log held after where it was read is
     * lost, said once; the listing failure lasts until the directory is listable again (no rotation since).
     */
    @Test
    void aCopyThatCannotBeLookedForIsSaidLost() throws Exception {
        String out = asUser("unlistable-copytruncate");
        String lost = "LOST access.log: truncated; its copy could not be looked for (permission denied): what it held"
                + " after offset 6, where it was read to, if anything, is not read";
        assertThat(out)
                .startsWith("problems [ERROR access.log: looking for its rotated files in ")
                .contains(LISTING + " | " + lost + "]\nthen [" + lost + "]\n")
                .endsWith("lines [a1, a2, b1]\nLOST said 1\nERROR said 1\nwaits 0\n");
    }

    /**
     * The log at start-up rotated away before the first look, its rotated names not listable: what was
     * written to it after start-up (the backfill's part ends there) is said lost, and the listing
     * failure is a problem while it lasts.
     */
    @Test
    void theStartUpFileRotatedAwayWhereItCannotBeLookedForIsSaidLost() throws Exception {
        String lost = "LOST access.log: the file it named at start-up (3 bytes then) was rotated away before the first"
                + " look and its rotated names could not be listed (permission denied): what was written to it after"
                + " offset 3 is not read";
        assertThat(asUser("unlistable-startup"))
                .startsWith("problems [ERROR access.log: looking for its rotated files in ")
                .contains(LISTING + " | " + lost + "]\nthen [" + lost + "]\n")
                .endsWith("lines [a1, a2, b1]\nLOST said 1\nERROR said 1\nwaits 0\n");
    }

    /**
     * The old file cannot be read on after a rotation (an I/O error: here /proc/self/mem, whose reads at
     * offset 0 fail, was what the log's symlink named): retried while the rotate grace lasts, an ERROR
     * of the path meanwhile; then what it held beyond is said LOST.
     */
    @Test
    void anOldFileThatCannotBeDrainedIsAProblemThenLost() throws Exception {
        Path log = dir.resolve("app.log");
        Files.createSymbolicLink(log, Path.of("/proc/self/mem"));
        try (FileTailer t = rec.tailer(log)) {
            t.pollOnce();
            assertThat(t.problems()).extracting(TailEvent::kind).containsExactly(TailEvent.Kind.ERROR);
            Files.delete(log);
            append(log, "b1\n");
            rec.pollLater(t);
            String draining = "reading the old file on from offset 0: Input/output error";
            assertThat(t.problems()).containsExactly(new TailEvent(TailEvent.Kind.ERROR, log, draining));
            rec.pollLater(t);
            assertThat(t.problems()).containsExactly(new TailEvent(TailEvent.Kind.ERROR, log, draining));
            rec.now.set(rec.now.get().plusSeconds(10));
            t.pollOnce();
            String lost = "the old file could not be read on from offset 0, where it was read to (Input/output"
                    + " error): what it held after that is not read";
            assertThat(t.problems()).containsExactly(new TailEvent(TailEvent.Kind.LOST, log, lost));
            assertThat(rec.texts()).containsExactly("b1");
            assertThat(rec.events.stream().filter(e -> e.detail().equals(draining)))
                    .hasSize(1);
            assertThat(rec.count(TailEvent.Kind.LOST)).isEqualTo(1);
        }
    }

    /**
     * A dangling symbolic link under a rotated name (access.log.3 pointing at a log deleted since) is no
     * rotated file: passed over, not a listing that fails, so a file named only between two looks is
     * still found and read.
     */
    @Test
    void aDanglingLinkUnderARotatedNameDoesNotHideTheRotatedFiles() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createSymbolicLink(dir.resolve("access.log.3"), dir.resolve("gone.log"));
        Files.createSymbolicLink(dir.resolve("access.log.4"), dir.resolve("access.log.4"));
        try (FileTailer t = rec.readFromNew(log, "a1\n")) {
            Files.move(log, dir.resolve("access.log.1"));
            append(log, "b1\n");
            Files.move(dir.resolve("access.log.1"), dir.resolve("access.log.2"));
            Files.move(log, dir.resolve("access.log.1"));
            append(log, "c1\n");
            rec.pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "b1", "c1");
            assertThat(t.problems()).isEmpty();
            assertThat(rec.count(TailEvent.Kind.ERROR)).isZero();
        }
    }

    /**
     * Rotated twice between two looks and compressed at once, the .gz unreadable: its lines are said
     * LOST, once (it was said twice, as an ERROR and as LOST in the same words).
     */
    @Test
    void anUnreadableCompressedFileNamedOnlyBetweenTwoLooksIsSaidOnce() throws Exception {
        Path log = dir.resolve("access.log");
        try (FileTailer t = rec.readFromNew(log, "a1\n")) {
            Files.move(log, dir.resolve("access.log.1"));
            Files.writeString(dir.resolve("access.log.2.gz"), "b1\n"); // the next one, "compressed": no gzip
            append(log, "c1\n");
            rec.pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "c1");
            String lost = "reading access.log.2.gz: Not in GZIP format; what access.log.2.gz held not read";
            assertThat(t.problems()).containsExactly(new TailEvent(TailEvent.Kind.LOST, log, lost));
            assertThat(rec.events)
                    .filteredOn(e -> e.detail().startsWith("reading access.log.2.gz"))
                    .hasSize(1);
        }
    }
}
