package dev.nethergaze.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's JetStream stream on a real nats-server with JetStream: the first publisher makes it,
 * it keeps only each host's latest document, a host that stopped publishing stays in it, and a
 * stream its operator made is left as it is.
 */
class JetStreamTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration T = Duration.ofSeconds(5);

    @Test
    void publishersFillTheStreamWithTheLastDocumentOfEachHost() throws Exception {
        assumeTrue(NatsServer.missing() == null, NatsServer.missing());
        List<Snapshot> demo = Snapshots.demo(8);
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        try (NatsServer server = NatsServer.startJetStream(tmp)) {
            try (FleetPublisher web1 =
                    new FleetPublisher(server.url(), "web-1", Duration.ofMillis(100), 5, () -> log)) {
                web1.accept(demo.get(2));
                awaitPublished(web1, 1);
                // the second starts once the stream exists (two racing at once may both make it: the
                // server takes an identical config twice, and both would say so)
                FleetPublisher web2 = new FleetPublisher(server.url(), "web-2", Duration.ofMillis(100), 5, () -> log);
                web2.accept(demo.get(3));
                awaitPublished(web2, 1);
                awaitStored(web2, 1); // JetStream acknowledged it
                web2.close();
                web1.accept(demo.getLast()); // a newer state replaces the older one
                awaitPublished(web1, 2);
                awaitStored(web1, 2);
            }
            assertThat(logBytes.toString(StandardCharsets.UTF_8))
                    .containsOnlyOnce("made JetStream stream NETHERGAZE (each host's last document, kept 7 days)");
            // both publishers are gone: their last words stay
            try (NatsConnection c = NatsConnection.connect(server.url(), "reader", T)) {
                assertThat(c.jetStream()).isTrue();
                List<JetStream.Stored> stored = JetStream.lastOfEachHost(c);
                assertThat(stored)
                        .extracting(JetStream.Stored::subject)
                        .containsExactlyInAnyOrder("nethergaze.web-1.snapshot", "nethergaze.web-2.snapshot");
                JsonNode web1 = JSON.readTree(stored.stream()
                        .filter(s -> s.subject().contains("web-1"))
                        .findFirst()
                        .orElseThrow()
                        .json());
                assertThat(web1.get("generated_at").asText())
                        .isEqualTo(demo.getLast().generatedAt().toString());
                JsonNode info = JSON.readTree(c.request("$JS.API.STREAM.INFO." + JetStream.STREAM, new byte[0], T));
                assertThat(info.at("/state/messages").asLong())
                        .as("one per host")
                        .isEqualTo(2);
                assertThat(JetStream.ensureStream(c)).as("made once").isFalse();
            }
        }
    }

    /**
     * A document just under max_payload is stored; JetStream's reply to the reader carries it base64
     * in JSON, a third bigger than max_payload, which the server sends and the reader must take (it
     * ended the connection: {@code fleet} then showed no host at all, exit 2, while a busy host's
     * 850 KB document of 200 flagged IPs sat in the stream).
     */
    @Test
    void aStoredDocumentNearMaxPayloadIsReadBackThoughItsReplyIsBigger() throws Exception {
        assumeTrue(NatsServer.missing() == null, NatsServer.missing());
        int max = 64 * 1024;
        try (NatsServer server = NatsServer.startJetStreamMaxPayload(tmp, max);
                NatsConnection c = NatsConnection.connect(server.url(), "busy host", T)) {
            assertThat(c.maxPayload()).isEqualTo(max);
            assertThat(JetStream.ensureStream(c)).isTrue();
            String doc = "{\"host\":\"busy\",\"pad\":\"" + "x".repeat(max - 100) + "\"}";
            assertThat(doc.length()).isLessThanOrEqualTo(max);
            byte[] ack = c.request("nethergaze.busy.snapshot", doc.getBytes(StandardCharsets.UTF_8), T);
            assertThat(JetStream.refusal(ack)).as("stored").isNull();
            List<JetStream.Stored> stored = JetStream.lastOfEachHost(c);
            assertThat(stored).extracting(JetStream.Stored::json).containsExactly(doc);
            assertThat(c.closed()).as("connection still up").isNull();
        }
    }

    @Test
    void aStreamTheOperatorMadeIsLeftAsItIsAndNoStreamIsNull() throws Exception {
        assumeTrue(NatsServer.missing() == null, NatsServer.missing());
        try (NatsServer server = NatsServer.startJetStream(tmp);
                NatsConnection c = NatsConnection.connect(server.url(), "operator", T)) {
            assertThat(JetStream.lastOfEachHost(c)).as("no stream yet").isNull();
            String config =
                    "{\"name\":\"NETHERGAZE\",\"subjects\":[\"nethergaze.*.snapshot\"],\"max_age\":3600000000000,"
                            + "\"max_msgs_per_subject\":5,\"storage\":\"memory\"}";
            JsonNode made = JSON.readTree(
                    c.request("$JS.API.STREAM.CREATE.NETHERGAZE", config.getBytes(StandardCharsets.UTF_8), T));
            assertThat(made.has("error")).as(made.toString()).isFalse();
            assertThat(JetStream.ensureStream(c)).isFalse();
            JsonNode info = JSON.readTree(c.request("$JS.API.STREAM.INFO.NETHERGAZE", new byte[0], T));
            assertThat(info.at("/config/storage").asText()).isEqualTo("memory");
            assertThat(info.at("/config/max_msgs_per_subject").asInt()).isEqualTo(5);
            assertThat(JetStream.lastOfEachHost(c)).isEmpty();
        }
    }

    /**
     * JetStream's acknowledgements: a document the stream refuses is said once, in JetStream's words,
     * and so is the first one stored after the operator fixed the stream; a stream that does not
     * take the host's subject never answers, and that is said too.
     */
    @Test
    void aDocumentTheStreamRefusesIsSaidOnceAndSoIsTheRecovery() throws Exception {
        assumeTrue(NatsServer.missing() == null, NatsServer.missing());
        List<Snapshot> demo = Snapshots.demo(6);
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        try (NatsServer server = NatsServer.startJetStream(tmp);
                NatsConnection operator = NatsConnection.connect(server.url(), "operator", T)) {
            String small = "{\"name\":\"NETHERGAZE\",\"subjects\":[\"nethergaze.*.snapshot\"],"
                    + "\"max_msgs_per_subject\":1,\"max_msg_size\":256,\"storage\":\"memory\"}";
            JsonNode made = JSON.readTree(
                    operator.request("$JS.API.STREAM.CREATE.NETHERGAZE", small.getBytes(StandardCharsets.UTF_8), T));
            assertThat(made.has("error")).as(made.toString()).isFalse();
            try (FleetPublisher web1 =
                    new FleetPublisher(server.url(), "web-1", Duration.ofMillis(100), 5, () -> log)) {
                for (int i = 2; i < 5; i++) { // three documents, each over 256 bytes
                    web1.accept(demo.get(i));
                    awaitPublished(web1, i - 1);
                }
                Thread.sleep(300); // the last one's answer
                assertThat(web1.stored()).isZero();
                String said = logBytes.toString(StandardCharsets.UTF_8);
                assertThat(said)
                        .containsOnlyOnce("nethergaze: nats: JetStream did not keep the snapshot: ")
                        .contains("message size exceeds maximum allowed")
                        .doesNotContain("keeps the snapshots again");

                String roomy = small.replace("\"max_msg_size\":256", "\"max_msg_size\":-1");
                JsonNode updated = JSON.readTree(operator.request(
                        "$JS.API.STREAM.UPDATE.NETHERGAZE", roomy.getBytes(StandardCharsets.UTF_8), T));
                assertThat(updated.has("error")).as(updated.toString()).isFalse();
                web1.accept(demo.getLast());
                awaitStored(web1, 1);
                Thread.sleep(200);
                assertThat(logBytes.toString(StandardCharsets.UTF_8))
                        .containsOnlyOnce("nethergaze: nats: JetStream keeps the snapshots again");
            }
            JsonNode info = JSON.readTree(operator.request("$JS.API.STREAM.INFO.NETHERGAZE", new byte[0], T));
            assertThat(info.at("/state/messages").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aStreamWithoutTheHostsSubjectNeverAnswersAndThatIsSaid() throws Exception {
        assumeTrue(NatsServer.missing() == null, NatsServer.missing());
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        try (NatsServer server = NatsServer.startJetStream(tmp);
                NatsConnection operator = NatsConnection.connect(server.url(), "operator", T)) {
            String other = "{\"name\":\"NETHERGAZE\",\"subjects\":[\"other.>\"],\"storage\":\"memory\"}";
            JsonNode made = JSON.readTree(
                    operator.request("$JS.API.STREAM.CREATE.NETHERGAZE", other.getBytes(StandardCharsets.UTF_8), T));
            assertThat(made.has("error")).as(made.toString()).isFalse();
            try (FleetPublisher web1 =
                    new FleetPublisher(server.url(), "web-1", Duration.ofMillis(100), 5, () -> log)) {
                web1.accept(Snapshots.demo(3).getLast());
                awaitPublished(web1, 1);
                long deadline = System.nanoTime()
                        + FleetPublisher.ACK_WAIT.plusSeconds(5).toNanos();
                while (!logBytes.toString(StandardCharsets.UTF_8).contains("no acknowledgement")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(logBytes.toString(StandardCharsets.UTF_8))
                        .contains("nethergaze: nats: no acknowledgement from JetStream within 5 s (is "
                                + "nethergaze.web-1.snapshot among the subjects of stream NETHERGAZE?)");
                assertThat(web1.stored()).isZero();
            }
        }
    }

    @Test
    void aServerWithoutJetStreamSaysSo() throws Exception {
        assumeTrue(NatsServer.missing() == null, NatsServer.missing());
        try (NatsServer server = NatsServer.start(tmp, null);
                NatsConnection c = NatsConnection.connect(server.url(), "x", T)) {
            assertThat(c.jetStream()).isFalse();
        }
    }

    /**
     * A frozen server (SIGSTOP) was said as a stream without the host's subject: 'no acknowledgement
     * from JetStream within 5 s (is nethergaze.alpha.snapshot among the subjects of stream
     * NETHERGAZE?)', sending an operator to the stream's config while the server was stuck.
     */
    @Test
    void aFrozenServerIsNotTakenForAStreamWithoutTheSubject() throws Exception {
        assumeTrue(NatsServer.missing() == null, NatsServer.missing());
        List<Snapshot> demo = Snapshots.demo(8);
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        try (NatsServer server = NatsServer.startJetStream(tmp);
                FleetPublisher p = new FleetPublisher(server.url(), "web-1", Duration.ofMillis(100), 5, () -> log)) {
            p.accept(demo.get(2));
            awaitStored(p, 1);
            server.pause();
            try {
                p.accept(demo.get(3));
                awaitPublished(p, 2);
                long deadline = System.nanoTime()
                        + FleetPublisher.ACK_WAIT.plusSeconds(5).toNanos();
                while (!logBytes.toString(StandardCharsets.UTF_8).contains("no acknowledgement")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            } finally {
                server.resume();
            }
            assertThat(logBytes.toString(StandardCharsets.UTF_8))
                    .contains("nethergaze: nats: no acknowledgement from JetStream within 5 s: the server has"
                            + " answered nothing since, not even a PING (stuck or overloaded?)")
                    .doesNotContain("among the subjects");
        }
    }

    private static void awaitStored(FleetPublisher p, long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (p.stored() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(p.stored()).isGreaterThanOrEqualTo(n);
    }

    private static void awaitPublished(FleetPublisher p, long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (p.published() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(p.published()).isGreaterThanOrEqualTo(n);
    }
}
