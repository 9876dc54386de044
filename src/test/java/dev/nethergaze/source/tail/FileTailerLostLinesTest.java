package dev.nethergaze.source.tail;

import static dev.nethergaze.source.tail.TailHarness.append;
import static dev.nethergaze.source.tail.TailHarness.copyTruncate;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines of a rotated-away file that the tailer cannot read (logrotate's copytruncate with compress:
 * the old content's rest is only in the copy's .gz) are lost; that cannot be helped, but it is said,
 * naming the file and how much of the old file was not read, and kept as the path's {@link
 * TailEvent.Kind#LOST} among the tailer's problems, which the sources show on their status.
 */
class FileTailerLostLinesTest {

    @TempDir
    Path dir;

    private final TailHarness rec = new TailHarness();

    /** A tailer of access.log that has read "a1\na2\n" (to offset 6). */
    private FileTailer readSixBytes(Path log) throws Exception {
        return rec.readFromNew(log, "a1\na2\n");
    }

    private void pollLater(FileTailer t) throws Exception {
        rec.pollLater(t);
    }

    private static String lines(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append(TailHarness.numbered(i))
                    .append(" ")
                    .append(Integer.toHexString(i * 7919))
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * a3 written after where the log was read, copied to access.log.1.gz and the log truncated, then that
     * copy removed ({@code rotate 1}: the next rotation's copy takes its place); the copy's path.
     */
    private Path firstCopyWrittenOver(Path log) throws IOException {
        Path gz = dir.resolve("access.log.1.gz");
        append(log, "a3\n");
        copyTruncate(log, gz, true);
        Files.delete(gz);
        return gz;
    }

    /** The one LOST event said, which is also among the tailer's problems. */
    private String lostOnce(FileTailer t) {
        List<TailEvent> lost =
                rec.events.stream().filter(e -> e.kind() == TailEvent.Kind.LOST).toList();
        assertThat(lost).as(rec.events.toString()).hasSize(1);
        assertThat(rec.count(TailEvent.Kind.ERROR)).as("said once, as LOST").isZero();
        assertThat(t.problems()).contains(lost.getFirst());
        return lost.getFirst().detail();
    }

    /**
     * The copy's .gz was cut short (a full disk, a crash while gzip wrote it): what it unpacks to tells
     * at least how much of the old file, after where the tailer had read it to, is not read.
     */
    @Test
    void aTruncatedGzipCopySaysHowManyBytesOfTheOldFileWereNotRead() throws Exception {
        Path log = dir.resolve("access.log");
        try (FileTailer t = readSixBytes(log)) {
            String unread = lines(1, 20_000); // written after the last look: only in the copy
            append(log, unread);
            Path gz = dir.resolve("access.log.1.gz");
            copyTruncate(log, gz, true);
            byte[] whole = Files.readAllBytes(gz);
            Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
            long unpackable = Copies.unpackable(gz);
            append(log, "b1\n");
            List<Duration> waits = new ArrayList<>();
            t.pauseWith(waits::add);
            pollLater(t);

            assertThat(waits)
                    .as("looked at again, as a gzip still being written, until it stayed the same 1.5 s")
                    .containsExactly(
                            Duration.ofMillis(100),
                            Duration.ofMillis(200),
                            Duration.ofMillis(400),
                            Duration.ofMillis(800));
            assertThat(rec.texts()).containsExactly("a1", "a2", "b1");
            assertThat(unpackable - 6).isPositive().isLessThan(unread.length());
            String said = "reading access.log.1.gz: unexpected end of file (truncated?); at least " + (unpackable - 6)
                    + " bytes of the old file after offset 6, where it was read to, not read";
            assertThat(lostOnce(t)).isEqualTo(said);
            assertThat(rec.events).anySatisfy(e -> assertThat(e.detail()).isEqualTo(said));
        }
    }

    /**
     * The copy's .gz still being written when the tailer looks (gzip of a big log): it ends early, so it
     * is read again a moment later, complete by then, and nothing is lost.
     */
    @Test
    void aGzipCopyStillBeingWrittenIsReadOnceComplete() throws Exception {
        assertThat(gzipCopyWrittenInSteps(2_000, 2)).containsExactly(Duration.ofMillis(100));
    }

    /**
     * The copy's .gz written by a gzip slower than three looks 100 ms apart (a big log, a slow pipe): it
     * grows between looks, so it is waited for while it does, and read once complete. Before, it was said
     * LOST after the third look ("unexpected end of file"), its lines never read.
     */
    @Test
    void aGzipCopyThatKeepsGrowingIsWaitedForAndRead() throws Exception {
        assertThat(gzipCopyWrittenInSteps(20_000, 8)).hasSize(7);
    }

    /**
     * {@code count} lines written after the last look, copied to access.log.1.gz and the log truncated,
     * the .gz written by gzip in {@code steps}: its first at the look, one more at each wait. Every line
     * is read once, nothing said LOST; the waits.
     */
    private List<Duration> gzipCopyWrittenInSteps(int count, int steps) throws Exception {
        Path log = dir.resolve("access.log");
        try (FileTailer t = readSixBytes(log)) {
            String unread = lines(1, count);
            append(log, unread);
            Path gz = dir.resolve("access.log.1.gz");
            copyTruncate(log, gz, true);
            byte[] whole = Files.readAllBytes(gz);
            Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / steps));
            List<Duration> waits = new ArrayList<>();
            t.pauseWith(d -> {
                waits.add(d);
                int written = Math.min(steps, waits.size() + 1);
                try { // gzip writes on: a little more at each look, whole at the last
                    Files.write(gz, java.util.Arrays.copyOf(whole, whole.length * written / steps));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            append(log, "b1\n");
            pollLater(t);

            List<String> expected = new ArrayList<>(List.of("a1", "a2"));
            expected.addAll(List.of(unread.split("\n")));
            expected.add("b1");
            assertThat(rec.texts()).containsExactlyElementsOf(expected);
            assertThat(rec.saw(TailEvent.Kind.LOST)).isFalse();
            return waits;
        }
    }

    /**
     * No copy holds what the log had after where it was read (a3), and one of the copies made since is
     * removed while it is looked at (gzip done with it): the note names it with its size when listed.
     * Before, its size was left half said ("access.log.2 (, access.log.1.gz (3 bytes)"), as seen in a
     * black-box drill of the real logrotate (copytruncate, compress) under a writer at 5,000 lines/s.
     */
    @Test
    void aCopyRemovedWhileLookedAtIsNamedWithItsSizeWhenListed() throws Exception {
        Path log = dir.resolve("access.log");
        try (FileTailer t = readSixBytes(log)) {
            Path gz = firstCopyWrittenOver(log);
            Path plain = Files.writeString(dir.resolve("access.log.2"), "b1\n");
            Thread.sleep(20); // a tick of the file clock: the .gz is the newer
            append(log, "c1\n");
            copyTruncate(log, gz, true);
            byte[] whole = Files.readAllBytes(gz);
            Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2)); // gzip at work
            t.pauseWith(d -> {
                try {
                    Files.write(gz, whole); // gzip is done meanwhile, and the other copy removed
                    Files.delete(plain);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            append(log, "d1\n");
            pollLater(t);

            assertThat(rec.texts()).containsExactly("a1", "a2", "c1", "d1");
            assertThat(lostOnce(t))
                    .contains("; access.log.2 (3 bytes when listed, removed since), access.log.1.gz (3 bytes),"
                            + " copies made since that do not go on from what was read here");
        }
    }

    /** A copy that cannot be unpacked at all: how much is not known, where the old file was read to is. */
    @Test
    void aCopyThatIsNoGzipSaysWhereTheOldFileWasReadTo() throws Exception {
        Path log = dir.resolve("access.log");
        try (FileTailer t = readSixBytes(log)) {
            append(log, "a3\n");
            Files.writeString(dir.resolve("access.log.1.gz"), "a1\na2\na3\n"); // named .gz, not gzipped
            TailHarness.truncate(log);
            append(log, "b1\n");
            pollLater(t);

            assertThat(rec.texts()).containsExactly("a1", "a2", "b1");
            assertThat(lostOnce(t))
                    .isEqualTo("reading access.log.1.gz: Not in GZIP format; what the old file held after offset 6,"
                            + " where it was read to, not read");
        }
    }

    /**
     * copytruncate with compress and {@code rotate 1}, twice before the tailer looked: the copy holding
     * what the log had after where it was read (a3) was written over by the next copy (b1), which does
     * not go on from what was read. a3 is lost; before, without a word ("reading again from the start"),
     * now said with the copy's size. The later copy, made since the last look as every rotated file there,
     * is this log's (a later truncation's) and read whole: before, it was said lost too, as no copy had
     * been dealt with yet (black-box: the real logrotate's first pair of runs, ~4,700 lines on disk not
     * read).
     */
    @Test
    void aCopyWrittenOverByALaterRotationBeforeTheLookIsSaidLost() throws Exception {
        Path log = dir.resolve("access.log");
        try (FileTailer t = readSixBytes(log)) {
            Path gz = firstCopyWrittenOver(log);
            append(log, "b1\n");
            copyTruncate(log, gz, true);
            append(log, "c1\n");
            pollLater(t);

            assertThat(rec.texts()).containsExactly("a1", "a2", "b1", "c1");
            assertThat(lostOnce(t))
                    .isEqualTo("truncated; what it held after offset 6, where it was read to, is in no copy (written"
                            + " over by a later rotation before it was looked at?) and is not read;"
                            + " access.log.1.gz (3 bytes), a copy made since that does not go on from what was read"
                            + " here, of a later truncation (every rotated file there was made since the last look:"
                            + " a small rotate count): read whole unless read already");
            pollLater(t);
            assertThat(rec.count(TailEvent.Kind.LOST)).as("said once").isEqualTo(1);
        }
    }
}
