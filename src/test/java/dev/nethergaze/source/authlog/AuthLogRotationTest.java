package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.source.tail.TailConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A writer at ~5k lines/s rotating the log every 0.5 s: every attempt arrives exactly once. */
class AuthLogRotationTest {

    enum Style {
        RENAME_AND_CREATE,
        COPY_TRUNCATE,
        DELETE_AND_RECREATE
    }

    private static final int LINES = 10_000;
    private static final int PER_ROTATION = 2_500;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Style.class)
    void losesAndDoublesNothing(Style style) throws Exception {
        Path log = dir.resolve("auth.log");
        Files.createFile(log);
        TailConfig tail = TailConfig.defaults()
                .withFromStart(true)
                .withIntervals(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(2));
        AuthLogSource source = new AuthLogSource(List.of(log.toString()), tail, ZoneOffset.UTC, (n, s, d) -> {});
        ConcurrentLinkedQueue<AuthAttempt> got = new ConcurrentLinkedQueue<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                source.run(e -> got.add((AuthAttempt) e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        write(log, style);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (got.size() < LINES && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // anything doubled would arrive now
        reader.interrupt();
        reader.join(5000);

        Set<Integer> ports = new TreeSet<>();
        for (AuthAttempt a : got) {
            String l = a.line();
            ports.add(Integer.parseInt(l.substring(l.indexOf(" port ") + 6, l.indexOf(" ssh2"))));
        }
        assertThat(got).hasSize(LINES);
        assertThat(ports).hasSize(LINES);
    }

    private static void write(Path log, Style style) throws IOException, InterruptedException {
        long start = System.nanoTime();
        int rotation = 0;
        OutputStream out = Files.newOutputStream(log, StandardOpenOption.APPEND);
        try {
            for (int i = 0; i < LINES; i++) {
                if (i > 0 && i % PER_ROTATION == 0) {
                    out.close();
                    rotate(log, style, ++rotation);
                    out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                String line = "Jan  1 00:00:0" + (i % 10) + " h sshd[" + (1000 + i)
                        + "]: Failed password for root from 203.0.113." + (1 + i % 200) + " port " + i + " ssh2\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
                long due = start + i * 200_000L; // 5k lines/s
                long wait = due - System.nanoTime();
                if (wait > 1_000_000) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
        } finally {
            out.close();
        }
    }

    private static void rotate(Path log, Style style, int n) throws IOException {
        Path old = log.resolveSibling("auth.log." + n);
        switch (style) {
            case RENAME_AND_CREATE -> {
                Files.move(log, old);
                Files.createFile(log);
            }
            case COPY_TRUNCATE -> {
                waitDrained(); // logrotate's copytruncate loses what the reader had not read yet; so would we
                Files.copy(log, old, StandardCopyOption.REPLACE_EXISTING);
                Files.write(log, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
            }
            case DELETE_AND_RECREATE -> {
                // the tailer must have drained the file: the old content is gone with it
                waitDrained();
                Files.delete(log);
                Files.createFile(log);
            }
        }
    }

    private static void waitDrained() throws IOException {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
