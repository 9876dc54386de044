package dev.nethergaze.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {

    @TempDir
    Path dir;

    private final TailHarness rec = new TailHarness();

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String numberedText(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sb.append(TailHarness.numbered(i)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void plainFileWithLineNumbersAndNoFinalNewline() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "one\r\ntwo\n\nlast");
        LineReader.Result r = LineReader.read(f, 1024, rec);
        assertThat(r.ok()).isTrue();
        assertThat(r.lines()).isEqualTo(4);
        assertThat(rec.texts()).containsExactly("one", "two", "", "last");
        assertThat(rec.lines).extracting(TailHarness.Line::number).containsExactly(1L, 2L, 3L, 4L);
    }

    /**
     * The bytes read are the content's, whatever the lines were delivered as (a byte order mark and
     * carriage returns dropped, an over-long line cut, a gzip file unpacked), from where reading began:
     * what a replay recorded into history is known by.
     */
    @Test
    void bytesReadAreTheContentsFromWhereReadingBegan() throws Exception {
        String text = "\uFEFFone\r\n" + "x".repeat(3000) + "\ntwo\nlast";
        long length = text.getBytes(StandardCharsets.UTF_8).length;
        Path f = dir.resolve("a.log");
        Files.writeString(f, text);
        assertThat(LineReader.read(f, 1024, rec).bytes()).isEqualTo(length);
        assertThat(LineReader.read(f, 3 + 5, 1024, rec).bytes()).isEqualTo(length - 8);
        Path gz = dir.resolve("a.log.1");
        Files.write(gz, gzip(text));
        assertThat(LineReader.read(gz, 1024, rec).bytes()).isEqualTo(length);
    }

    @Test
    void gzipIsRecognisedByItsMagicBytes() throws Exception {
        Path f = dir.resolve("access.log.2"); // no .gz suffix on purpose
        Files.write(f, gzip(numberedText(5000)));
        LineReader.Result r = LineReader.read(f, 1024, rec);
        assertThat(r.ok()).isTrue();
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, 5000));
    }

    @Test
    void truncatedGzipKeepsTheLinesReadAndNamesTheFile() throws Exception {
        Path f = dir.resolve("access.log.3.gz");
        byte[] whole = gzip(numberedText(20_000));
        Files.write(f, Arrays.copyOf(whole, whole.length / 2));
        LineReader.Result r = LineReader.read(f, 1024, rec);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains(f.toString()).contains("unexpected end");
        assertThat(r.lines()).isPositive().isLessThan(20_000).isEqualTo(rec.lines.size());
        assertThat(rec.texts()).containsExactlyElementsOf(TailHarness.numbered(1, (int) r.lines()));
    }

    /**
     * A {@code .gz} still being written (gzip compressing a rotated log, the compressed bytes coming in
     * pieces) is read whole once its writer is done, not cut where it had got to when the reading
     * began; one whose writer stopped for good still ends, as truncated.
     */
    @Test
    void aGzipStillBeingWrittenIsReadWhole() throws Exception {
        Path f = dir.resolve("access.log.1.gz");
        byte[] whole = gzip(numberedText(50_000));
        int first = whole.length / 5;
        Files.write(f, Arrays.copyOf(whole, first));
        Thread writer = Thread.ofPlatform().start(() -> {
            try (var out = Files.newOutputStream(f, java.nio.file.StandardOpenOption.APPEND)) {
                for (int at = first; at < whole.length; at += 1024) {
                    Thread.sleep(50); // gzip behind a busy disk: the reader meets the end it has got to
                    out.write(whole, at, Math.min(1024, whole.length - at));
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        java.util.List<String> lines = new java.util.ArrayList<>();
        LineReader.Result r = LineReader.read(
                f, 1024, (file, n, buf, off, len, cut) -> lines.add(new String(buf, off, len, StandardCharsets.UTF_8)));
        writer.join();
        assertThat(r.error()).isNull();
        assertThat(lines).containsExactlyElementsOf(TailHarness.numbered(1, 50_000));
    }

    @Test
    void missingFileIsAnErrorNotAnException() throws Exception {
        Path f = dir.resolve("nope.log");
        LineReader.Result r = LineReader.read(f, 1024, rec);
        assertThat(r.error()).isEqualTo(f + ": no such file");
        assertThat(r.lines()).isZero();
    }

    /** Read up to a byte, then to the end of the line under way there: the backfill's half of a log. */
    @Test
    void readsUpToAnOffsetAndFinishesTheLineThere(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = java.nio.file.Files.writeString(dir.resolve("a.log"), "one\ntwo\nthree\nfour\n");
        assertThat(linesUpTo(f, 0, 8)).containsExactly("one", "two"); // "two\n" ends at 8
        assertThat(linesUpTo(f, 0, 6)).containsExactly("one", "two"); // inside "two": finished
        assertThat(linesUpTo(f, 4, 4)).isEmpty(); // nothing from a line start to itself
        assertThat(linesUpTo(f, 4, 5)).containsExactly("two");
        assertThat(linesUpTo(f, 0, -1)).containsExactly("one", "two", "three", "four");
        assertThat(linesUpTo(f, 8, 100)).containsExactly("three", "four"); // past the end: to the end
    }

    private static java.util.List<String> linesUpTo(Path f, long start, long end) throws InterruptedException {
        java.util.List<String> out = new java.util.ArrayList<>();
        LineReader.Result r = LineReader.read(
                f,
                start,
                end,
                1024,
                (file, n, buf, off, len, cut) -> out.add(new String(buf, off, len, StandardCharsets.UTF_8)));
        assertThat(r.error()).isNull();
        return out;
    }
}
