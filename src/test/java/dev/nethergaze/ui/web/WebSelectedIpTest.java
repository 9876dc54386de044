package dev.nethergaze.ui.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.Snapshots;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's stream carries the 500 most active IPs; an address named by the URL ({@code ?ip=}, a
 * link from an alert) that is not among them still gets its detail, and one not in the snapshot at
 * all says so. Found in a live {@code serve} over an access log of 30,000 addresses: {@code ?ip=} of
 * a quiet one showed the table and nothing else, as if the link were broken.
 */
class WebSelectedIpTest {

    private static final String QUIET = "2001:db8:1::7";
    private static final String QUIET_PATH = "/the-only-request-of-the-quiet-one";

    @TempDir
    Path tmp;

    /** 600 busy IPs (three requests each), then one quiet IP with one request: last in the order. */
    private static Snapshot snapshot() {
        Engine e = new Engine(Snapshots.settings());
        Instant t = Snapshots.T0.plusSeconds(1);
        for (int i = 0; i < 600; i++) {
            IpKey ip = IpKey.parse("198.18." + i / 200 + "." + (i % 200 + 1));
            for (int n = 0; n < 3; n++) {
                e.apply(new HttpHit(
                        "access", t, List.of(), ip, "GET", "/", "HTTP/1.1", 200, 10, "-", "curl/8", "", false));
            }
        }
        e.apply(new HttpHit(
                "access",
                t,
                List.of(),
                IpKey.parse(QUIET),
                "GET",
                QUIET_PATH,
                "HTTP/1.1",
                200,
                10,
                "-",
                "curl/8",
                "",
                false));
        e.maintain(t);
        return e.snapshot(List.of());
    }

    @Test
    void anIpBeyondTheStreamsRowsStillGetsItsDetailAndAnUnknownOneSaysSo() throws Exception {
        assumeTrue(Chromium.missing() == null, Chromium.missing());
        Snapshot s = snapshot();
        assertThat(s.ips().getLast().ip().toString()).as("the quiet IP is last").isEqualTo(QUIET);
        try (WebServer server =
                WebServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> s, null)) {
            String base = "http://127.0.0.1:" + server.address().getPort() + "/?ip=";
            Path profile = Files.createDirectory(tmp.resolve("chromium"));
            Process browser = Chromium.start(base + QUIET, profile, 1280, 900);
            try (Chromium.DevTools page = Chromium.DevTools.attach(profile, browser)) {
                String detail = awaitDetail(page, QUIET);
                assertThat(page.eval("document.querySelectorAll('#ips tbody tr').length")
                                .asInt())
                        .as("the table has the stream's 500 rows, the quiet IP not among them")
                        .isEqualTo(500);
                assertThat(detail).contains(QUIET_PATH).contains("not among the 500 rows");

                page.call(
                        "Page.navigate",
                        new com.fasterxml.jackson.databind.ObjectMapper()
                                .createObjectNode()
                                .put("url", base + "203.0.113.99"));
                assertThat(awaitDetail(page, "203.0.113.99")).contains("not in the snapshot");
            } finally {
                Chromium.stop(browser);
            }
        }
    }

    /** The detail pane's text once its title starts with {@code title} (30 s at most). */
    private static String awaitDetail(Chromium.DevTools page, String title) throws Exception {
        String h2 = "document.querySelector('#detail h2')";
        String ready = "(() => { try { return !document.getElementById('detail').hidden && " + h2 + " !== null && "
                + h2 + ".textContent.startsWith('" + title + "') && !document.getElementById('detail').innerText"
                + ".includes('looking'); } catch (e) { return false; } })()"; // false while a page loads
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!page.eval(ready).asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(page.eval(ready).asBoolean())
                .as("the detail of %s is shown: %s", title, page.eval("document.getElementById('detail').outerHTML"))
                .isTrue();
        return page.eval("document.getElementById('detail').innerText").asText();
    }
}
