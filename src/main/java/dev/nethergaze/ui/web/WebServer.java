package dev.nethergaze.ui.web;

import dev.nethergaze.detect.Filter;
import dev.nethergaze.detect.FilterException;
import dev.nethergaze.export.PrometheusMetrics;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The small web view: one page, its JSON and event-stream API, and Prometheus metrics, all read from
 * the published snapshots (never from the engine's state).
 *
 * <ul>
 *   <li>{@code GET /} the page ({@code /app.js}, {@code /app.css}, and its icon {@code /favicon.ico}: an
 *       SVG, served as {@code image/svg+xml}, at the name browsers ask for by themselves); it renders every string from logs
 *       as text, never as markup, and the Content-Security-Policy allows no inline script at all;
 *   <li>{@code GET /api/snapshot?filter=EXPR&suspicious=1&top=N} the snapshot JSON document (the
 *       same as {@code snapshot --json}); what each endpoint takes is {@link ApiQuery}'s, and any
 *       other query is a 400 with one line saying why;
 *   <li>{@code GET /api/events?…&interval=S} the same, as server-sent events: one compact document
 *       per new snapshot, at most one per {@code interval} (default 1 s), a comment line every 15 s
 *       when nothing changes (at most {@value #MAX_STREAMS} streams at once);
 *   <li>{@code GET /metrics} {@link PrometheusMetrics}; {@code GET /healthz} ok once a snapshot exists.
 * </ul>
 *
 * With a token, every request must carry it ({@code Authorization: Bearer T}, or {@code ?token=T}
 * where a header cannot be set: the page's event stream), except the page's own script and style
 * sheet (and icon): a browser fetches them as the page names them, without the page's query, and they hold no
 * data (the same in every build). Only GET and HEAD are served, over {@link HttpListener}: a request
 * target is read as a path, {@code //metrics} as {@code /metrics}, and every refusal is one plain line.
 */
public final class WebServer implements AutoCloseable {

    private static final SnapshotJson COMPACT = new SnapshotJson(false);

    /** Where snapshots come from: the live runner's latest, or the demo's. */
    @FunctionalInterface
    public interface Feed {
        /** The latest snapshot, or null before the first. */
        Snapshot latest();

        /** A snapshot newer than {@code after}, or the latest one when none came within {@code timeout}. */
        default Snapshot awaitNext(Snapshot after, Duration timeout) throws InterruptedException {
            return Snapshot.awaitNewer(this::latest, after, timeout, 20);
        }
    }

    static final int MAX_STREAMS = 16;
    /** Seconds a client has to send its request line and headers, and to start at all once connected. */
    static final int REQUEST_SECONDS = 10;
    /** Connections open at once; beyond it the server closes new ones as they come. */
    static final int MAX_CONNECTIONS = 128;

    /**
     * How long one write to an event stream may block: a client that stopped reading (a suspended
     * {@code curl … | less}, a laptop gone with the VPN) otherwise held its stream and the snapshot
     * being written for as long as TCP kept the connection, and sixteen of them locked every browser out
     * ({@code 503 too many event streams}).
     */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration KEEPALIVE = Duration.ofSeconds(15);
    /** How often an event stream looks whether the server is closing. */
    private static final Duration CHECK = Duration.ofMillis(250);

    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private HttpListener listener;
    private final Feed feed;
    private final byte[] token;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final Map<String, byte[]> assets = new HashMap<>();
    private volatile boolean closing;
    private final Duration writeTimeout;

    /**
     * The same snapshot the latest for this long is a stall (an engine stuck: a console's pause stops
     * only its view): {@code /healthz} then answers 503, so a monitor sees what a person at the page
     * would.
     * A tick is a second by default; a minute is many of them.
     */
    static final long STALL_NANOS = 60_000_000_000L;

    private final java.util.function.LongSupplier nanos;
    /** The latest snapshot {@code /healthz} saw, and when it first saw it (guarded by this). */
    private Snapshot healthSeen;

    private long healthSeenAt;

    private WebServer(Feed feed, String token, java.util.function.LongSupplier nanos, Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
        this.feed = feed;
        this.nanos = nanos;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("index.html", "app.js", "app.css", "favicon.svg")) {
            assets.put(name, resource(name));
        }
    }

    /**
     * Serves on {@code bind} (port 0: any free port) until closed.
     *
     * @param token the access token, or null for none (then bind only to loopback: the caller checks)
     */
    public static WebServer start(InetSocketAddress bind, Feed feed, String token) throws IOException {
        return start(bind, feed, token, System::nanoTime);
    }

    /** As above, with the clock that times a stall (tests). */
    static WebServer start(InetSocketAddress bind, Feed feed, String token, java.util.function.LongSupplier nanos)
            throws IOException {
        return start(bind, feed, token, nanos, WRITE_TIMEOUT);
    }

    /** As above, with the time a write to an event stream may block (tests). */
    static WebServer start(
            InetSocketAddress bind,
            Feed feed,
            String token,
            java.util.function.LongSupplier nanos,
            Duration writeTimeout)
            throws IOException {
        WebServer w = new WebServer(feed, token, nanos, writeTimeout);
        w.listener = HttpListener.start(bind, 64, Duration.ofSeconds(REQUEST_SECONDS), MAX_CONNECTIONS, w::handle);
        return w;
    }

    /** Why {@code s} is a stall ({@link #STALL_NANOS}), or null while snapshots keep coming. */
    @SuppressWarnings("ReferenceEquality") // a new snapshot is a new object, whatever it holds
    private synchronized String stalled(Snapshot s) {
        long now = nanos.getAsLong();
        if (s != healthSeen) {
            healthSeen = s;
            healthSeenAt = now;
            return null;
        }
        long age = now - healthSeenAt;
        return age < STALL_NANOS ? null : "stalled: no new snapshot for " + age / 1_000_000_000L + " s";
    }

    /** The bound address (with the port chosen when 0 was asked for). */
    public InetSocketAddress address() {
        return listener.address();
    }

    /** Ends the event streams cleanly (each within {@link #CHECK}), then stops serving. */
    @Override
    public void close() {
        closing = true;
        listener.close(Duration.ofSeconds(1)); // waits for the exchanges in progress, the streams among them
    }

    private void handle(WebExchange x) throws IOException {
        x.header("X-Content-Type-Options", "nosniff");
        x.header("Referrer-Policy", "no-referrer");
        x.header("X-Frame-Options", "DENY");
        x.header("Cache-Control", "no-store");
        String method = x.request().method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            x.header("Allow", "GET, HEAD");
            text(x, 405, "only GET and HEAD");
            return;
        }
        try {
            serve(x);
        } catch (ApiQuery.BadQuery e) {
            text(x, 400, e.getMessage()); // nothing was sent yet: a query is read before any answer
        }
    }

    private void serve(WebExchange x) throws IOException, ApiQuery.BadQuery {
        String path = x.request().path();
        String raw = x.request().rawQuery();
        boolean code = path.equals("/app.js") || path.equals("/app.css") || path.equals("/favicon.ico");
        // the token first (from the query as a page's is read: its token alone), then the query: one
        // without the token learns nothing of what the endpoints take
        if (!code && !authorized(x, ApiQuery.tokenOf(raw))) {
            x.header("WWW-Authenticate", "Bearer");
            text(x, 401, "a token is needed: Authorization: Bearer TOKEN, or ?token=TOKEN");
            return;
        }
        ApiQuery q = ApiQuery.of(path, raw);
        switch (path) {
            case "/", "/index.html" -> asset(x, "index.html", "text/html; charset=utf-8");
            case "/app.js" -> asset(x, "app.js", "text/javascript; charset=utf-8");
            case "/app.css" -> asset(x, "app.css", "text/css; charset=utf-8");
            case "/favicon.ico" -> asset(x, "favicon.svg", "image/svg+xml"); // what it is, whatever the name
            case "/healthz" -> {
                Snapshot s = feed.latest();
                String stalled = s == null ? null : stalled(s);
                text(
                        x,
                        s != null && stalled == null ? 200 : 503,
                        s == null ? "starting" : stalled == null ? "ok" : stalled);
            }
            case "/metrics" -> metrics(x);
            case "/api/snapshot" -> snapshot(x, q);
            case "/api/events" -> events(x, q);
            default -> text(x, 404, "not found: " + path);
        }
    }

    private boolean authorized(WebExchange x, String fromQuery) {
        if (token == null) {
            return true;
        }
        String auth = x.request().header("Authorization");
        // the scheme's name is case-insensitive (RFC 9110): some clients and proxies send "bearer"
        boolean bearer = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7);
        String given = bearer ? auth.substring(7).strip() : fromQuery;
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private void asset(WebExchange x, String name, String type) throws IOException {
        if (name.equals("index.html")) {
            x.header("Content-Security-Policy", CSP);
        }
        x.send(200, type, assets.get(name));
    }

    private void metrics(WebExchange x) throws IOException {
        Snapshot s = feed.latest();
        if (s == null) {
            text(x, 503, "no snapshot yet");
            return;
        }
        x.send(200, PrometheusMetrics.CONTENT_TYPE, PrometheusMetrics.write(s).getBytes(StandardCharsets.UTF_8));
    }

    private void snapshot(WebExchange x, ApiQuery q) throws IOException, ApiQuery.BadQuery {
        View v = view(q);
        Snapshot s = feed.latest();
        if (s == null) {
            text(x, 503, "no snapshot yet");
            return;
        }
        x.send(200, "application/json", json(v.select(s)));
    }

    private void events(WebExchange x, ApiQuery q) throws IOException, ApiQuery.BadQuery {
        View v = view(q);
        if (!streams.tryAcquire()) {
            text(x, 503, "too many event streams (" + MAX_STREAMS + ")");
            return;
        }
        try {
            OutputStream body = x.stream(200, "text/event-stream; charset=utf-8");
            if (body != null) { // null for HEAD
                events(body, v);
            }
        } finally {
            streams.release();
        }
    }

    @SuppressWarnings("ReferenceEquality") // a newer snapshot is another object: identity is the point
    private void events(OutputStream body, View v) {
        try (StreamWriter out = new StreamWriter(body, writeTimeout)) {
            Snapshot last = null;
            long lastDocument = nanos.getAsLong(); // the interval runs from here
            long lastWrite = lastDocument; // the keep-alive comment from here
            while (!closing) {
                // a comment when nothing was written for 15 s, whatever the interval: with interval=3600 the
                // stream slept through its waits and a proxy's read timeout cut it
                if (nanos.getAsLong() - lastWrite > KEEPALIVE.toNanos()) {
                    out.write(": keepalive\n\n".getBytes(StandardCharsets.US_ASCII));
                    lastWrite = nanos.getAsLong();
                }
                // at most one document per interval: a browser redraws, it does not need every tick
                long wait = v.intervalNanos() - (nanos.getAsLong() - lastDocument);
                if (last != null && wait > 0) {
                    Thread.sleep(Duration.ofNanos(Math.min(wait, CHECK.toNanos())));
                    continue; // closing is looked at every CHECK
                }
                Snapshot s = feed.awaitNext(last, CHECK);
                if (s != null && s != last) {
                    last = s;
                    out.write(
                            "data: ".getBytes(StandardCharsets.US_ASCII),
                            json(v.select(s)), // compact JSON: one line, newlines in strings escaped
                            "\n\n".getBytes(StandardCharsets.US_ASCII));
                    lastDocument = lastWrite = nanos.getAsLong();
                }
            }
        } catch (IOException e) {
            // the browser went away, or stopped reading: the stream ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request's filter, suspicious mode, row limit and (event streams) interval. */
    private static View view(ApiQuery q) throws ApiQuery.BadQuery {
        Filter f;
        try {
            f = Filter.parse(q.text(ApiQuery.Param.FILTER, ""));
        } catch (FilterException e) {
            throw new ApiQuery.BadQuery("filter: " + e.getMessage());
        }
        boolean suspicious = q.flag(ApiQuery.Param.SUSPICIOUS, false);
        int top = q.whole(ApiQuery.Param.TOP, Integer.MAX_VALUE);
        double every = q.decimal(ApiQuery.Param.INTERVAL, 1.0);
        return new View(f, suspicious, top, (long) (every * 1e9));
    }

    /** What one request asks to see: which IPs, how many, and (event streams) how often. */
    private record View(Filter filter, boolean suspicious, int top, long intervalNanos) {
        Snapshot select(Snapshot s) {
            Snapshot v = filter.select(s, suspicious);
            if (v.ips().size() <= top) {
                return v;
            }
            return v.withIps(v.ips().subList(0, top));
        }
    }

    private static byte[] json(Snapshot s) {
        return COMPACT.bytes(s);
    }

    /** One line of text (control characters in it shown escaped, as it may echo the request). */
    private static void text(WebExchange x, int status, String line) throws IOException {
        x.send(status, "text/plain; charset=utf-8", (ApiQuery.shown(line, 0) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing web asset " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
