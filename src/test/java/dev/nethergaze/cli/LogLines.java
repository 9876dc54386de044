package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Waiting for a real server's log to hold what it was sent. */
final class LogLines {

    private LogLines() {}

    /** Until {@code log} has at least {@code n} lines containing {@code text} ("" for any line), 20 s at most. */
    static void await(Path log, String text, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (count(log, text) < n) {
            assertThat(System.nanoTime())
                    .as("%s: %d lines with '%s'", log.getFileName(), n, text)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long count(Path log, String text) throws java.io.IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return Files.readAllLines(log).stream().filter(l -> l.contains(text)).count();
    }
}
