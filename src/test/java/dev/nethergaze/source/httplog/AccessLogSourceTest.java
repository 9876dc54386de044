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
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                source.run(events::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            await("missing", () -> source.health().status() == SourceStatus.MISSING);
            Path log = dir.resolve("site-access.log");
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
        assertThat(source.unresolvedHosts()).isEqualTo(1);
    }

    @Test
    void debianDefaults() {
        assertThat(AccessLogSource.DEBIAN_DEFAULTS)
                .containsExactly(
                        "/var/log/nginx/access.log", "/var/log/nginx/*access*.log", "/var/log/apache2/*access*.log");
    }
}
