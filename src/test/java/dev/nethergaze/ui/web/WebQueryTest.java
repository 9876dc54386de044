package dev.nethergaze.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.Snapshots;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint's query, good and bad, on a real server (loopback). A parameter that is empty,
 * malformed, out of range, repeated or unknown to its endpoint was taken silently before, each a
 * different answer than asked for ({@code top=1e3} a thousand rows, {@code suspicious=} every IP,
 * {@code top=5&top=7} seven, {@code tpo=5} every IP); each is now
 * a 400 with one line naming the parameter and what it takes.
 */
class WebQueryTest {

    private static final Snapshot SNAPSHOT = Snapshots.demo(8).getLast();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WebServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = WebServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> SNAPSHOT, null);
        base = "http://127.0.0.1:" + server.address().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Status and body of a GET; an event stream's body is not read (only its status). */
    private Answer get(String target) throws Exception {
        HttpResponse<InputStream> r = http.send(
                HttpRequest.newBuilder(URI.create(base + target)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            boolean stream = r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            String body = stream ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), body);
        }
    }

    /** The answer to a request line sent as is (what curl or a script may send unencoded). */
    private Answer raw(byte[] requestLine) throws Exception {
        try (Socket s =
                new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(requestLine);
            s.getOutputStream().write("\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            String head = all.substring(0, end);
            String type = head.lines()
                    .filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(l -> l.substring(13).strip())
                    .findFirst()
                    .orElse("");
            return new Answer(Integer.parseInt(head.substring(9, 12)), type, all.substring(end + 4));
        }
    }

    private record Answer(int status, String type, String body) {}

    /** A 400 in our shape: plain text, one line, naming the parameter first. */
    private static void refused(Answer a, String target, String parameter) {
        assertThat(a.status()).as(target + ": " + a.body()).isEqualTo(400);
        assertThat(a.type()).as(target).isEqualTo("text/plain; charset=utf-8");
        assertThat(a.body())
                .as(target)
                .startsWith(parameter + ": ")
                .endsWith("\n")
                .hasLineCount(1);
    }

    private static final List<String> ENDPOINTS = List.of("/api/snapshot", "/api/events", "/metrics", "/healthz");

    @Test
    void goodQueriesAreAnswered() throws Exception {
        for (String target : List.of(
                "/api/snapshot",
                "/api/snapshot?top=2",
                "/api/snapshot?top=007",
                "/api/snapshot?top=2147483647",
                "/api/snapshot?suspicious=1&top=3",
                "/api/snapshot?suspicious=true",
                "/api/snapshot?suspicious=0",
                "/api/snapshot?suspicious=false",
                "/api/snapshot?filter=rule%3Assh+fails%3E%3D5",
                "/api/snapshot?filter=rule:ssh%20fails%3E=5&suspicious=1&top=1",
                "/api/events?interval=0.25&top=1",
                "/api/events?interval=3600",
                "/api/events?interval=2&filter=conns%3E%3D1&suspicious=true",
                "/api/events",
                "/metrics",
                "/healthz",
                "/?filter=anything&group=1&ip=x&utm_source=mail",
                "/app.js?v=1")) {
            assertThat(get(target).status()).as(target).isEqualTo(200);
        }
    }

    @Test
    void emptyParametersAreRefused() throws Exception {
        for (String name : List.of("filter", "suspicious", "top", "interval")) {
            for (String form : List.of(name + "=", name)) {
                String target = "/api/events?" + form;
                refused(get(target), target, name);
            }
        }
        for (String target : List.of("/api/snapshot?suspicious=", "/api/snapshot?top=", "/api/snapshot?filter=")) {
            refused(get(target), target, target.substring(target.indexOf('?') + 1, target.length() - 1));
        }
        Answer sus = get("/api/snapshot?suspicious=");
        assertThat(sus.body())
                .isEqualTo("suspicious: 1 or true (suspicious IPs only, worst first), 0 or false, got ''\n");
    }

    @Test
    void malformedAndOutOfRangeValuesAreRefused() throws Exception {
        Map<String, List<String>> bad = Map.of(
                "top", List.of("1e3", "5.0", "+5", "-1", "0", "abc", "0x10", "999999999999", "2147483648", "1%20"),
                "interval", List.of("1f", "0x1p2", "NaN", "Infinity", "1e2", "0.1", "3601", "-1", ".5", "1.", "abc"),
                "suspicious", List.of("yes", "on", "2", "TRUE%20"),
                "filter", List.of("bogus:1", "rate%3E%3Dx"));
        for (Map.Entry<String, List<String>> e : bad.entrySet()) {
            for (String v : e.getValue()) {
                String target = "/api/events?" + e.getKey() + "=" + v;
                refused(get(target), target, e.getKey());
                if (!e.getKey().equals("interval")) {
                    target = "/api/snapshot?" + e.getKey() + "=" + v;
                    refused(get(target), target, e.getKey());
                }
            }
        }
        assertThat(get("/api/snapshot?top=1e3").body())
                .isEqualTo("top: a whole number of IPs, 1 to 2147483647, got '1e3'\n");
        assertThat(get("/api/events?interval=1f").body())
                .isEqualTo("interval: seconds between documents, 0.25 to 3600 (digits, e.g. 0.5 or 2), got '1f'\n");
    }

    @Test
    void repeatedParametersAreRefused() throws Exception {
        for (String target : List.of(
                "/api/snapshot?top=5&top=7",
                "/api/snapshot?top=5&top=5",
                "/api/events?interval=1&interval=2",
                "/api/snapshot?filter=conns%3E1&suspicious=1&filter=fails%3E1",
                "/metrics?token=a&token=b",
                "/healthz?token=&token=")) {
            String name = target.substring(target.lastIndexOf('&') + 1, target.lastIndexOf('='));
            Answer a = get(target);
            refused(a, target, name);
            assertThat(a.body()).as(target).contains("given 2 times");
        }
    }

    @Test
    void unknownParametersAreRefusedNamingWhatTheEndpointTakes() throws Exception {
        assertThat(get("/api/snapshot?tpo=5").body())
                .isEqualTo("tpo: not a parameter of /api/snapshot (it takes filter, suspicious, top, token)\n");
        assertThat(get("/api/snapshot?limit=abc").body()).startsWith("limit: not a parameter of /api/snapshot");
        assertThat(get("/api/snapshot?interval=2").body())
                .as("interval paces an event stream: on a snapshot it would do nothing")
                .startsWith("interval: not a parameter of /api/snapshot");
        assertThat(get("/metrics?top=5").body()).isEqualTo("top: not a parameter of /metrics (it takes token)\n");
        for (String endpoint : ENDPOINTS) {
            for (String query : List.of("x=1", "TOP=5", "top%20=5", "=5", "top=1&&top=2")) {
                String target = endpoint + "?" + query;
                Answer a = get(target);
                assertThat(a.status()).as(target).isEqualTo(400);
                assertThat(a.body()).as(target).hasLineCount(1);
            }
        }
    }

    /**
     * curl sends a UTF-8 character unencoded; the server reads the request line as Latin-1, each byte a
     * character, and the filter saw {@code Ã¼} for {@code ü}. A raw one is now read as its encoded
     * form is; an encoding that is not UTF-8 is refused.
     */
    @Test
    void rawUtf8IsReadAsItsEncodedFormAndOtherBytesAreRefused() throws Exception {
        byte[] rawLine = "GET /api/snapshot?filter=bogus:ü HTTP/1.1".getBytes(StandardCharsets.UTF_8);
        Answer r = raw(rawLine);
        Answer encoded = get("/api/snapshot?filter=bogus:%C3%BC");
        assertThat(encoded.body()).contains("'bogus:ü'");
        assertThat(r.body()).isEqualTo(encoded.body());
        refused(get("/api/snapshot?filter=%FF"), "%FF", "filter");
        assertThat(get("/api/snapshot?filter=%C3").body()).contains("UTF-8");
    }

    /** What the error lines echo stays one line of text: control characters are shown escaped, long values cut. */
    @Test
    void echoedValuesStayOneLineOfText() throws Exception {
        Answer nl = get("/api/snapshot?top=1%0A2");
        refused(nl, "newline", "top");
        assertThat(nl.body()).contains("1\\n2");
        Answer esc = get("/api/snapshot?top=%1B%5B31m");
        assertThat(esc.body()).doesNotContain("\u001b").contains("\\x1b[31m");
        Answer longOne = get("/api/snapshot?top=" + "9".repeat(5000));
        refused(longOne, "long", "top");
        assertThat(longOne.body().length()).isLessThan(300);
        Answer notFound = get("/a%0Ab%1B");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("not found: /a\\nb\\x1b\n");
    }

    /**
     * Other methods are a 405 naming what is served; HEAD answers as GET without a body, a refused
     * query too; paths with {@code ..}, encoded or not, name no file (the page is three embedded
     * resources); a filter of 64 KiB is read like a short one, a request line past 256 KiB is a 431.
     */
    @Test
    void methodsPathsAndLongQueries() throws Exception {
        for (String method : List.of("POST", "OPTIONS", "PUT", "DELETE", "TRACE")) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/snapshot"))
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
        }
        for (String target : List.of("/api/snapshot?top=1", "/api/snapshot?top=x")) {
            HttpResponse<String> head = http.send(
                    HttpRequest.newBuilder(URI.create(base + target))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).as(target).isEqualTo(get(target).status());
            assertThat(head.body()).as(target).isEmpty();
        }
        for (String path : List.of(
                "/../etc/passwd",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/..%2fapp.js",
                "/app.js/../index.html",
                "/%5c..%5capp.js")) {
            byte[] line = ("GET " + path + " HTTP/1.1").getBytes(StandardCharsets.US_ASCII);
            Answer a = raw(line);
            assertThat(a.status()).as(path).isEqualTo(404);
            assertThat(a.body()).as(path).startsWith("not found: ").doesNotContain("root:");
        }
        assertThat(get("/api/snapshot?filter=" + "a".repeat(64 << 10)).status()).isEqualTo(200);
        assertThat(get("/api/snapshot?filter=" + "a".repeat(256 << 10)).status())
                .isEqualTo(431);
        refused(get("/api/snapshot?top=" + "1".repeat(64 << 10)), "long top", "top");
    }
}
