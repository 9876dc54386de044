package dev.nethergaze.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of a log is known by what it holds, not by its name: plain and gzipped, its print is the same;
 * another content of the same length is another print; a copy is read on only where it holds, right
 * before the position, the bytes read from the log.
 */
class CopiesTest {

    @TempDir
    Path dir;

    private static final String LOG = "a1 GET /\na2 GET /x\n".repeat(20) + "a3 the last line\n";

    private Path plain(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path gzip(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    /**
     * A plain copy gone since it was listed (gzip finished and removed it) is read from its .gz; one
     * still there, one with no .gz, and a .gz itself have none.
     */
    @Test
    void aPlainCopyGoneCompressedIsFoundAsItsGzip() throws Exception {
        Path gone = dir.resolve("access.log.1");
        Path gz = gzip("access.log.1.gz", LOG);
        assertThat(Copies.compressedSince(gone)).isEqualTo(gz);
        assertThat(Copies.read(Copies.compressedSince(gone), 0, new byte[0], true)
                        .print())
                .isEqualTo(Copies.print(plain("access.log.2", LOG)));
        plain("access.log.1", LOG);
        assertThat(Copies.compressedSince(gone))
                .as("still there: read as it is")
                .isNull();
        assertThat(Copies.compressedSince(dir.resolve("access.log.3")))
                .as("no .gz")
                .isNull();
        assertThat(Copies.compressedSince(gz)).isNull();
    }

    @Test
    void aCopyAndItsGzippedSelfHaveOnePrint() throws Exception {
        Copies.Print plain = Copies.print(plain("access.log.1", LOG));
        Copies.Print zipped = Copies.print(gzip("access.log.1.gz", LOG));
        assertThat(zipped).isEqualTo(plain);
        assertThat(plain.length()).isEqualTo(LOG.length());
        assertThat(Copies.print(plain("access.log.2", LOG.replace("a3 the last", "a4 the last"))))
                .as("same length, other last bytes")
                .isNotEqualTo(plain);
        assertThat(Copies.print(plain("access.log.3", LOG + "a5\n"))).isNotEqualTo(plain);
        assertThat(Copies.print(plain("short", "x\n"))).isEqualTo(Copies.print(gzip("short.gz", "x\n")));
    }

    @Test
    void aCopyIsReadOnOnlyWhereItHoldsWhatWasRead() throws Exception {
        int at = LOG.indexOf("a3");
        byte[] before = LOG.substring(at - 10, at).getBytes(StandardCharsets.UTF_8);
        for (Path copy : new Path[] {plain("access.log.1", LOG), gzip("access.log.1.gz", LOG)}) {
            Copies.Read r = Copies.read(copy, at, before, true);
            assertThat(r).as(copy.toString()).isNotNull();
            assertThat(new String(r.rest(), StandardCharsets.UTF_8)).isEqualTo("a3 the last line\n");
            assertThat(r.print()).isEqualTo(Copies.print(copy));
            assertThat(Copies.read(copy, at, "other byte".getBytes(StandardCharsets.UTF_8), true))
                    .as("not what was read")
                    .isNull();
            assertThat(Copies.read(copy, LOG.length() + 5, new byte[0], true))
                    .as("shorter than what was read")
                    .isNull();
        }
    }
}
