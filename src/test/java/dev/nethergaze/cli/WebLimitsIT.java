package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's {@code serve} against clients that never finish: a request whose headers stop
 * half-way and connections that never send a byte are closed after about ten seconds, while an event
 * stream (a long response) lives on; and past 128 open connections new ones are turned away, until
 * the silent ones are gone. In a JVM of its own, as a sysadmin runs it. Also: the token given in the
 * environment is required.
 */
class WebLimitsIT {

    @TempDir
    Path tmp;

    @Test
    void slowAndSilentClientsAreClosedAndConnectionsAreCapped() throws Exception {
        Path log = Files.writeString(tmp.resolve("access.log"), "");
        List<Socket> open = new ArrayList<>();
        try (ShippedJar.Serve serve = ShippedJar.Serve.start(log, tmp.resolve("serve.err"))) {
            URI url = URI.create(serve.url());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<InputStream> events = http.send(
                    HttpRequest.newBuilder(url.resolve("/api/events?interval=1"))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(events.statusCode()).isEqualTo(200);

            long start = System.nanoTime();
            Socket half = new Socket(url.getHost(), url.getPort());
            half.getOutputStream()
                    .write("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            half.getOutputStream().flush();
            open.add(half);
            while (open.size() < 128) { // with the event stream: one over the cap
                open.add(new Socket(url.getHost(), url.getPort()));
            }
            Thread.sleep(500); // the server accepts (and closes) in its own time
            assertThat(closedWithin(open.getLast(), Duration.ofSeconds(2)))
                    .as("a connection past the cap is closed at once")
                    .isTrue();

            for (Socket s : open.subList(0, open.size() - 1)) {
                assertThat(closedWithin(s, Duration.ofSeconds(25)))
                        .as("a client that never finishes its request is closed")
                        .isTrue();
            }
            long waited = System.nanoTime() - start;
            assertThat(waited).as("not before the request time is up").isGreaterThan(TimeUnit.SECONDS.toNanos(9));

            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(url.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode())
                    .as("served again once they are gone")
                    .isEqualTo(200);
            // the event stream outlived the request limit: it still delivers
            InputStream body = events.body();
            byte[] chunk = new byte[256];
            assertThat(body.read(chunk)).isPositive();
            body.close();
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /** The token comes from the environment (so it is not in ps); without it a request is refused. */
    @Test
    void theTokenFromTheEnvironmentIsRequired() throws Exception {
        Path log = Files.writeString(tmp.resolve("access.log"), "");
        try (ShippedJar.Serve serve = ShippedJar.Serve.start(
                log, tmp.resolve("serve.err"), java.util.Map.of("NETHERGAZE_WEB_TOKEN", "ngz-env-token"))) {
            URI url = URI.create(serve.url());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> without = http.send(
                    HttpRequest.newBuilder(url.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(without.statusCode()).isEqualTo(401);
            HttpResponse<String> with = http.send(
                    HttpRequest.newBuilder(url.resolve("/healthz"))
                            .header("Authorization", "Bearer ngz-env-token")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(with.statusCode()).isEqualTo(200);
        }
    }

    /** Whether the server closes {@code s} within {@code limit} (its read then ends). */
    private static boolean closedWithin(Socket s, Duration limit) throws Exception {
        s.setSoTimeout((int) Math.max(1, limit.toMillis()));
        try {
            InputStream in = s.getInputStream();
            byte[] b = new byte[512];
            int n;
            while ((n = in.read(b)) > 0) {
                // a reply would be wrong for these requests, but the point is the close
                assertThat(n).isPositive();
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset: closed too
        }
    }
}
