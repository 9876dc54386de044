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
 * The page fits its window with long IPv6 rows: a client whose address has all eight groups (as long
 * as RFC 5952 writes one), behind a chain of IPv6 proxies, sending exploit probes with a long path and
 * a long user agent, and a neighbour in its /64. In real headless Chromium at 1280 and 390 CSS px,
 * with the client's detail open and then its /64 group's, neither the document nor the detail pane
 * scrolls sideways, the pane is inside the window, and every value is still there in full: wrapped in
 * the pane, or shortened in a table cell whose title holds it. Before, the table's unwrapped cells
 * pushed the pane out of the window (at 390 px the document was wider than the window).
 */
class WebPageLayoutTest {

    private static final String CLIENT = "2001:db8:85a3:7e57:abcd:8a2e:ffff:7334";
    private static final String NEIGHBOUR = "2001:db8:85a3:7e57:abcd:8a2e:ffff:7335";
    private static final List<String> VIA = List.of(
            "2001:db8:ffff:ffff:ffff:ffff:ffff:fff1",
            "2001:db8:ffff:ffff:ffff:ffff:ffff:fff2",
            "2001:db8:ffff:ffff:ffff:ffff:ffff:fff3");
    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/120.0.6099.224 Safari/537.36 scanner-token-" + "x".repeat(120);
    private static final String LONG_PATH =
            "/cgi-bin/luci/;stok=/locale?form=country&operation=write&country=$(id%3E/tmp/" + "a".repeat(150) + ")";

    @TempDir
    Path tmp;

    private static Snapshot snapshot() {
        Engine e = new Engine(Snapshots.settings());
        List<IpKey> via = VIA.stream().map(IpKey::parse).toList();
        Instant t = Snapshots.T0;
        for (String path : List.of("/.env", "/.git/config", "/wp-login.php", LONG_PATH)) {
            t = t.plusSeconds(1);
            e.apply(new HttpHit(
                    "access", t, via, IpKey.parse(CLIENT), "GET", path, "HTTP/1.1", 404, 12, "-", AGENT, "", false));
        }
        e.apply(new HttpHit(
                "access", t, via, IpKey.parse(NEIGHBOUR), "GET", "/", "HTTP/1.1", 200, 512, "-", "curl/8", "", false));
        e.maintain(t);
        return e.snapshot(List.of());
    }

    @Test
    void longIpv6RowsFitTheWindowAtDesktopAndPhoneWidths() throws Exception {
        assumeTrue(Chromium.missing() == null, Chromium.missing());
        Snapshot s = snapshot();
        try (WebServer server =
                WebServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> s, null)) {
            String url = "http://127.0.0.1:" + server.address().getPort() + "/?ip=" + CLIENT;
            for (int width : new int[] {1280, 390}) {
                Path profile = Files.createDirectory(tmp.resolve("chromium-" + width));
                Process browser = Chromium.start(url, profile, width, 900);
                try (Chromium.DevTools page = Chromium.DevTools.attach(profile, browser)) {
                    page.viewport(width, 900);
                    awaitDetail(page, CLIENT);
                    assertFits(page, width, "the client's detail");
                    assertThat(page.eval("document.getElementById('detail').innerText")
                                    .asText())
                            .as("the pane holds every value in full")
                            .contains(CLIENT, AGENT, LONG_PATH);
                    page.eval("document.getElementById('group').click(), true");
                    page.eval("document.querySelector('tr[data-ip=\"2001:db8:85a3:7e57::/64\"]').click(), true");
                    awaitDetail(page, "2001:db8:85a3:7e57::/64");
                    assertFits(page, width, "the /64 group's detail");
                    assertThat(page.eval("document.getElementById('detail').innerText")
                                    .asText())
                            .contains(CLIENT, NEIGHBOUR);
                    page.screenshot(Path.of("target", "web-layout-" + width + ".png"));
                } finally {
                    Chromium.stop(browser);
                }
            }
        }
    }

    private static void awaitDetail(Chromium.DevTools page, String title) throws Exception {
        String h2 = "document.querySelector('#detail h2')";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!page.eval(h2 + " !== null && " + h2 + ".textContent.startsWith('" + title + "')")
                        .asBoolean()
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(page.eval(h2 + " && " + h2 + ".textContent").asText()).startsWith(title);
    }

    /** Nothing scrolls sideways, the pane is in the window, and a shortened cell's title holds it whole. */
    private static void assertFits(Chromium.DevTools page, int width, String what) throws Exception {
        String doc = "document.documentElement";
        String pane = "document.getElementById('detail')";
        String figures = page.eval("JSON.stringify({doc: [" + doc + ".scrollWidth, " + doc + ".clientWidth], pane: ["
                        + pane + ".scrollWidth, " + pane + ".clientWidth], paneRight: " + pane
                        + ".getBoundingClientRect().right})")
                .asText();
        assertThat(page.eval(doc + ".scrollWidth <= " + doc + ".clientWidth").asBoolean())
                .as("%s at %d px: the document does not scroll sideways (%s)", what, width, figures)
                .isTrue();
        assertThat(page.eval(pane + ".scrollWidth <= " + pane + ".clientWidth").asBoolean())
                .as("%s at %d px: the pane does not overflow (%s)", what, width, figures)
                .isTrue();
        assertThat(page.eval(pane + ".getBoundingClientRect().right <= " + doc + ".clientWidth + 0.5")
                        .asBoolean())
                .as("%s at %d px: the pane is inside the window (%s)", what, width, figures)
                .isTrue();
        assertThat(page.eval("[...document.querySelectorAll('#ips td')].filter((td) => td.scrollWidth > td.clientWidth"
                                + " && td.title !== td.textContent).map((td) => td.textContent)")
                        .toString())
                .as("%s at %d px: shortened cells without their full text as title", what, width)
                .isEqualTo("[]");
    }
}
