package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch --jsonl | head -1}: once the reader is gone, every write to standard output fails
 * with EPIPE, which {@link PrintStream} swallows. The command must end there, quietly, with 141.
 */
class ClosedStdoutTest {

    /** A pipe whose reader quits after {@code keep} lines: every later write fails as EPIPE does. */
    private static final class HeadOne extends OutputStream {
        final int keep;
        int lines;
        int writesAfterClose;

        HeadOne(int keep) {
            this.keep = keep;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (lines >= keep) {
                writesAfterClose++;
                throw new IOException("Broken pipe");
            }
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }

    private static int runWith(HeadOne pipe, StringWriter err, String... args) {
        PrintStream realOut = System.out;
        try (PrintStream ps = new PrintStream(pipe, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            return Main.run(args, new PrintWriter(err, true));
        } finally {
            System.setOut(realOut);
        }
    }

    @Test
    void watchEndsAtTheFirstWriteIntoAClosedPipe() {
        HeadOne pipe = new HeadOne(1);
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = runWith(
                pipe,
                err,
                "watch",
                "--jsonl",
                "--interval",
                "0.05",
                "--count",
                "200",
                "--no-conn",
                "--no-http",
                "--no-auth",
                "--no-history",
                "--no-socket",
                "--no-firewall",
                "--offline");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(code).as("exit code, stderr: %s", err).isEqualTo(StdoutClosed.EXIT);
        assertThat(err.toString()).as("quietly").isEmpty();
        assertThat(pipe.writesAfterClose).as("writes into the closed pipe").isBetween(1, 3);
        assertThat(seconds).as("ended at once, not after 200 lines of 0.05 s").isLessThan(8);
    }

    @Test
    void replayWhoseReportCannotBeWrittenExits141(@TempDir Path dir) throws IOException {
        for (String format : List.of("--json", "--no-geoip")) {
            assertThat(replayInto(dir, format)).as(format).isEqualTo(StdoutClosed.EXIT);
        }
    }

    private static int replayInto(Path dir, String format) throws IOException {
        Path log = dir.resolve("access.log");
        Files.write(
                log,
                List.of(
                        "203.0.113.9 - - [05/Dec/2026:22:00:01 +0000] \"GET /a HTTP/1.1\" 200 1 \"-\" \"curl/8\"",
                        "203.0.113.10 - - [05/Dec/2026:22:00:02 +0000] \"GET /b HTTP/1.1\" 200 1 \"-\" \"curl/8\""));
        HeadOne pipe = new HeadOne(0); // replay ... | true: the reader is gone before the report
        StringWriter err = new StringWriter();
        int code = runWith(pipe, err, "replay", log.toString(), "--offline", format);
        assertThat(err.toString()).isEmpty();
        return code;
    }
}
