package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.fleet.NatsConnection;
import dev.nethergaze.fleet.NatsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fleet counts a host's age from when its document arrived, not from the sender's clock; documents
 * that are not snapshot documents (not an object, no host, another schema_version) are counted and
 * skipped; --json says each host's age_s and stale.
 */
class FleetReceiveTimeTest {

    @TempDir
    Path tmp;

    private static String doc(String host, Instant at) {
        return "{\"schema_version\":1,\"host\":\"" + host + "\",\"generated_at\":\"" + at + "\",\"totals\":"
                + "{\"connections\":3},\"ips\":[],\"findings\":[]}";
    }

    @Test
    void ageIsFromTheReceiveTimeAndMalformedDocumentsAreSkipped() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        try (NatsServer server = NatsServer.start(tmp, null);
                NatsConnection pub = NatsConnection.connect(server.url(), "test pub", Duration.ofSeconds(5))) {
            List<String> payloads = new ArrayList<>(List.of(
                    "[]",
                    "{\"host\":\"bad3\"}",
                    "{\"schema_version\":99,\"host\":\"bad2\"}",
                    doc("future", Instant.parse("2099-01-01T00:00:00Z")),
                    doc("old-clock", Instant.now().minusSeconds(120))));
            Thread publisher = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1000);
                    for (String p : payloads) {
                        pub.publish("nethergaze.x.snapshot", p.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            PrintStream realErr = System.err;
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            CliRun r;
            try (PrintStream ps = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
                System.setErr(ps);
                r = CliRun.of("fleet", "--nats", server.url(), "--wait", "3", "--json");
            } finally {
                System.setErr(realErr);
            }
            publisher.join();
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode hosts = r.json().get("hosts");
            List<String> names = new ArrayList<>();
            hosts.forEach(h -> names.add(h.get("host").asText()));
            assertThat(names).containsExactlyInAnyOrder("future", "old-clock");
            for (JsonNode h : hosts) {
                assertThat(h.get("age_s").asLong()).isBetween(0L, 10L);
                assertThat(h.get("stale").asBoolean()).isFalse();
            }
            assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("3 messages were not snapshot documents");
        }
    }
}
