package dev.nethergaze.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.tail.FileTailer;
import dev.nethergaze.source.tail.LineSink;
import dev.nethergaze.source.tail.TailConfig;
import dev.nethergaze.source.tail.TailListener;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A followed log's lines lost in a rotation (copytruncate with compress, the copy written over by the
 * next rotation before the tailer looked) are said on the source's status and in the file's entry,
 * which stay OK (the log is read on), and reported once, however many polls follow; a failure beside
 * the log that is retried is said while it lasts: the loop the access and auth sources run ({@code
 * files.update(tailer.following(), tailer.problems())}).
 */
class LostLinesStatusTest {

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void linesLostInARotationAreSaidOnTheStatusAndReportedOnce() throws Exception {
        Path log = dir.resolve("access.log");
        Files.createFile(log);
        List<String> reported = new ArrayList<>();
        FollowedFiles files = files(log, reported);
        try (FileTailer t = tailer(log, files)) {
            poll(t, files);
            Files.writeString(log, "a1\na2\n", StandardOpenOption.APPEND);
            poll(t, files);
            Files.writeString(log, "a3\n", StandardOpenOption.APPEND);
            gzipCopyAndTruncate(log); // rotate 1: the next rotation's copy is written over this one
            Files.writeString(log, "b1\n", StandardOpenOption.APPEND);
            gzipCopyAndTruncate(log);
            Files.writeString(log, "c1\n", StandardOpenOption.APPEND);
            for (int i = 0; i < 3; i++) {
                poll(t, files);
            }
        }
        String lost = "truncated; what it held after offset 6, where it was read to, is in no copy";
        assertThat(files.health().status()).isEqualTo(SourceStatus.OK);
        assertThat(files.health().detail()).startsWith("following " + log + "; " + log + ": " + lost);
        SourceHealth entry = files.entries().getFirst();
        assertThat(entry.status()).isEqualTo(SourceStatus.OK);
        // a1, a2, then the later copy (b1, read since 8e0e0c2) and c1: a3 is the line lost
        assertThat(entry.lines()).isEqualTo(4);
        assertThat(entry.detail()).startsWith(lost).contains("access.log.1.gz (3 bytes)");
        assertThat(reported).singleElement().asString().startsWith("ERROR " + log + ": " + lost);
    }

    /**
     * A failure of the tailer beside the followed file (here the old file of a rotation that cannot be
     * read on: /proc/self/mem, whose reads at offset 0 fail, was what the log's symlink named) is on the
     * source's status and the file's entry while it is retried, reported once; once the old file is
     * given up, its lines are said lost instead.
     */
    @Test
    void anOldFileThatCannotBeReadOnIsOnTheStatusWhileRetriedThenSaidLost() throws Exception {
        Path log = dir.resolve("app.log");
        Files.createSymbolicLink(log, Path.of("/proc/self/mem"));
        List<String> reported = new ArrayList<>();
        FollowedFiles files = files(log, reported);
        try (FileTailer t = tailer(log, files)) {
            poll(t, files);
            Files.delete(log);
            Files.writeString(log, "b1\n");
            poll(t, files);
            poll(t, files);
            String draining = log + ": reading the old file on from offset 0: Input/output error";
            assertThat(files.health().status()).isEqualTo(SourceStatus.OK);
            assertThat(files.health().detail()).isEqualTo("following " + log + "; " + draining);
            SourceHealth entry = files.entries().getFirst();
            assertThat(entry.status()).isEqualTo(SourceStatus.ERROR);
            assertThat(entry.lines()).isEqualTo(1);
            // the first: the log itself unreadable, as before
            assertThat(reported).hasSize(2).last().isEqualTo("ERROR " + draining);

            now.set(now.get().plusSeconds(10)); // the rotate grace over: given up
            poll(t, files);
            String lost = log + ": the old file could not be read on from offset 0, where it was read to"
                    + " (Input/output error): what it held after that is not read";
            assertThat(files.health().detail()).isEqualTo("following " + log + "; " + lost);
            assertThat(files.entries().getFirst().status()).isEqualTo(SourceStatus.OK);
            poll(t, files);
            assertThat(reported).hasSize(3).last().isEqualTo("ERROR " + lost);
        }
    }

    private static FollowedFiles files(Path log, List<String> reported) {
        return new FollowedFiles(
                "http:" + log,
                "http",
                "an access log",
                List.of(log.toString()),
                1024,
                (n, s, d) -> reported.add(s + " " + d));
    }

    private FileTailer tailer(Path log, FollowedFiles files) {
        LineSink counted = (file, number, buf, off, len, cut) -> files.line(file);
        return new FileTailer(
                List.of(log.toString()), TailConfig.defaults().withClock(now::get), counted, TailListener.none());
    }

    private void poll(FileTailer t, FollowedFiles files) throws InterruptedException {
        now.set(now.get().plusMillis(250));
        t.pollOnce();
        files.update(t.following(), t.problems());
    }

    /** logrotate's copytruncate with compress: the log gzipped to access.log.1.gz (over the last), then emptied. */
    private static void gzipCopyAndTruncate(Path log) throws Exception {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(log.resolveSibling("access.log.1.gz")))) {
            Files.copy(log, out);
        }
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
    }
}
