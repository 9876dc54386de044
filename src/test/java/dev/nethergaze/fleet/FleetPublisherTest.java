package dev.nethergaze.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NATS client and the publisher against a real nats-server on loopback. */
class FleetPublisherTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMessageGoesRoundTheServerAndAWrongTokenIsRefusedInOneLine() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        try (NatsServer server = NatsServer.start(tmp, "s3cret");
                NatsConnection sub = NatsConnection.connect(server.url(), "test sub", Duration.ofSeconds(5));
                NatsConnection pub = NatsConnection.connect(server.url(), "test pub", Duration.ofSeconds(5))) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            sub.subscribe(
                    "nethergaze.*.snapshot",
                    (subject, payload) -> got.add(subject + " " + new String(payload, StandardCharsets.UTF_8)));
            sub.flush();
            Thread.sleep(200); // the SUB is in before the PUB
            byte[] body = "{\"a\":\"x\\r\\ny\"}\r\nnot a new line".getBytes(StandardCharsets.UTF_8);
            pub.publish("nethergaze.web-1.snapshot", body);
            pub.publish("other.subject", "no".getBytes(StandardCharsets.UTF_8));
            assertThat(got.poll(5, TimeUnit.SECONDS))
                    .isEqualTo("nethergaze.web-1.snapshot " + new String(body, StandardCharsets.UTF_8));
            assertThat(got.poll(300, TimeUnit.MILLISECONDS)).isNull();
            assertThat(pub.maxPayload()).isEqualTo(1 << 20);
            assertThatThrownBy(() -> pub.publish("x", new byte[(1 << 20) + 1]))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("max_payload");
            assertThatThrownBy(
                            () -> NatsConnection.connect(server.urlWithoutToken(), "no token", Duration.ofSeconds(5)))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("the server refused us: -ERR 'Authorization Violation'");
        }
        assertThat(FleetPublisher.subject("web-1.example.com")).isEqualTo("nethergaze.web-1_example_com.snapshot");
        // one to one: names the old mapping sent to one subject get one each
        List<String> names = List.of("web.1", "web_1", "a*b>c", "a_b_c", "a.b.c", "", "_", ".", "~", "x y", "x\ty");
        assertThat(names.stream().map(FleetPublisher::subject).distinct()).hasSameSizeAs(names);
        assertThat(FleetPublisher.subject("web_1")).isEqualTo("nethergaze.web~5f1.snapshot");
        assertThat(FleetPublisher.subject("a*b>c")).isEqualTo("nethergaze.a~2ab~3ec.snapshot");
        assertThat(FleetPublisher.subject("höst")).isEqualTo("nethergaze.höst.snapshot");
    }

    /**
     * Started before its server exists, the publisher says so once and keeps trying; once the server
     * is there it publishes the latest snapshot (only the flagged IPs, worst first); after the server
     * restarts it says the connection was lost and publishes again.
     */
    @Test
    void thePublisherWaitsForTheServerAndComesBackAfterARestart() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        Snapshot demo = Snapshots.demo(8).getLast();
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        NatsServer server = NatsServer.start(tmp, null);
        server.stop();
        try (FleetPublisher p = new FleetPublisher(server.url(), "web-1", Duration.ofMillis(200), 5, () -> log)) {
            p.accept(demo);
            Thread.sleep(1500);
            assertThat(logBytes.toString(StandardCharsets.UTF_8))
                    .contains("nethergaze: nats: cannot reach 127.0.0.1:" + server.port() + ": ")
                    .contains("(retrying)");
            assertThat(logBytes.toString(StandardCharsets.UTF_8).lines()).hasSize(1);

            server.restart();
            JsonNode doc = next(server, p);
            assertThat(doc.get("host").asText()).isEqualTo(demo.host());
            assertThat(doc.get("ips")).hasSize(5);
            assertThat(doc.get("ips").get(0).get("ip").asText()).isEqualTo("2001:db8:bad:1::22");
            assertThat(doc.get("totals").get("connections").asInt())
                    .isEqualTo(demo.totals().connections());
            assertThat(logBytes.toString(StandardCharsets.UTF_8))
                    .contains("nethergaze: nats: connected to 127.0.0.1:" + server.port()
                            + ", publishing on nethergaze.web-1.snapshot");

            server.restart();
            p.accept(Snapshots.demo(3).getLast());
            JsonNode again = next(server, p);
            assertThat(again.get("generated_at").asText())
                    .isNotEqualTo(doc.get("generated_at").asText());
            assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("nats: connection lost: ");
            // how long the fleet had no word from this host, and what it missed: nothing is queued
            assertThat(logBytes.toString(StandardCharsets.UTF_8))
                    .containsPattern("nethergaze: nats: connected to 127\\.0\\.0\\.1:" + server.port()
                            + " again after [1-9]\\d* s away, publishing on nethergaze\\.web-1\\.snapshot"
                            + " \\([1-9]\\d* documents? not published meanwhile: nothing is queued, the current"
                            + " state goes first\\)");
        } finally {
            server.close();
        }
    }

    /**
     * The first snapshot comes after the connection (a session's sources take a moment): it is sent
     * at once, not an interval later, when a short session (watch --count 3) may have ended.
     */
    @Test
    void aFirstSnapshotThatComesAfterTheConnectionIsSentAtOnce() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        Snapshot demo = Snapshots.demo(8).getLast();
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        try (NatsServer server = NatsServer.start(tmp, null);
                NatsConnection sub = NatsConnection.connect(server.url(), "test sub", Duration.ofSeconds(5));
                FleetPublisher p = new FleetPublisher(server.url(), "late-1", Duration.ofMinutes(5), 5, () -> log)) {
            BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            sub.subscribe(p.subject(), (s, payload) -> got.add(payload));
            sub.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!logBytes.toString(StandardCharsets.UTF_8).contains("publishing on")
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(300); // connected, and looked once already: nothing to send yet
            p.accept(demo);
            byte[] doc = got.poll(5, TimeUnit.SECONDS);
            assertThat(doc)
                    .as("sent within seconds, not after the 5-minute interval")
                    .isNotNull();
            assertThat(JSON.readTree(doc).get("host").asText()).isEqualTo(demo.host());
        }
    }

    /** Subscribes, and waits (up to 40 s: reconnects back off) for the publisher's next document. */
    private static JsonNode next(NatsServer server, FleetPublisher p) throws Exception {
        BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        try (NatsConnection sub = NatsConnection.connect(server.url(), "test sub", Duration.ofSeconds(5))) {
            sub.subscribe(p.subject(), (s, payload) -> got.add(payload));
            byte[] doc = got.poll(40, TimeUnit.SECONDS);
            assertThat(doc).as("a document on %s", p.subject()).isNotNull();
            return JSON.readTree(doc);
        }
    }

    /**
     * A server that stops answering without closing (a dead peer sends no FIN): the publisher's PINGs
     * go unanswered, and after the silence limit it says the connection is lost and reconnects. The
     * time away it says once back counts from the server's last answer, the silence included: it
     * counted from when the silence was judged, so a server frozen for 90 s was "away 30 s", and the
     * documents swallowed by the silence were not among those "not published meanwhile".
     */
    @Test
    void aServerThatFallsSilentIsTakenForGone() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connects = new java.util.concurrent.atomic.AtomicInteger();
        try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                    while (true) {
                        java.net.Socket s = fake.accept();
                        held.add(s);
                        connects.incrementAndGet();
                        greet(s);
                        // then silence: what comes is read by nobody, nothing is ever answered
                    }
                } catch (IOException e) {
                    held.forEach(x -> {
                        try {
                            x.close();
                        } catch (IOException ignored) {
                            // closing the fake
                        }
                    });
                }
            });
            String said = untilBack(
                    fake.getLocalPort(), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(3));
            assertThat(said)
                    .contains("nethergaze: nats: connection lost: no answer from the server for 3.0 s (reconnecting)");
            assertThat(connects.get()).as("it connected again").isGreaterThanOrEqualTo(2);
            java.util.regex.Matcher away = java.util.regex.Pattern.compile(
                            " again after (\\d+) s away, publishing on \\S+ \\((\\d+) documents not published")
                    .matcher(said);
            assertThat(away.find()).as(said).isTrue();
            assertThat(Integer.parseInt(away.group(1)))
                    .as("away since the last answer, 3 s of silence and 1 s of backoff")
                    .isGreaterThanOrEqualTo(4);
            assertThat(Integer.parseInt(away.group(2)))
                    .as("a document every 100 ms meanwhile")
                    .isGreaterThanOrEqualTo(30);
        }
    }

    /**
     * What a publisher to the fake server at {@code port} says on stderr until it is connected again
     * (at most 20 s): its first document is the demo's.
     */
    private static String untilBack(int port, Duration interval, Duration ping, Duration dead) throws Exception {
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        try (FleetPublisher p =
                new FleetPublisher("nats://127.0.0.1:" + port, "h", interval, 5, () -> log, ping, dead)) {
            p.accept(Snapshots.demo(3).getLast());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!logBytes.toString(StandardCharsets.UTF_8).contains(" again after ")
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    /** A fake server's INFO, then the client's CONNECT and PING read and answered; the reader of the rest. */
    private static java.io.BufferedReader greet(java.net.Socket s) throws IOException {
        s.getOutputStream().write("INFO {\"max_payload\":1048576}\r\n".getBytes(StandardCharsets.US_ASCII));
        java.io.BufferedReader r = new java.io.BufferedReader(
                new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        r.readLine(); // CONNECT
        r.readLine(); // PING
        s.getOutputStream().write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
        return r;
    }

    /**
     * A server that closes the connection between two documents: the publisher finds out when it next
     * looks (up to an interval later), and the time away it says once back counts from the close, not
     * from then: it said "again after 1 s away" for a connection gone for four.
     */
    @Test
    void theTimeAwayCountsFromWhenTheConnectionEnded() throws Exception {
        try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    java.net.Socket first = fake.accept();
                    java.io.BufferedReader r = greet(first);
                    String pub = r.readLine(); // the first document's PUB line: "PUB subject length"
                    // the whole document read before the close: closing on unread bytes resets the connection,
                    // and a publisher still writing them then finds out at once, a second before it is back
                    long length = Long.parseLong(pub.substring(pub.lastIndexOf(' ') + 1)) + 2; // and its CRLF
                    while (length > 0) {
                        long skipped = r.skip(length);
                        if (skipped <= 0) {
                            throw new IOException("the document ended early");
                        }
                        length -= skipped;
                    }
                    first.close(); // gone between two documents
                    java.net.Socket second = fake.accept();
                    held.add(second);
                    greet(second);
                } catch (IOException e) {
                    // the test ended
                }
            });
            String said = untilBack(
                    fake.getLocalPort(), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(60));
            for (java.net.Socket h : held) {
                h.close();
            }
            java.util.regex.Matcher away = java.util.regex.Pattern.compile(" again after (\\d+) s away")
                    .matcher(said);
            assertThat(away.find()).as(said).isTrue();
            assertThat(Integer.parseInt(away.group(1)))
                    .as("gone when closed; found out up to 3 s later, then 1 s of backoff")
                    .isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aDocumentOverTheServersLimitKeepsFewerIps() {
        Snapshot demo = Snapshots.demo(8).getLast();
        try (FleetPublisher p = new FleetPublisher(
                "nats://127.0.0.1:1",
                "h",
                Duration.ofHours(1),
                200,
                () -> new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            byte[] all = p.document(demo, Long.MAX_VALUE);
            byte[] small = p.document(demo, all.length / 3);
            assertThat(small.length).isLessThanOrEqualTo(all.length / 3);
            assertThat(List.of(all.length, small.length)).doesNotHaveDuplicates();
        }
    }

    /**
     * A server whose max_payload is smaller than even a document with no IPs: that is not a connection
     * problem. Said once (no reconnecting, no flood); with a limit the slim document fits, it is sent.
     */
    @Test
    void aDocumentThatNeverFitsIsSaidOnceAndNeverReconnects() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        Snapshot demo = Snapshots.demo(8).getLast();
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        try (NatsServer server = NatsServer.startMaxPayload(tmp, 300);
                FleetPublisher p = new FleetPublisher(server.url(), "tiny", Duration.ofMillis(50), 200, () -> log)) {
            for (int i = 0; i < 40; i++) {
                p.accept(Snapshots.demo(8 + i % 3).getLast());
                Thread.sleep(50);
            }
            assertThat(p.skipped()).isGreaterThan(5);
            assertThat(p.published()).isZero();
        }
        List<String> lines = logBytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).noneMatch(l -> l.contains("connection lost"));
        assertThat(lines.stream().filter(l -> l.contains("connected to"))).hasSize(1);
        assertThat(lines.stream().filter(l -> l.contains("over the server's max_payload 300")))
                .hasSize(1);
        assertThat(lines.getLast()).matches("nethergaze: nats: \\d+ documents in a row were over max_payload.*");

        byte[] noIps = new FleetPublisher("nats://127.0.0.1:1", "h", Duration.ofHours(1), 200, () -> log)
                .document(demo.withIps(List.of()), Long.MAX_VALUE);
        byte[] slim = FleetPublisher.slim(noIps);
        assertThat(slim.length).isLessThan(noIps.length);
        int limit = slim.length + 10;
        logBytes.reset();
        try (NatsServer server = NatsServer.startMaxPayload(tmp, limit);
                NatsConnection sub = NatsConnection.connect(server.url(), "test sub", Duration.ofSeconds(5))) {
            BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            sub.subscribe(FleetPublisher.subject("small"), (subj, payload) -> got.add(payload));
            sub.flush();
            Thread.sleep(200);
            try (FleetPublisher p = new FleetPublisher(server.url(), "small", Duration.ofMillis(100), 200, () -> log)) {
                p.accept(demo.withIps(List.of()));
                byte[] got1 = got.poll(10, TimeUnit.SECONDS);
                assertThat(got1).as("the slim document").isNotNull();
                JsonNode doc = JSON.readTree(got1);
                assertThat(doc.get("slim").asBoolean()).isTrue();
                assertThat(doc.get("host").asText()).isEqualTo(demo.host());
            }
        }
    }

    /**
     * A server whose max_payload (4 KiB) holds the document's header but not its worst IP with all its
     * evidence: the documents carry as many flagged IPs as fit, worst first (slim ones when that keeps
     * more), and the cut is said once, with the limit. Before, the IPs were halved down to none and
     * every document went out with 0 of 32 IPs, silently.
     */
    @Test
    void aSmallMaxPayloadCutsTheIpsToThoseThatFitAndSaysSoOnce() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        Snapshot demo = Snapshots.demo(8).getLast();
        int flagged = dev.nethergaze.detect.Findings.suspicious(demo.ips()).size();
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        List<JsonNode> docs = new java.util.ArrayList<>();
        try (NatsServer server = NatsServer.startMaxPayload(tmp, 4096);
                NatsConnection sub = NatsConnection.connect(server.url(), "test sub", Duration.ofSeconds(5))) {
            BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            sub.subscribe(FleetPublisher.subject("cut"), (subj, payload) -> got.add(payload));
            sub.flush();
            Thread.sleep(200);
            try (FleetPublisher p = new FleetPublisher(server.url(), "cut", Duration.ofMillis(50), 200, () -> log)) {
                for (int i = 0; i < 3; i++) {
                    p.accept(Snapshots.demo(8).getLast());
                    byte[] doc = got.poll(10, TimeUnit.SECONDS);
                    assertThat(doc).as("document %d", i).isNotNull();
                    assertThat(doc.length).isLessThanOrEqualTo(4096);
                    docs.add(JSON.readTree(doc));
                }
            }
        }
        JsonNode doc = docs.getFirst();
        int sent = doc.get("ips").size();
        assertThat(sent).as("as many IPs as fit, not none").isBetween(2, flagged - 1);
        assertThat(doc.get("ips").get(0).get("ip").asText()).isEqualTo("2001:db8:bad:1::22");
        assertThat(doc.at("/fleet/ips_sent").asInt()).isEqualTo(sent);
        assertThat(doc.at("/fleet/flagged_ips").asInt()).isEqualTo(flagged);
        List<String> cut = logBytes.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.contains("max_payload"))
                .toList();
        assertThat(cut)
                .containsExactly("nethergaze: nats: the snapshot documents are cut to " + sent + " of " + flagged
                        + " flagged IPs (worst first, without evidence and last requests) by the server's"
                        + " max_payload of 4096 bytes (raise max_payload on the server for all of them)");
    }

    /** A connection lost again and again for the same reason is said once, and retried with backoff. */
    @Test
    void aConnectionLostOverAndOverBacksOffAndIsSaidOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger connects = new java.util.concurrent.atomic.AtomicInteger();
        try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        try (java.net.Socket s = fake.accept()) {
                            connects.incrementAndGet();
                            s.getOutputStream()
                                    .write("INFO {\"max_payload\":1048576}\r\n".getBytes(StandardCharsets.US_ASCII));
                            java.io.BufferedReader r = new java.io.BufferedReader(
                                    new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                            r.readLine(); // CONNECT
                            r.readLine(); // PING
                            s.getOutputStream().write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                            r.readLine(); // the document: then the server goes
                        }
                    }
                } catch (IOException e) {
                    // the fake is closed
                }
            });
            ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
            PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
            try (FleetPublisher p = new FleetPublisher(
                    "nats://127.0.0.1:" + fake.getLocalPort(), "h", Duration.ofMillis(20), 5, () -> log)) {
                p.accept(Snapshots.demo(3).getLast());
                Thread.sleep(5000);
            }
            // backoff 1, 2, 4 s: at most 4 connections in 5 s (without it: hundreds)
            assertThat(connects.get()).isBetween(2, 4);
            List<String> lines =
                    logBytes.toString(StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.stream().filter(l -> l.contains("connection lost")))
                    .hasSize(1);
            assertThat(lines.stream().filter(l -> l.contains("connected to"))).hasSize(2);
        }
    }

    /** The document carries the host's own count of flagged IPs and its worst finding, whatever was trimmed. */
    @Test
    void theHostsOwnCountsSurviveTrimming() throws Exception {
        Snapshot demo = Snapshots.demo(8).getLast();
        int flagged = dev.nethergaze.detect.Findings.suspicious(demo.ips()).size();
        assertThat(flagged).isGreaterThan(3);
        dev.nethergaze.model.Severity worst = demo.ips().stream()
                .flatMap(v -> v.findings().stream())
                .map(dev.nethergaze.model.Finding::severity)
                .max(java.util.Comparator.naturalOrder())
                .orElseThrow();
        try (FleetPublisher p = new FleetPublisher(
                "nats://127.0.0.1:1",
                "h",
                Duration.ofHours(1),
                3,
                () -> new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            JsonNode capped = JSON.readTree(p.document(demo, Long.MAX_VALUE));
            assertThat(capped.get("ips")).hasSize(3);
            assertThat(capped.at("/fleet/flagged_ips").asInt()).isEqualTo(flagged);
            assertThat(capped.at("/fleet/ips_sent").asInt()).isEqualTo(3);
            assertThat(capped.at("/fleet/worst/severity").asText()).isEqualTo(worst.json());

            int noIps = p.document(demo.withIps(List.of()), Long.MAX_VALUE).length;
            JsonNode trimmed = JSON.readTree(p.document(demo, noIps + 20));
            assertThat(trimmed.get("ips").size())
                    .isEqualTo(trimmed.at("/fleet/ips_sent").asInt())
                    .isLessThan(flagged);
            assertThat(trimmed.at("/fleet/flagged_ips").asInt()).isEqualTo(flagged);
            assertThat(trimmed.at("/fleet/worst/severity").asText()).isEqualTo(worst.json());
            assertThat(trimmed.at("/fleet/worst/rule").asText()).isNotEmpty();
        }
    }
}
