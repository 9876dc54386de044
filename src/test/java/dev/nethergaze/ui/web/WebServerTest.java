package dev.nethergaze.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.detect.Findings;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.Snapshots;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web view's HTTP surface on a real socket (loopback, any free port), fed the demo's snapshots. */
class WebServerTest {

    private static List<Snapshot> demo;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Published feed = new Published();
    private WebServer server;

    /** A feed whose snapshots the test publishes. */
    private static final class Published implements WebServer.Feed {
        final AtomicReference<Snapshot> latest = new AtomicReference<>();

        @Override
        public Snapshot latest() {
            return latest.get();
        }
    }

    @BeforeAll
    static void demo() {
        demo = Snapshots.demo(8);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String base(String token) throws Exception {
        server = WebServer.start(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), feed, token);
        return "http://127.0.0.1:" + server.address().getPort();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] json(Snapshot s) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new SnapshotJson(false).write(s, b);
        return b.toByteArray();
    }

    @Test
    void thePageLoadsItsScriptFromItselfUnderAStrictPolicy() throws Exception {
        String base = base(null);
        HttpResponse<String> page = get(base + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).contains("<script src=\"app.js\" defer></script>");
        assertThat(page.body().split("<script").length - 1)
                .as("no inline script")
                .isEqualTo(1);
        HttpResponse<String> js = get(base + "/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.body()).contains("textContent").doesNotContain("innerHTML", "insertAdjacentHTML", "eval(");
        assertThat(get(base + "/app.css").statusCode()).isEqualTo(200);
        assertThat(get(base + "/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    /**
     * Every browser asks for {@code /favicon.ico} (the page's own link, or by itself on /metrics and the
     * JSON); it was a 404 on each load. The icon is an SVG, said so in its Content-Type, served without
     * the token like the page's script (it holds no data), and the page links it.
     */
    @Test
    void theIconIsAnSvgThePageLinksAndNeedsNoToken() throws Exception {
        String base = base("s3cret");
        HttpResponse<String> page = get(base + "/?token=s3cret");
        assertThat(page.body()).contains("<link rel=\"icon\" href=\"favicon.ico\" type=\"image/svg+xml\">");
        HttpResponse<String> icon = get(base + "/favicon.ico");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(icon.body())
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .endsWith("</svg>\n");
        assertThat(icon.body()).doesNotContain("<script", "href");
        assertThat(icon.body().length()).isLessThan(1024);
    }

    /**
     * {@code /healthz} fails once the same snapshot has stayed the latest for a minute (a stalled
     * engine), so a monitor sees it; a new snapshot brings "ok" back.
     */
    @Test
    void healthzFailsWhenTheSnapshotsStopComing() throws Exception {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        server = WebServer.start(
                new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), feed, null, clock::get);
        String base = "http://127.0.0.1:" + server.address().getPort();
        feed.latest.set(demo.get(0));
        assertThat(get(base + "/healthz").body()).isEqualTo("ok\n");
        clock.set(59_000_000_000L);
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
        clock.set(61_000_000_000L);
        HttpResponse<String> stalled = get(base + "/healthz");
        assertThat(stalled.statusCode()).isEqualTo(503);
        assertThat(stalled.body()).isEqualTo("stalled: no new snapshot for 61 s\n");
        feed.latest.set(demo.get(1));
        assertThat(get(base + "/healthz").body()).isEqualTo("ok\n");
    }

    @Test
    void theSnapshotIsTheSnapshotDocumentAndFiltersLikeTheCli() throws Exception {
        String base = base(null);
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(503);
        assertThat(get(base + "/api/snapshot").statusCode()).isEqualTo(503);
        Snapshot s = demo.getLast();
        feed.latest.set(s);
        assertThat(get(base + "/healthz").body()).isEqualTo("ok\n");

        HttpResponse<byte[]> whole = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/snapshot")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(whole.body()).isEqualTo(json(s));

        JsonNode worst = new ObjectMapper()
                .readTree(get(base + "/api/snapshot?suspicious=1&top=2").body());
        List<String> expected = Findings.suspicious(s.ips()).stream()
                .limit(2)
                .map(v -> v.ip().toString())
                .toList();
        List<String> got = new ArrayList<>();
        worst.get("ips").forEach(n -> got.add(n.get("ip").asText()));
        assertThat(got).isEqualTo(expected).first().isEqualTo("2001:db8:bad:1::22");

        JsonNode ssh = new ObjectMapper()
                .readTree(get(base + "/api/snapshot?filter="
                                + java.net.URLEncoder.encode("rule:ssh fails>=5", StandardCharsets.UTF_8))
                        .body());
        assertThat(ssh.get("ips"))
                .singleElement()
                .satisfies(n -> assertThat(n.get("ip").asText()).isEqualTo("2001:db8:bad:1::22"));

        HttpResponse<String> bad = get(base + "/api/snapshot?filter=bogus:1");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .startsWith("filter: ")
                .contains("unknown field 'bogus'")
                .hasLineCount(1);
        assertThat(get(base + "/api/snapshot?top=0").statusCode()).isEqualTo(400);
        assertThat(get(base + "/api/events?interval=0.1").statusCode()).isEqualTo(400);
        // suspicious=yes was taken for off: every IP, as if the switch had been read
        for (String endpoint : List.of("/api/snapshot", "/api/events")) {
            HttpResponse<String> yes = get(base + endpoint + "?suspicious=yes");
            assertThat(yes.statusCode()).as(endpoint).isEqualTo(400);
            assertThat(yes.body())
                    .isEqualTo("suspicious: 1 or true (suspicious IPs only, worst first), 0 or false, got 'yes'\n");
        }
        assertThat(get(base + "/api/snapshot?suspicious=false").statusCode()).isEqualTo(200);
        // present but empty was taken for off: a script's unset variable got every IP (WebQueryTest)
        assertThat(get(base + "/api/snapshot?suspicious=").statusCode()).isEqualTo(400);

        HttpResponse<String> metrics = get(base + "/metrics");
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body()).contains("nethergaze_connections{state=\"SYN_RECV\"} 270\n");
    }

    /**
     * A malformed escape ({@code %ZZ}, a lone {@code %}) is our 400, one plain line naming the
     * parameter; a character {@link java.net.URI} does not take unencoded ({@code filter=fails>=5} as
     * typed) is read as itself. Both never reached the handler under the JDK's server, which answered
     * its own HTML 400 (and README said it could not be helped); the server goes on serving.
     */
    @Test
    void aMalformedEscapeIsOurOwnLineAndUnencodedCharactersAreRead() throws Exception {
        String base = base(null);
        feed.latest.set(demo.getLast());
        for (String query : List.of("filter=%ZZ", "top=%", "interval=%G1", "suspicious=%Z", "token=%ZZ")) {
            String answer = raw("GET /api/snapshot?" + query + " HTTP/1.1");
            String name = query.substring(0, query.indexOf('='));
            assertThat(answer)
                    .as(query)
                    .startsWith("HTTP/1.1 400 ")
                    .contains("Content-Type: text/plain; charset=utf-8")
                    .endsWith("\r\n\r\n" + name + ": a malformed %-escape in '" + query.substring(name.length() + 1)
                            + "'\n");
        }
        String typed = raw("GET /api/snapshot?filter=fails>=5 HTTP/1.1");
        assertThat(typed).startsWith("HTTP/1.1 200 ");
        assertThat(typed.substring(typed.indexOf("\r\n\r\n") + 4))
                .isEqualTo(get(base + "/api/snapshot?filter=fails%3E%3D5").body());
        assertThat(get(base + "/api/snapshot?top=1").statusCode()).isEqualTo(200);
    }

    /** The whole answer to one request line sent as is (with a Host header) on a socket of its own. */
    private String raw(String requestLine) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(
                java.net.InetAddress.getLoopbackAddress(), server.address().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((requestLine + "\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aTokenIsNeededOnEveryRequestButThePagesCodeWhenSet() throws Exception {
        String base = base("s3cret");
        feed.latest.set(demo.getLast());
        assertThat(get(base + "/api/snapshot").statusCode()).isEqualTo(401);
        assertThat(get(base + "/").statusCode()).isEqualTo(401);
        assertThat(get(base + "/metrics?token=wrong").statusCode()).isEqualTo(401);
        assertThat(get(base + "/metrics?token=s3cret").statusCode()).isEqualTo(200);
        assertThat(get(base + "/?token=s3cret").statusCode()).isEqualTo(200);
        // a bad query is judged only once the token is right: without it, no word on the parameters
        for (String bad : List.of("/api/snapshot?tpo=5", "/api/snapshot?top=1e3&token=wrong", "/metrics?x=1")) {
            HttpResponse<String> r = get(base + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(401);
            assertThat(r.body()).as(bad).doesNotContain("tpo", "top", "x:");
        }
        assertThat(get(base + "/api/snapshot?tpo=5&token=s3cret").statusCode()).isEqualTo(400);
        // the page's script and style as a browser asks for them (without the page's ?token=): no data in them
        HttpResponse<String> script = get(base + "/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(get(base + "/app.css").statusCode()).isEqualTo(200);
        HttpResponse<String> bearer = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/snapshot"))
                        .header("Authorization", "Bearer s3cret")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bearer.statusCode()).isEqualTo(200);
        for (String scheme : List.of("bearer", "BEARER")) { // the scheme's name is case-insensitive
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/snapshot"))
                            .header("Authorization", scheme + " s3cret")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(scheme).isEqualTo(200);
        }
    }

    /**
     * Sixteen clients that stopped reading (a suspended {@code curl … | less}) held every event stream
     * slot for as long as they stayed connected, and the page got {@code 503 too many event streams}
     * (black-box: 16 such sockets on {@code serve} of 50,000 IPs, a browser refused for as long as they
     * stayed, 60 s and more). A write blocked past the timeout now ends its stream.
     */
    @Test
    void clientsThatStopReadingLoseTheirStreamsAndTheirSlots() throws Exception {
        server = WebServer.start(
                new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0),
                feed,
                null,
                System::nanoTime,
                Duration.ofSeconds(1));
        int port = server.address().getPort();
        Snapshot big = Snapshots.many(20_000);
        assertThat(json(big).length).as("more than the sockets' buffers hold").isGreaterThan(8 << 20);
        feed.latest.set(big);
        List<java.net.Socket> stuck = new ArrayList<>();
        try {
            for (int i = 0; i < WebServer.MAX_STREAMS; i++) {
                java.net.Socket s = new java.net.Socket();
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
                s.getOutputStream()
                        .write("GET /api/events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                stuck.add(s); // and never read
            }
            Thread.sleep(500);
            int status = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<InputStream> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events?top=1"))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                status = r.statusCode();
                r.body().close();
                if (status == 200) {
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(status)
                    .as("a browser's stream once the stuck ones are cut")
                    .isEqualTo(200);
        } finally {
            for (java.net.Socket s : stuck) {
                s.close();
            }
        }
    }

    /** Each new snapshot is one event (at most one per interval); closing the server ends the stream. */
    @Test
    void eventsFollowTheSnapshotsUntilTheServerCloses() throws Exception {
        String base = base(null);
        feed.latest.set(demo.get(demo.size() - 3));
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/events?interval=0.25&top=3"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        List<String> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String line = r.readLine();
            assertThat(line).startsWith("data: {");
            JsonNode doc = new ObjectMapper().readTree(line.substring("data: ".length()));
            assertThat(doc.get("ips")).hasSize(3);
            times.add(doc.get("generated_at").asText());
            assertThat(r.readLine()).isEmpty();
            if (i < 2) {
                feed.latest.set(demo.get(demo.size() - 2 + i));
            }
        }
        assertThat(times).isSorted().doesNotHaveDuplicates();
        server.close();
        String rest;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            rest = r.readLine();
        } while (rest != null && System.nanoTime() < deadline);
        assertThat(rest).as("the stream ends when the server closes").isNull();
        server = null;
    }

    /**
     * README: "a comment line every 15 s when nothing changes". With an interval over 15 s the stream
     * slept through its waits and sent nothing (interval=3600: one document, then 40 s of silence), so a
     * proxy's read timeout would cut it. The server's clock is moved on 16 s after the first document.
     */
    @Test
    void aLongIntervalStillSendsTheKeepAliveComment() throws Exception {
        java.util.concurrent.atomic.AtomicLong skew = new java.util.concurrent.atomic.AtomicLong();
        server = WebServer.start(
                new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0),
                feed,
                null,
                () -> System.nanoTime() + skew.get());
        feed.latest.set(demo.getLast());
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + server.address().getPort() + "/api/events?interval=3600"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        assertThat(r.readLine()).startsWith("data: {");
        assertThat(r.readLine()).isEmpty();
        skew.set(Duration.ofSeconds(16).toNanos());
        java.util.concurrent.CompletableFuture<String> next = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return r.readLine();
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        assertThat(next.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(": keepalive");
    }
}
