package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.config.Config;
import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.source.Source;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run follows its logs from start-up, not from its tailers' first look: the lines written in
 * between (JVM and lookups starting, a second or more on a loaded box) are read. Before, a tailer started
 * at the end it found at its first look, and those lines were never read.
 */
class WiringStartUpTest {

    @TempDir
    Path home;

    @Test
    void linesWrittenBetweenStartUpAndTheFirstLookAreRead() throws Exception {
        Path access = Files.writeString(home.resolve("access.log"), hit("192.0.2.1", "/before"));
        Path auth = Files.writeString(home.resolve("auth.log"), failure("192.0.2.1", 1));
        Config c = LogsOnlyConfig.of(home, access, auth, Map.of());
        List<Source> sources = Wiring.liveSources(c, InstantSource.system(), (n, s, d) -> {}, false);
        // start-up is over: these come before any tailer looks
        append(access, hit("192.0.2.2", "/between"));
        append(auth, failure("192.0.2.2", 2));
        List<SourceEvent> seen = new CopyOnWriteArrayList<>();
        List<Thread> running = sources.stream()
                .map(s -> Thread.ofPlatform().daemon().start(() -> {
                    try {
                        s.run(seen::add);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .toList();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(600); // two more polls: nothing else comes
        } finally {
            running.forEach(Thread::interrupt);
        }
        assertThat(seen)
                .filteredOn(HttpHit.class::isInstance)
                .map(e -> ((HttpHit) e).target())
                .containsExactly("/between");
        assertThat(seen)
                .filteredOn(AuthAttempt.class::isInstance)
                .map(e -> ((AuthAttempt) e).ip().toString())
                .containsExactly("192.0.2.2");
    }

    private static String hit(String ip, String path) {
        return ip + " - - [06/Dec/2026:14:30:00 +0000] \"GET " + path + " HTTP/1.1\" 200 5 \"-\" \"curl/8\"\n";
    }

    private static String failure(String ip, int pid) {
        return "Dec  6 14:30:00 web sshd[" + pid + "]: Failed password for root from " + ip + " port 22 ssh2\n";
    }

    private static void append(Path file, String line) throws Exception {
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
