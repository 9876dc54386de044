package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.TailConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogSourceTest {

    @TempDir
    Path dir;

    private final List<SourceEvent> events = new CopyOnWriteArrayList<>();

    private static final String LINE =
            "203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] \"GET /wp-login.php HTTP/1.1\" 404 12 \"-\" \"scan\"\n";

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline)
                    .as("timed out waiting for " + what)
                    .isTrue();
            Thread.sleep(2);
        }
    }

    /** Runs the source on its own thread, its events into {@link #events}. */
    private Thread start(AccessLogSource source) {
        return Thread.ofPlatform().start(() -> {
            try {
                source.run(events::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void missingUntilALogAppearsThenEmitsHitsOnLogTime() throws Exception {
        String glob = dir.resolve("*access*.log").toString();
        TailConfig config = new TailConfig(
                Duration.ofMillis(5),
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                false,
                TailConfig.DEFAULT_MAX_LINE,
                InstantSource.system());
        AccessLogSource source = new AccessLogSource(List.of(glob), config, StatusReporter.silent());
        assertThat(source.name()).isEqualTo("http:" + glob);
        Path log = dir.resolve("site-access.log");
        Thread t = start(source);
        try {
            await("missing", () -> source.health().status() == SourceStatus.MISSING);
            Files.writeString(log, LINE + "garbage\n" + LINE.replace("203.0.113.9", "host.example.org"));
            await("hit", () -> !events.isEmpty() && source.health().lines() == 3);
            await("ok", () -> source.health().status() == SourceStatus.OK);
            assertThat(source.health().detail()).contains(log.toString());
        } finally {
            t.interrupt();
            t.join(5000);
        }
        assertThat(events).hasSize(1);
        HttpHit hit = (HttpHit) events.getFirst();
        assertThat(hit.time()).isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
        assertThat(hit.source()).isEqualTo(source.name());
        assertThat(source.health().malformed()).isEqualTo(1);
        assertThat(source.health().detail()).endsWith("; 1 unparsed (first at " + log + ":2)");
        assertThat(source.unresolvedHosts()).isEqualTo(1);
    }

    @Test
    void badLinesAreCountedWithTheFirstOnesPlaceAndOverlongOnesSaySo() throws Exception {
        Path log = dir.resolve("access.log");
        Files.writeString(log, "");
        TailConfig config = new TailConfig(
                Duration.ofMillis(5),
                Duration.ofMillis(20),
                Duration.ofMillis(100),
                true,
                1024,
                InstantSource.system());
        AccessLogSource source = new AccessLogSource(List.of(log.toString()), config, StatusReporter.silent());
        Thread t = start(source);
        try {
            String overlong = LINE.replace("/wp-login.php", "/" + "a".repeat(2000));
            Files.writeString(log, LINE + "\n" + overlong + "\u0000\u0001 binary\n" + LINE);
            await("all lines", () -> source.health().lines() == 5);
        } finally {
            t.interrupt();
            t.join(5000);
        }
        assertThat(events).hasSize(2);
        assertThat(source.health().malformed()).as("the blank line is not one").isEqualTo(2);
        assertThat(source.health().detail()).endsWith("; 2 unparsed (first at " + log + ":3; 1 longer than 1 KiB)");
    }

    @Test
    void debianDefaults() {
        assertThat(AccessLogSource.DEBIAN_DEFAULTS)
                .containsExactly(
                        "/var/log/nginx/access.log", "/var/log/nginx/*access*.log", "/var/log/apache2/*access*.log");
    }
}
