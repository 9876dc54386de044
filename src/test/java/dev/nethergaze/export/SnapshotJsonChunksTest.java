package dev.nethergaze.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Snapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A big compact report is written in chunks on several threads: it must be the same document, in the
 * same order, as the one-thread pretty writer gives (which never chunks).
 */
class SnapshotJsonChunksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void chunkedIpsAreTheSameDocumentInTheSameOrder() throws IOException {
        Engine engine = new Engine(new EngineSettings(true, 100_000, Duration.ofMinutes(15), 4, "h", String::valueOf));
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        int ips = 5_000; // ~10 chunks of 512
        for (int i = 0; i < ips; i++) {
            IpKey k = IpKey.parse("2001:db8::" + Integer.toHexString(i + 1));
            for (int r = 0; r <= i % 7; r++) {
                engine.apply(new HttpHit(
                        "t",
                        t0.plusSeconds(i),
                        k,
                        k,
                        "GET",
                        "/p" + r + "?\"q\"",
                        "HTTP/1.1",
                        200 + r,
                        10,
                        "-",
                        "agent \u00e9 " + i,
                        "",
                        false));
            }
        }
        Snapshot s = engine.snapshot(List.of());
        assertThat(s.ips()).hasSize(ips);

        ByteArrayOutputStream compact = new ByteArrayOutputStream();
        new SnapshotJson(false, 3).write(s, compact); // chunked on 3 threads whatever this machine has
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        new SnapshotJson(false, 1).write(s, single); // one thread: never chunked
        ByteArrayOutputStream pretty = new ByteArrayOutputStream();
        new SnapshotJson(true).write(s, pretty);

        assertThat(compact.toByteArray())
                .as("same bytes as the one-thread writer")
                .isEqualTo(single.toByteArray());
        String line = compact.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(line).doesNotContain("\n").contains("\"findings\":[]");
        JsonNode a = JSON.readTree(line);
        JsonNode b = JSON.readTree(pretty.toByteArray());
        assertThat(a.get("ips")).hasSize(ips);
        assertThat(a).isEqualTo(b);
        for (int i = 0; i < ips; i++) {
            assertThat(a.get("ips").get(i).get("ip").asText())
                    .isEqualTo(s.ips().get(i).ip().toString());
        }
    }
}
