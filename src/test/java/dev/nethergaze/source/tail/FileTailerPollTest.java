package dev.nethergaze.source.tail;

import static dev.nethergaze.source.tail.TailHarness.append;
import static dev.nethergaze.source.tail.TailHarness.copyTruncate;
import static dev.nethergaze.source.tail.TailHarness.truncate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.AsNobody;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tailer driven one poll at a time on a fake clock: deterministic edge cases. */
class FileTailerPollTest {

    @TempDir
    Path dir;

    private final TailHarness rec = new TailHarness();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));

    private TailConfig config() {
        return TailConfig.defaults().withClock(now::get); // 250 ms looks, 10 s rescans, 5 s grace
    }

    private FileTailer tailer(TailConfig config, String... patterns) {
        return new FileTailer(List.of(patterns), config, rec, rec);
    }

    /**
     * After a backfill (a handover taken at start-up), a log there at start-up is tailed from where the
     * backfill stopped, and one that appeared since from its start: all of it is new.
     */
    @Test
    void afterABackfillALogThereAtStartUpGoesOnFromTheHandoverAndANewOneFromItsStart() throws Exception {
        Path old = dir.resolve("a.log");
        Files.writeString(old, "backfilled\n");
        Handover handover = Handover.of(List.of(dir.resolve("*.log").toString()));
        append(old, "after start-up\n");
        Files.writeString(dir.resolve("b.log"), "new1\nnew2\n");
        try (FileTailer t =
                tailer(config().withHandover(handover), dir.resolve("*.log").toString())) {
            t.pollOnce();
            assertThat(rec.texts()).containsExactlyInAnyOrder("after start-up", "new1", "new2");
        }
    }

    /**
     * Stopped (its thread interrupted) while it reads: that is the end of following, not an error of the
     * file. Before, the read's ClosedByInterruptException was reported as the log's ERROR, printed on
     * stderr ("error: ...access.log: ClosedByInterruptException") when a black-box drill stopped watch.
     */
    @Test
    void interruptedWhileReadingStopsWithoutAnError() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "a1\n");
            now.set(now.get().plusMillis(250));
            Thread.currentThread().interrupt();
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(t::pollOnce)
                        .isInstanceOf(InterruptedException.class);
            } finally {
                Thread.interrupted();
            }
            assertThat(rec.events).noneMatch(e -> e.kind() == TailEvent.Kind.ERROR);
            assertThat(t.problems()).isEmpty();
        }
    }

    /** A log named twice (a symlink and its target) is read once: its lines would count twice. */
    @Test
    void twoNamesOfOneFileAreReadOnce() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        Path link = Files.createSymbolicLink(dir.resolve("site.log"), log);
        try (FileTailer t = tailer(config(), log.toString(), link.toString(), log.toString())) {
            t.pollOnce();
            append(log, "a1\na2\n");
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("a1", "a2");
            assertThat(t.following()).containsExactly(log);
            assertThat(t.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(TailEvent.Kind.SAME_FILE);
                assertThat(p.file()).isEqualTo(link);
                assertThat(p.detail()).isEqualTo("the same file as " + log + ": read there, once");
            });
        }
    }

    @Test
    void partialLineIsHeldUntilItsNewline() throws Exception {
        Path log = dir.resolve("a.log");
        Files.createFile(log);
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "first\nsecond half");
            t.pollOnce();
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("first");
            append(log, " done\r\nthird\n");
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("first", "second half done", "third");
        }
    }

    /**
     * logrotate twice between two looks (rotations ~50-150 ms apart under load, as NginxNamespaceIT
     * makes them): the file the path named only in between (now access.log.1) is read too, from its
     * start, after the old one and before the new one. A rotated file not written since the last look
     * is not read again, nor is a compressed one written before, nor a compressed one still being written under a
     * temporary name (its bytes were read as lines: ~500 "unparsed" per rotation).
     */
    @Test
    void aFileRotatedAwayBetweenTwoLooksIsReadToo() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        Path stale = Files.writeString(dir.resolve("access.log.3"), "old1\nold2\n");
        Files.setLastModifiedTime(
                stale, java.nio.file.attribute.FileTime.from(now.get().minusSeconds(3600)));
        Path stalegz = Files.writeString(dir.resolve("access.log.2.gz"), "not text");
        Files.setLastModifiedTime(
                stalegz, java.nio.file.attribute.FileTime.from(now.get().minusSeconds(3600)));
        try (FileTailer t = tailer(config(), log.toString())) {
            // a compressor writing beside (delaycompress: gzip to .gz.tmp, then rename): not a rotated log
            Files.writeString(dir.resolve("access.log.4.gz.tmp"), "gzip\nbytes\n");
            t.pollOnce();
            append(log, "a1\na2\n");
            t.pollOnce();
            now.set(now.get().plusMillis(250));
            Files.move(log, dir.resolve("access.log.1")); // first rotation: a new, empty file
            append(log, "b1\nb2\n");
            Files.move(dir.resolve("access.log.1"), dir.resolve("access.log.2")); // second, before we look
            Files.move(log, dir.resolve("access.log.1"));
            append(log, "c1\n");
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("a1", "a2", "b1", "b2", "c1");
            append(dir.resolve("access.log.1"), "b3\n"); // the server had not reopened yet
            pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "a2", "b1", "b2", "c1", "b3");
        }
    }

    /** Rotated names, as logrotate makes them; not a compressor's temporary file or another log. */
    @Test
    void rotatedNamesAreANumberOrADate() {
        assertThat(WatchedPath.rotatedName("auth.log", "auth.log.1", false)).isTrue();
        assertThat(WatchedPath.rotatedName("auth.log", "auth.log-20261204", false))
                .isTrue();
        assertThat(WatchedPath.rotatedName("auth.log", "auth.log-2026-12-04_13", false))
                .isTrue();
        assertThat(WatchedPath.rotatedName("auth.log", "auth.log.2.gz", true)).isTrue();
        assertThat(WatchedPath.rotatedName("auth.log", "auth.log.2.gz", false)).isFalse();
        assertThat(WatchedPath.rotatedName("auth.log", "auth.log.2.gz.tmp", true))
                .isFalse();
        assertThat(WatchedPath.rotatedName("auth.log", "auth.log.2.xz", true)).isFalse();
        assertThat(WatchedPath.rotatedName("auth.log", "auth.log.1.swp", false)).isFalse();
        assertThat(WatchedPath.rotatedName("auth.log", "auth.log-json", false)).isFalse();
        assertThat(WatchedPath.rotatedName("auth.log", "auth.logx1", false)).isFalse();
    }

    /** A look 250 ms of the fake clock after the last. */
    private void pollLater(FileTailer t) throws Exception {
        now.set(now.get().plusMillis(250));
        t.pollOnce();
    }

    /** The detail of the one truncation the tailer reported. */
    private String truncatedOnce() {
        List<TailEvent> t = rec.events.stream()
                .filter(e -> e.kind() == TailEvent.Kind.TRUNCATED)
                .toList();
        assertThat(t).as("truncation events").hasSize(1);
        return t.get(0).detail();
    }

    /** The tailer has read a1, a2 and half of a3; the rest of a3 and a4 are then written, unread. */
    private void halfReadThenMore(FileTailer t, Path log) throws Exception {
        t.pollOnce();
        append(log, "a1\na2\na3 par");
        pollLater(t);
        append(log, "tial\na4\n");
    }

    /**
     * copytruncate after lines the tailer had not read yet (one of them half read): they are only in
     * logrotate's copy, plain or gzipped at once, and are read from it, the half line completed, before
     * the truncated log from its start.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"access.log.1", "access.log-20250101.gz"})
    void copyTruncateReadsTheLinesOnlyTheCopyHolds(String copyName) throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (FileTailer t = tailer(config(), log.toString())) {
            halfReadThenMore(t, log);
            copyTruncate(log, dir.resolve(copyName), copyName.endsWith(".gz"));
            append(log, "b1\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "a2", "a3 partial", "a4", "b1");
            assertThat(truncatedOnce())
                    .isEqualTo("reading again from the start; read the rest of the old content from its copy "
                            + copyName + " (8 bytes)");
        }
    }

    /**
     * logrotate's {@code compress} without {@code delaycompress}: when the tailer looks, gzip is still
     * writing {@code access.log.1.gz} beside the complete {@code access.log.1}. The plain copy is read
     * (before, the half-written .gz was tried first: an error reported after three tries, 300 ms
     * lost), and the .gz, once complete, is not read again.
     */
    @Test
    void aCopyBeingCompressedIsReadFromItsPlainSelf() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (FileTailer t = tailer(config(), log.toString())) {
            halfReadThenMore(t, log);
            Path plain = dir.resolve("access.log.1");
            copyTruncate(log, plain, false);
            java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
            try (OutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
                out.write(Files.readAllBytes(plain));
            }
            Path half = dir.resolve("access.log.1.gz");
            Files.write(half, java.util.Arrays.copyOf(gz.toByteArray(), gz.size() / 2)); // gzip at work
            Files.setLastModifiedTime(
                    half,
                    java.nio.file.attribute.FileTime.from(
                            Files.getLastModifiedTime(plain).toInstant().plusSeconds(1)));
            append(log, "b1\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "a2", "a3 partial", "a4", "b1");
            assertThat(rec.events).noneMatch(e -> e.kind() == TailEvent.Kind.ERROR);
            assertThat(truncatedOnce()).endsWith("from its copy access.log.1 (8 bytes)");
            Files.write(half, gz.toByteArray()); // gzip done: the plain copy goes
            Files.delete(plain);
            truncate(log); // the next rotation, before the tailer looked again
            pollLater(t);
            append(log, "c1\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "a2", "a3 partial", "a4", "b1", "c1");
        }
    }

    /**
     * A rotated file that does not hold what was read here is not taken for the copy, beside a rotated
     * file that was there before the last look (a copy made since that does not go on from what was read,
     * when every rotated file there was made since, is a later truncation's: read whole, see
     * FileTailerRealLogrotateTest).
     */
    @Test
    void copyTruncateDoesNotReadAFileThatIsNotTheCopy() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        Files.writeString(dir.resolve("access.log.2"), "o1\n"); // there before the last look
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            Thread.sleep(20); // past a tick of the file clock: made before the log's change that the look sees
            append(log, "a1\na2\n");
            pollLater(t);
            append(log, "a3\n");
            Files.writeString(dir.resolve("access.log.1"), "x1\nx2\nx3\nx4\n"); // another log's rotation
            truncate(log);
            append(log, "b1\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "a2", "b1");
            assertThat(truncatedOnce()).isEqualTo("reading again from the start");
        }
    }

    /**
     * Truncated and written past the old position between two looks: the size alone looks like
     * growth, but the bytes before the position are no longer those read, so it is read from its
     * start (before, it was read on from the old position: the new file's first lines lost, a line
     * cut in two).
     */
    @Test
    void aTruncationHiddenByNewGrowthIsSeen() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "a1\na2\n");
            t.pollOnce();
            truncate(log);
            append(log, "b1 a longer line\nb2\n");
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("a1", "a2", "b1 a longer line", "b2");
            assertThat(rec.saw(TailEvent.Kind.TRUNCATED)).isTrue();
            append(log, "b3\n");
            t.pollOnce();
            assertThat(rec.texts()).endsWith("b2", "b3");
            assertThat(rec.count(TailEvent.Kind.TRUNCATED)).isEqualTo(1);
        }
    }

    /**
     * Truncated twice between two looks, the second time only copied yet (logrotate between its copy
     * and its truncation): the first copy is read on, the second whole, and the log, which still
     * begins with the second copy, is read on after it, not again from its start; its truncation,
     * seen at the next look, then reads it from the start.
     */
    @Test
    void copyTruncateTwiceBetweenLooksReadsBothCopiesOnce() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "a1\na2\n");
            t.pollOnce();
            append(log, "a3\n");
            copyTruncate(log, dir.resolve("access.log.2.gz"), true);
            append(log, "b1\nb2\n");
            Files.copy(log, dir.resolve("access.log.1")); // copied, not truncated yet
            append(log, "b3\n");
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("a1", "a2", "a3", "b1", "b2", "b3");
            truncate(log);
            append(log, "c1\n");
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("a1", "a2", "a3", "b1", "b2", "b3", "c1");
        }
    }

    /**
     * copytruncate with {@code rotate 1} and {@code compress}, after a rotation seen: logrotate copied
     * the log (b1, b2), the tailer read on past the copy's end (b3) before the truncation, and the first
     * copy is gone. The copy does not go on from where the log was read, but ends with what was read
     * here at its end: its lines were read, and are not read again as a later copy's. Before, they were
     * (black-box, logrotate twice a second at 2,000 lines/s: 500 to 2,132 lines of 20,000 counted twice).
     */
    @Test
    void aCopyMadeBeforeTheLastLookIsNotReadAgainAsALaterOne() throws Exception {
        assertThat(copyMadeBeforeTheLastLook(true, "b3")).containsExactly("a1", "b1", "b2", "b3", "c1");
    }

    /**
     * The same at the log's first truncation, with more read past the copy's end than the last bytes
     * kept to tell a copy by (128): the bytes read before the position are kept from the start, not
     * only once a truncation was seen. Before, the copy was taken for a later one and read again
     * (NginxNamespaceIT under load: 46,719 requests counted of 45,000 sent, logrotate's copy of 336,708
     * bytes read whole after 340,360 were read).
     */
    @Test
    void aCopyMadeBeforeTheLastLookIsNotReadAgainAtTheFirstTruncation() throws Exception {
        assertThat(copyMadeBeforeTheLastLook(false, "b3", "b4", "b5"))
                .containsExactly("a1", "b1", "b2", "b3", "b4", "b5", "c1");
    }

    /**
     * a1 read (and, when {@code rotatedBefore}, a copy of the log dealt with), then logrotate's copy
     * made (b1, b2), the lines {@code past} written and read past its end, then the copy gzipped as
     * access.log.1.gz ({@code rotate 1}: the first copy goes) and the log truncated, c1 written: the
     * lines read, without the padding that makes each long enough to tell a copy by.
     */
    private List<String> copyMadeBeforeTheLastLook(boolean rotatedBefore, String... past) throws Exception {
        Path log = Files.createFile(dir.resolve("access.log"));
        Path gz = dir.resolve("access.log.1.gz");
        String pad = " GET /a-request-line-long-enough-to-tell-a-copy-by HTTP/1.1";
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "a1" + pad + "\n");
            pollLater(t);
            if (rotatedBefore) {
                copyTruncate(log, gz, true); // seen: a copy of this log dealt with
                pollLater(t);
            }
            append(log, "b1" + pad + "\nb2" + pad + "\n");
            pollLater(t);
            byte[] copy = Files.readAllBytes(log); // logrotate's copy
            for (String line : past) {
                append(log, line + pad + "\n");
            }
            pollLater(t); // read past the copy's end, before the truncation
            Files.deleteIfExists(gz);
            try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
                out.write(copy);
            }
            TailHarness.truncate(log);
            append(log, "c1" + pad + "\n");
            pollLater(t);
        }
        return rec.texts().stream().map(l -> l.replace(pad, "")).toList();
    }

    /**
     * Truncated again before a byte was read after the last truncation (a quiet moment, then a starved
     * look, as logrotate every 0.4 s under load makes it): the log itself shows nothing, as the read
     * position is 0; the new copy does. It is read whole before the log. (Before, its lines were lost.)
     */
    @Test
    void aSecondTruncationBeforeAnythingWasReadIsSeenByItsCopy() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "a1\na2\n");
            t.pollOnce();
            append(log, "a3\n");
            copyTruncate(log, dir.resolve("access.log.1.gz"), true);
            t.pollOnce(); // a3 from the copy; the log is empty
            append(log, "b1\nb2\n");
            Files.move(dir.resolve("access.log.1.gz"), dir.resolve("access.log.2.gz"));
            copyTruncate(log, dir.resolve("access.log.1.gz"), true);
            append(log, "c1\n");
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("a1", "a2", "a3", "b1", "b2", "c1");
            assertThat(rec.events)
                    .filteredOn(e -> e.kind() == TailEvent.Kind.TRUNCATED)
                    .last()
                    .satisfies(e -> assertThat(e.detail())
                            .isEqualTo("truncated again before anything was read from it since; read all of"
                                    + " access.log.1.gz (6 bytes)"));
            append(log, "c2\n");
            t.pollOnce();
            assertThat(rec.texts()).endsWith("c1", "c2");
        }
    }

    /**
     * The last look found the log empty (just truncated by copytruncate, the tool that copies writing
     * the old copy over in place, as Python's shutil.copyfile and cp do): lines written and copied away
     * before the next look are read from the copy, whose inode is the one read before but whose content
     * is new. Before, the copy was taken for the one dealt with by its inode, and its lines were lost.
     */
    @Test
    void aCopyWrittenOverInPlaceAfterAnEmptyLookIsRead() throws Exception {
        Path log = dir.resolve("access.log");
        Path copy = dir.resolve("access.log.1");
        Files.createFile(log);
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "a1\n");
            pollLater(t);
            append(log, "a2\n");
            copyTruncate(log, copy, false);
            pollLater(t); // a2 from the copy; the log is empty
            pollLater(t); // the log is still empty
            append(log, "b1\nb2\n");
            Files.write(copy, Files.readAllBytes(log)); // the same inode, written over
            truncate(log);
            append(log, "c1\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "a2", "b1", "b2", "c1");
            pollLater(t);
            append(log, "c2\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "a2", "b1", "b2", "c1", "c2");
        }
    }

    /**
     * A log empty at start-up, written, copied (plain, or gzipped at once) and truncated before the
     * next look: its lines are all in the copy, read whole. The copy there at start-up, gzipped or
     * renamed to .2.gz by the same rotation, holds lines from before start-up and is not read. Before,
     * the lines were lost (nothing read from the log, so nothing to find the copy by).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"access.log.1", "access.log.1.gz"})
    void copyTruncateOfALogEmptyAtStartUpReadsTheCopy(String copyName) throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        Path before = dir.resolve(copyName);
        Files.writeString(log, "old1\n");
        copyTruncate(log, before, copyName.endsWith(".gz"));
        Files.setLastModifiedTime(
                before, java.nio.file.attribute.FileTime.from(now.get().minusSeconds(3600)));
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce(); // from its end: empty
            pollLater(t);
            append(log, "b1\nb2\n");
            if (copyName.endsWith(".gz")) { // compress: .1.gz renamed
                Files.move(before, dir.resolve("access.log.2.gz"));
            } else { // compress + delaycompress: .1 gzipped to .2.gz
                copyTruncate(before, dir.resolve("access.log.2.gz"), true);
                Files.delete(before);
            }
            copyTruncate(log, dir.resolve(copyName), copyName.endsWith(".gz"));
            append(log, "c1\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("b1", "b2", "c1");
            append(log, "c2\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("b1", "b2", "c1", "c2");
        }
    }

    /** A log empty at start-up that grows, with no copy made: read on as ever, nothing else read. */
    @Test
    void aLogEmptyAtStartUpThatGrowsReadsNoOtherFile() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        Files.writeString(dir.resolve("access.log.1"), "old1\nold2\n"); // there at start-up, written since
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            pollLater(t);
            append(log, "b1\n");
            pollLater(t);
            append(log, "b2\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("b1", "b2");
            assertThat(rec.saw(TailEvent.Kind.TRUNCATED)).isFalse();
        }
    }

    /**
     * A copy dealt with as a plain file, then gzipped by logrotate and renamed at the next rotation,
     * is the same copy under another name and inode: the look for a copy made before anything was read
     * again does not take it for a new one, by its content.
     */
    @Test
    void aCopyGzippedAndRenamedAfterItWasReadIsNotReadAgain() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "a1\n");
            t.pollOnce();
            append(log, "a2\n");
            copyTruncate(log, dir.resolve("access.log.1"), false);
            t.pollOnce(); // a2 from the plain copy; the log is empty
            try (OutputStream gz =
                    new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("access.log.1.gz")))) {
                Files.copy(dir.resolve("access.log.1"), gz);
            }
            Files.delete(dir.resolve("access.log.1"));
            append(log, "b1\n");
            t.pollOnce();
            Files.move(dir.resolve("access.log.1.gz"), dir.resolve("access.log.2.gz"));
            append(log, "b2\n");
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("a1", "a2", "b1", "b2");
            assertThat(rec.count(TailEvent.Kind.TRUNCATED)).isEqualTo(1);
        }
    }

    /**
     * Truncated before a byte was read since the log was opened at its end, its copy compressed in a way
     * not read here: a rotated file at least that long is not taken for the copy, as it does not hold
     * the bytes before that end (before, nothing was compared, and that file was read from the offset
     * on, half a line and all).
     */
    @Test
    void aCopyIsToldByWhatTheLogHeldBeforeItsEndWhenOpenedThere() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log, "old1\nold2\n");
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce(); // from its end
            append(log, "a1\n");
            copyTruncate(log, dir.resolve("access.log.1.bz2"), false);
            Files.writeString(dir.resolve("access.log.2"), "x1\nx2\nx3\nx4\nx5\n");
            append(log, "b1\n");
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("b1");
            assertThat(truncatedOnce()).isEqualTo("reading again from the start");
        }
    }

    /**
     * logrotate gives its copy the log's own time. A reader behind the log (a burst, a slow consumer)
     * looks long after the last write it has not read yet; that write's time, the copy's, is then older
     * than the look. The copy is still found: copies are looked for since the log's last write before
     * the look, not since the look.
     */
    @Test
    void aCopyWithTheLogsOwnOlderTimeIsFound() throws Exception {
        now.set(Instant.now());
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        java.nio.file.attribute.FileTime written =
                java.nio.file.attribute.FileTime.from(now.get().minusSeconds(5));
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "a1\n");
            Files.setLastModifiedTime(log, written);
            t.pollOnce();
            append(log, "a2\n"); // written, as far as the clocks go, before that look; not read yet
            Files.setLastModifiedTime(log, written);
            Path copy = dir.resolve("access.log.1");
            copyTruncate(log, copy, false);
            Files.setLastModifiedTime(copy, written);
            append(log, "b1\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "a2", "b1");
        }
    }

    /** Another log whose name starts with the log's (access.log-json) is no rotated file of it. */
    @Test
    void anotherLogWithTheSameStartIsNotTakenForACopy() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "a1\n");
            t.pollOnce();
            append(log, "a2\n");
            copyTruncate(log, dir.resolve("access.log.1"), false);
            Files.writeString(dir.resolve("access.log-json"), "{\"other\":1}\n"); // written after the copy
            append(log, "b1\n");
            pollLater(t);
            assertThat(rec.texts()).containsExactly("a1", "a2", "b1");
        }
    }

    @Test
    void startingAtTheEndSkipsALineBeingWritten() throws Exception {
        Path log = dir.resolve("a.log");
        Files.writeString(log, "old\nhalf of a li");
        try (FileTailer t = tailer(config(), log.toString())) {
            t.pollOnce();
            append(log, "ne\nnew\n");
            t.pollOnce();
        }
        assertThat(rec.texts()).containsExactly("new");
    }

    @Test
    void fromStartReadsExistingContent() throws Exception {
        Path log = dir.resolve("a.log");
        Files.writeString(log, "one\ntwo\n");
        try (FileTailer t = tailer(config().withFromStart(true), log.toString())) {
            t.pollOnce();
        }
        assertThat(rec.texts()).containsExactly("one", "two");
        assertThat(rec.lines).extracting(TailHarness.Line::number).containsExactly(1L, 2L);
    }

    @Test
    void longLinesAreCutAndFlaggedWithoutGrowingMemory() throws Exception {
        Path log = dir.resolve("a.log");
        Files.createFile(log);
        try (FileTailer t = tailer(config().withMaxLineBytes(16), log.toString())) {
            t.pollOnce();
            append(log, "x".repeat(100) + "\nshort\n" + "y".repeat(10));
            t.pollOnce();
            append(log, "z".repeat(50));
            t.pollOnce();
            append(log, "\n");
            t.pollOnce();
            assertThat(t.truncatedLines()).isEqualTo(2);
        }
        assertThat(rec.texts()).containsExactly("x".repeat(16), "short", "y".repeat(10) + "z".repeat(6));
        assertThat(rec.lines).extracting(TailHarness.Line::truncated).containsExactly(true, false, true);
    }

    @Test
    void globRescanHappensOnTheRescanInterval() throws Exception {
        try (FileTailer t = tailer(config(), dir.resolve("*.log").toString())) {
            t.pollOnce();
            Files.writeString(dir.resolve("b.log"), "from the start\n");
            t.pollOnce();
            assertThat(rec.texts()).isEmpty();
            now.set(now.get().plusSeconds(10));
            t.pollOnce();
            assertThat(rec.texts()).containsExactly("from the start");
            assertThat(t.following()).containsExactly(dir.resolve("b.log"));
        }
    }

    @Test
    void aPathThatBecomesADirectoryIsReportedAndOthersKeepGoing() throws Exception {
        Path a = dir.resolve("a.log");
        Path b = dir.resolve("b.log");
        Files.createFile(a);
        Files.createFile(b);
        try (FileTailer t = tailer(config(), a.toString(), b.toString())) {
            t.pollOnce();
            Files.delete(a);
            Files.createDirectory(a);
            append(b, "still here\n");
            t.pollOnce();
            t.pollOnce();
            assertThat(t.problems())
                    .extracting(TailEvent::kind, TailEvent::file)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(TailEvent.Kind.NOT_A_FILE, a));
            assertThat(t.following()).containsExactly(b);
        }
        assertThat(rec.texts()).containsExactly("still here");
        assertThat(rec.count(TailEvent.Kind.NOT_A_FILE)).as("reported once").isEqualTo(1);
    }

    /** As root (CI) the file is followed by a JVM running as nobody: root reads every file. */
    @Test
    void unreadableFileIsReportedAsPermissionDenied() throws Exception {
        Path a = dir.resolve("secret.log");
        Files.createFile(a);
        Files.setPosixFilePermissions(a, java.util.Set.of());
        String out;
        if (AsNobody.isRoot()) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            out = AsNobody.run(Files.createDirectory(dir.resolve("run")), UnreadableFileMain.class, a.toString());
        } else {
            out = UnreadableFileMain.tail(a);
        }
        assertThat(out.strip()).isEqualTo("problems [PERMISSION_DENIED], reported 1");
    }

    @Test
    void samePathFromTwoPatternsIsReadOnce() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        try (FileTailer t =
                tailer(config(), log.toString(), dir.resolve("*access*.log").toString())) {
            t.pollOnce();
            append(log, "once\n");
            t.pollOnce();
        }
        assertThat(rec.texts()).containsExactly("once");
    }

    @Test
    void wildcardInADirectoryIsRejected() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> PathPattern.parse("/var/log/*/access.log"))
                .withMessageContaining("file name");
    }
}
