package dev.nethergaze.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.Snapshots;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Request lines as clients really send them, over a raw socket: a Prometheus base URL with a trailing
 * slash asks for {@code //metrics}, which the JDK's server took for an authority and answered with its
 * own HTML 404 ({@code No context found for request}); {@code //} was its HTML 400. Every such request
 * is served as its path with the slashes made one, and every refusal is our one plain line.
 */
class WebRequestLineTest {

    private static Snapshot snapshot;
    private WebServer server;

    @BeforeAll
    static void demo() {
        snapshot = Snapshots.demo(8).getLast();
    }

    @BeforeEach
    void start() throws Exception {
        server = WebServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> snapshot, null);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The whole answer to one request line (and a Host header), as the server sent it. */
    private String answer(String requestLine) throws Exception {
        try (Socket s =
                new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write((requestLine + "\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void doubledSlashesAreServedAsTheirPath() throws Exception {
        for (String target : List.of("//metrics", "///metrics", "http://x/metrics", "//metrics?token=t")) {
            String a = answer("GET " + target + " HTTP/1.1");
            assertThat(a).as(target).startsWith("HTTP/1.1 200 ").contains("\nnethergaze_ips_tracked ");
        }
        assertThat(answer("GET //healthz HTTP/1.1")).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\nok\n");
        assertThat(answer("GET //api/snapshot?top=1 HTTP/1.1"))
                .startsWith("HTTP/1.1 200 ")
                .contains("\"schema_version\":");
        assertThat(answer("GET /api//snapshot?top=1 HTTP/1.1")).startsWith("HTTP/1.1 200 ");
        assertThat(answer("GET // HTTP/1.1")).startsWith("HTTP/1.1 200 ").contains("<!doctype html>");
        assertThat(answer("HEAD //metrics HTTP/1.1"))
                .startsWith("HTTP/1.1 200 ")
                .endsWith("\r\n\r\n");
    }

    @Test
    void everyRefusalIsOnePlainLine() throws Exception {
        for (String line : List.of(
                "GET //nope HTTP/1.1",
                "GET //api/nope HTTP/1.1",
                "GET /api/snapshot?filter=%ZZ HTTP/1.1",
                "GET /api/snapshot?top=% HTTP/1.1",
                "GET /api/snapshot?filter=rule:ssh fails HTTP/1.1",
                "GET /%ZZ HTTP/1.1",
                "GET metrics HTTP/1.1",
                "GET /metrics HTTP/2.0",
                "POST //metrics HTTP/1.1",
                "nonsense")) {
            String a = answer(line);
            assertThat(a).as(line).matches("(?s)HTTP/1\\.1 [45]\\d\\d .*");
            String head = a.substring(0, a.indexOf("\r\n\r\n"));
            String body = a.substring(a.indexOf("\r\n\r\n") + 4);
            assertThat(head.toLowerCase(java.util.Locale.ROOT))
                    .as(line)
                    .contains("content-type: text/plain; charset=utf-8");
            assertThat(body).as(line).doesNotContain("<").endsWith("\n");
            assertThat(body.strip()).as(line).doesNotContain("\n");
        }
        assertThat(answer("GET //api/nope HTTP/1.1")).contains("not found: /api/nope");
        assertThat(answer("GET /api/snapshot?filter=%ZZ HTTP/1.1")).contains("filter: a malformed %-escape");
        assertThat(answer("GET /api/snapshot?filter=rule:ssh fails HTTP/1.1")).contains("%20");
    }
}
