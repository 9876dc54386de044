package dev.nethergaze.ui.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Debian's headless Chromium for tests of the web page: started on a URL, driven over DevTools. */
public final class Chromium {

    private Chromium() {}

    /** Null when Debian's chromium is installed, else why a test that needs it is skipped. */
    public static String missing() {
        return List.of("/usr/bin/chromium", "/bin/chromium").stream().anyMatch(p -> Files.isExecutable(Path.of(p)))
                ? null
                : "chromium not installed (Debian package; CI installs it)";
    }

    /**
     * Headless Chromium on {@code url} in a window of {@code width} × {@code height} CSS pixels, its
     * DevTools port in {@code profile}, its output in PROFILE.log next to it.
     */
    public static Process start(String url, Path profile, int width, int height) throws Exception {
        return new ProcessBuilder(
                        "chromium",
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--window-size=" + width + "," + height,
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        url)
                .redirectErrorStream(true)
                .redirectOutput(
                        profile.resolveSibling(profile.getFileName() + ".log").toFile())
                .start();
    }

    /** Stops a browser the test started (null: none), and what it started. */
    public static void stop(Process browser) throws InterruptedException {
        if (browser != null) {
            List<ProcessHandle> kids = browser.descendants().toList();
            browser.destroy();
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
            kids.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** One page of the browser, driven over the DevTools protocol. */
    public static final class DevTools implements AutoCloseable, WebSocket.Listener {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        /** The page target of {@code browser}, whose DevTools port it writes into {@code profile}. */
        public static DevTools attach(Path profile, Process browser) throws Exception {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            // the file is there before its port is in it: an empty read was a NoSuchElementException
            String port = "";
            while (port.isEmpty() && System.nanoTime() < deadline) {
                assertThat(browser.isAlive()).as("chromium runs").isTrue();
                port = Files.exists(portFile)
                        ? Files.readAllLines(portFile).stream()
                                .findFirst()
                                .orElse("")
                                .strip()
                        : "";
                if (port.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            assertThat(port).as("chromium's DevTools port in %s", portFile).isNotEmpty();
            HttpClient http = HttpClient.newHttpClient();
            String ws = null;
            while (ws == null && System.nanoTime() < deadline) {
                JsonNode targets = JSON.readTree(http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                for (JsonNode t : targets) {
                    if (t.path("type").asText().equals("page")) {
                        ws = t.path("webSocketDebuggerUrl").asText();
                    }
                }
                if (ws == null) {
                    Thread.sleep(100);
                }
            }
            assertThat(ws).as("a page target").isNotNull();
            DevTools d = new DevTools();
            d.socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), d).get(10, TimeUnit.SECONDS);
            return d;
        }

        public JsonNode call(String method, ObjectNode params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
            msg.set("params", params);
            socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
            JsonNode r = answer.get(20, TimeUnit.SECONDS);
            assertThat(r.has("error")).as("%s: %s", method, r).isFalse();
            return r.get("result");
        }

        /** The value of a JavaScript expression in the page. */
        public JsonNode eval(String expression) throws Exception {
            ObjectNode p = JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
            JsonNode r = call("Runtime.evaluate", p);
            assertThat(r.has("exceptionDetails")).as("%s: %s", expression, r).isFalse();
            return r.path("result").path("value");
        }

        /**
         * Lays the page out at {@code width} × {@code height} CSS pixels (headless Chromium keeps its
         * window at least ~500 px wide, so a phone's width needs this).
         */
        public void viewport(int width, int height) throws Exception {
            call(
                    "Emulation.setDeviceMetricsOverride",
                    JSON.createObjectNode()
                            .put("width", width)
                            .put("height", height)
                            .put("deviceScaleFactor", 1)
                            .put("mobile", false));
        }

        public void screenshot(Path to) throws Exception {
            JsonNode r = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
            Files.write(to, Base64.getDecoder().decode(r.get("data").asText()));
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> f =
                            msg.has("id") ? pending.remove(msg.get("id").asInt()) : null;
                    if (f != null) {
                        f.complete(msg);
                    }
                } catch (java.io.IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
