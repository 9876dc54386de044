package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.source.tail.TailConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A followed auth log whose last line is a PAM-only failure (no "Failed" line of its pid, nothing after
 * it): the failure counts once its wait is over by the source's clock, with no further line.
 */
class PamWaitLiveTest {

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T10:00:05Z"));

    @Test
    void theLastLineOfAQuietLogCountsWhenItsWaitIsOver() throws Exception {
        Path log = Files.write(
                dir.resolve("auth.log"),
                List.of(
                        "Nov 30 10:00:01 host sshd[9]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root"));
        TailConfig tail = TailConfig.defaults()
                .withFromStart(true)
                .withIntervals(Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(2))
                .withClock(now::get);
        AuthLogSource source = new AuthLogSource(List.of(log.toString()), tail, ZoneOffset.UTC, (n, s, d) -> {});
        ConcurrentLinkedQueue<AuthAttempt> got = new ConcurrentLinkedQueue<>();
        Thread reader = follow(source, got);
        try {
            waitFor(() -> source.health().lines() >= 1);
            assertThat(got).isEmpty(); // waiting for its "Failed" line
            now.set(now.get().plus(AttemptTracker.PAM_WAIT).plusSeconds(1));
            waitFor(() -> !got.isEmpty());
            assertThat(got).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(AuthKind.FAILED_PASSWORD);
                assertThat(a.ip()).hasToString("203.0.113.9");
                assertThat(a.time()).isEqualTo(Instant.parse("2026-11-30T10:02:01Z"));
            });
        } finally {
            reader.interrupt();
            reader.join(5000);
        }
    }

    /** Runs {@code source} on a thread of its own, its attempts into {@code got}; interrupt it to stop. */
    static Thread follow(AuthLogSource source, Collection<AuthAttempt> got) {
        return Thread.ofPlatform().start(() -> {
            try {
                source.run(e -> got.add((AuthAttempt) e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static void waitFor(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
