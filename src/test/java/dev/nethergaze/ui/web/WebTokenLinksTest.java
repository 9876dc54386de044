package dev.nethergaze.ui.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.Snapshots;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's footer links (snapshot JSON, metrics) work on a server with a token. Found black-box in
 * headless Chromium on {@code serve} with NETHERGAZE_WEB_TOKEN: the page opened with {@code ?token=}
 * was live, but its two links named the endpoints without the token, and each click was a 401. And
 * the page's tab names its host (with a tab per host, every one was "nethergaze"), its time to the second.
 */
class WebTokenLinksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theFooterLinksCarryThePagesTokenAndTheJsonLinkItsView() throws Exception {
        assumeTrue(Chromium.missing() == null, Chromium.missing());
        Snapshot s = Snapshots.demo(8).getLast();
        try (WebServer server =
                WebServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> s, "t0k")) {
            String page = "http://127.0.0.1:" + server.address().getPort() + "/?token=t0k&suspicious=1";
            Path profile = Files.createDirectory(tmp.resolve("chromium"));
            Process browser = Chromium.start(page, profile, 1280, 900);
            try (Chromium.DevTools tab = Chromium.DevTools.attach(profile, browser)) {
                String live = "(() => { try { return document.getElementById('status').textContent; }"
                        + " catch (e) { return ''; } })()";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!tab.eval(live).asText().equals("live") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(tab.eval(live).asText()).isEqualTo("live");
                // a tab per host: each named by its host (all were "nethergaze"); the time to the second
                assertThat(tab.eval("document.title").asText()).isEqualTo(s.host() + " · nethergaze");
                assertThat(tab.eval("document.getElementById('time').textContent")
                                .asText())
                        .isEqualTo(s.generatedAt()
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                .toString());
                // each link as a click would open it: its status and the start of what it answers
                JsonNode r = tab.call(
                        "Runtime.evaluate",
                        JSON.createObjectNode()
                                .put(
                                        "expression",
                                        "Promise.all([...document.querySelectorAll('footer a')].map(a =>"
                                                + " fetch(a.href).then(async r => a.textContent + ' ' + r.status"
                                                + " + ' ' + (await r.text()).slice(0, 40))))")
                                .put("awaitPromise", true)
                                .put("returnByValue", true));
                List<String> links = new java.util.ArrayList<>();
                r.path("result").path("value").forEach(v -> links.add(v.asText()));
                assertThat(links).hasSize(2);
                assertThat(links.get(0)).startsWith("snapshot JSON 200 {\"schema_version\"");
                assertThat(links.get(1)).startsWith("metrics 200 # HELP ");
                // the JSON link shows what the page shows: its suspicious-only view
                assertThat(tab.eval("document.querySelector('footer a').search").asText())
                        .contains("suspicious=1")
                        .contains("token=t0k");
            } finally {
                Chromium.stop(browser);
            }
        }
    }
}
