package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Snapshot;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A JSON line goes to standard output in writes of up to 64 KiB, not one per IP: {@link System#out}
 * (a 128-byte buffer, flushed on every write of bytes) made a watch line of 2,000 IPs some 4,000
 * write calls. The bytes are the same.
 */
class BufferedStdoutTest {

    /** Counts the writes that reach it, as the file descriptor would see them. */
    private static final class Fd extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            writes++;
            bytes.write(b, off, len);
        }
    }

    private static Snapshot snapshot() {
        Engine engine = new Engine(new EngineSettings(true, 10_000, Duration.ofMinutes(5), 20, "h", String::valueOf));
        Instant t = Instant.parse("2026-12-06T12:00:00Z");
        for (int i = 0; i < 3000; i++) {
            IpKey k = IpKey.parse("198.51." + (i / 250) + "." + (i % 250));
            engine.apply(new HttpHit("a", t, k, k, "GET", "/p" + i, "HTTP/1.1", 200, 10, "-", "ua", "", false));
        }
        engine.maintain(t);
        return engine.snapshot(List.of());
    }

    @Test
    void aLineIsWrittenInFewLargeWrites() {
        Snapshot s = snapshot();
        PrintStream realOut = System.out;
        Fd direct = new Fd();
        Fd buffered = new Fd();
        try {
            System.setOut(new PrintStream(new BufferedOutputStream(direct, 128), true)); // as the JVM's
            Output.nextLine(s, System.out);
            System.setOut(new PrintStream(new BufferedOutputStream(buffered, 128), true));
            PrintStream out = Output.bufferedStdout();
            Output.nextLine(s, out);
        } finally {
            System.setOut(realOut);
        }
        int size = buffered.bytes.size();
        assertThat(buffered.bytes.toByteArray()).isEqualTo(direct.bytes.toByteArray());
        assertThat(size).isGreaterThan(1 << 20);
        assertThat(buffered.writes).as("writes of %d bytes", size).isLessThanOrEqualTo(size / (1 << 15) + 2);
        assertThat(direct.writes).as("through System.out").isGreaterThan(3000);
    }
}
