package dev.nethergaze.ui.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.TestData;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.ReplayDriver;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.capture.CaptureOptions;
import dev.nethergaze.source.capture.ReplayCapture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a capture says of a scanner's unanswered SYNs, in the API and on the page: nDPI's tcp_scan
 * capture replayed through the real engine, where 192.168.1.178's SYNs to ports 445 and 3389 of
 * 192.168.1.2 were answered by RST (tshark). Its {@code ips[].wire} has {@code syn_unanswered} 2 and
 * {@code syn_refused} 2, and the page's Wire section says none of them went without a reply. Before,
 * the page said "unanswered SYNs 2", and neither said they were refused.
 */
class WebWireTest {

    private static final String SCANNER = "192.168.1.178";

    @TempDir
    Path tmp;

    private static Snapshot replay() throws Exception {
        EngineSettings es = new EngineSettings(true, 10_000, null, 10, "test", String::valueOf);
        ReplayDriver driver = new ReplayDriver(new Engine(es), Duration.ofSeconds(1));
        return driver.run(List.of(new ReplayCapture(
                TestData.path("pcap/ndpi/tcp_scan.pcapng"), CaptureOptions.defaults(), StatusReporter.to(System.err))));
    }

    @Test
    void refusedSynsAreToldApartInTheApiAndOnThePage() throws Exception {
        Snapshot s = replay();
        try (WebServer server =
                WebServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> s, null)) {
            String base = "http://127.0.0.1:" + server.address().getPort() + "/";
            String body = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "api/snapshot"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            JsonNode wire = null;
            for (JsonNode ip : new ObjectMapper().readTree(body).get("ips")) {
                if (ip.get("ip").asText().equals(SCANNER)) {
                    wire = ip.get("wire");
                }
            }
            assertThat(wire).as(body).isNotNull();
            assertThat(wire.path("syn").asLong()).isEqualTo(4);
            assertThat(wire.path("handshakes").asLong()).isEqualTo(2);
            assertThat(wire.path("syn_unanswered").asLong()).isEqualTo(2);
            assertThat(wire.path("syn_refused").isNumber())
                    .as("syn_refused in %s", wire)
                    .isTrue();
            assertThat(wire.path("syn_refused").asLong()).isEqualTo(2);

            assumeTrue(Chromium.missing() == null, Chromium.missing());
            Path profile = Files.createDirectory(tmp.resolve("chromium"));
            Process browser = Chromium.start(base + "?ip=" + SCANNER, profile, 1280, 900);
            try (Chromium.DevTools page = Chromium.DevTools.attach(profile, browser)) {
                String detail = "document.getElementById('detail')";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!page.eval("(" + detail + "?.innerText || '').includes('Wire')")
                                .asBoolean()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(page.eval(detail + ".innerText").asText())
                        .contains("handshakes 2 · unanswered SYNs 2 (no reply 0, refused by RST 2) · half-open 0");
            } finally {
                Chromium.stop(browser);
            }
        }
    }
}
