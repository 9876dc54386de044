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
 * The page shows what a client sent as the text report and the console do: a right-to-left override
 * in a request target ({@code /admin}, U+202E, {@code txt.exe}, which a browser draws as
 * "/adminexe.txt") and a zero-width space in a user agent are shown escaped, not obeyed. The JSON
 * keeps them as sent.
 */
class WebInvisibleCharsTest {

    private static final String IP = "203.0.113.40";
    private static final String TARGET = "/admin\u202Etxt.exe";
    private static final String AGENT = "curl\u200B/8";

    @TempDir
    Path tmp;

    private static Snapshot snapshot() {
        Engine e = new Engine(Snapshots.settings());
        Instant t = Snapshots.T0.plusSeconds(1);
        // probes first (a finding with evidence lines), the override last (the row's last request)
        for (String probe : List.of("/.env", "/.git/config", "/../../etc/passwd", TARGET)) {
            e.apply(new HttpHit(
                    "access", t, List.of(), IpKey.parse(IP), "GET", probe, "HTTP/1.1", 404, 10, "-", AGENT, "", false));
        }
        e.maintain(t);
        return e.snapshot(List.of());
    }

    @Test
    void invisibleFormattingCharactersAreShownEscapedInTheTableAndTheDetail() throws Exception {
        assumeTrue(Chromium.missing() == null, Chromium.missing());
        Snapshot s = snapshot();
        try (WebServer server =
                WebServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> s, null)) {
            Path profile = Files.createDirectory(tmp.resolve("chromium"));
            Process browser =
                    Chromium.start("http://127.0.0.1:" + server.address().getPort() + "/?ip=" + IP, profile, 1280, 900);
            try (Chromium.DevTools page = Chromium.DevTools.attach(profile, browser)) {
                String shown = "(() => { try { const d = document.getElementById('detail');"
                        + " return !d.hidden && d.innerText.includes('txt.exe')"
                        + " && document.querySelector('#ips tbody tr') !== null; } catch (e) { return false; } })()";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!page.eval(shown).asBoolean() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(page.eval(shown).asBoolean())
                        .as("the row and the detail are shown: %s", page.eval("document.body.outerHTML"))
                        .isTrue();
                String table =
                        page.eval("document.getElementById('ips').innerText").asText();
                String detail =
                        page.eval("document.getElementById('detail').innerText").asText();
                String titles = page.eval(
                                "Array.from(document.querySelectorAll('[title]')).map(e => e.title).join(' ')")
                        .asText();
                for (String text : List.of(table, detail, titles)) {
                    assertThat(text).doesNotContain("\u202E").doesNotContain("\u200B");
                }
                assertThat(table).contains("/admin\\u202etxt.exe");
                assertThat(detail).contains("/admin\\u202etxt.exe").contains("curl\\u200b/8");
                assertThat(page.eval("document.querySelector('#detail pre').innerText.split('\\n').length")
                                .asInt())
                        .as("a finding's evidence lines stay lines: %s", detail)
                        .isGreaterThan(1);
                assertThat(detail).doesNotContain("\\x0a");
            } finally {
                Chromium.stop(browser);
            }
        }
    }
}
