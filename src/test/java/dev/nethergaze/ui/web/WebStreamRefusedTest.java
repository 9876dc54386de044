package dev.nethergaze.ui.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.Snapshots;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A browser gives up on an event stream the server answered with an error (here the 17th stream's
 * {@code 503 too many event streams}): it never reconnects by itself. The page said "reconnecting…"
 * forever and stayed on nothing after the slots were free again. It now says why the stream was
 * refused and tries again, and goes live once a slot is free.
 */
class WebStreamRefusedTest {

    @TempDir
    Path tmp;

    @Test
    void aRefusedStreamIsSaidAndTriedAgainUntilASlotIsFree() throws Exception {
        assumeTrue(Chromium.missing() == null, Chromium.missing());
        Snapshot s = Snapshots.demo(3).getLast();
        List<Socket> held = new ArrayList<>();
        try (WebServer server =
                WebServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> s, null)) {
            int port = server.address().getPort();
            for (int i = 0; i < WebServer.MAX_STREAMS; i++) {
                held.add(stream(port));
            }
            Path profile = Files.createDirectory(tmp.resolve("chromium"));
            Process browser = Chromium.start("http://127.0.0.1:" + port + "/", profile, 1280, 900);
            try (Chromium.DevTools page = Chromium.DevTools.attach(profile, browser)) {
                String status = "document.getElementById('status') && document.getElementById('status').textContent";
                await(page, status + ".includes('too many event streams')");
                assertThat(page.eval(status).asText()).contains("retrying");
                for (Socket h : held) {
                    h.close();
                }
                await(page, status + " === 'live'");
            } finally {
                Chromium.stop(browser);
            }
        } finally {
            for (Socket h : held) {
                h.close();
            }
        }
    }

    /** An event stream held open: its headers read, then left unread. */
    private static Socket stream(int port) throws Exception {
        Socket c = new Socket(InetAddress.getLoopbackAddress(), port);
        c.getOutputStream()
                .write("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = c.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the stream's headers").isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");
        return c;
    }

    private static void await(Chromium.DevTools page, String condition) throws Exception {
        String safe = "(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!page.eval(safe).asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(page.eval(safe).asBoolean())
                .as("%s; the status says '%s'", condition, page.eval("document.getElementById('status').textContent"))
                .isTrue();
    }
}
