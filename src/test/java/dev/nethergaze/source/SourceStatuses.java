package dev.nethergaze.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.SourceStatus;
import java.util.concurrent.TimeUnit;

/** Waits in tests for a running source to show a status. */
public final class SourceStatuses {

    private SourceStatuses() {}

    /** Returns once {@code source} is {@code wanted}; fails, with what it shows, after 10 s. */
    public static void await(Source source, SourceStatus wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (source.health().status() != wanted) {
            assertThat(System.nanoTime())
                    .as("waiting for %s, at %s", wanted, source.health())
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
