package dev.nethergaze.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nethergaze.detect.Findings;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.Snapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Publishes this host's snapshots to NATS for a fleet view ({@code nethergaze fleet}): on subject
 * {@code nethergaze.HOST.snapshot}, at most one document per interval, the snapshot JSON (schema as
 * {@code snapshot --json}) with only its flagged IPs, worst first, at most {@code maxIps} of them
 * (as many as fit the server's max_payload, in a slim document when that holds more, the cut said once;
 * when not even a slim one with no IPs fits, nothing, said once and counted). The engine only hands over its
 * latest snapshot; the connection, the JSON and any reconnecting live on a thread of their own, so a
 * slow or absent server never holds up the engine. While disconnected nothing is queued (the next
 * document after reconnecting is the current state); the server is retried with backoff up to 30 s,
 * also after a lost connection (it starts over once a connection held 30 s; losses before that are said once).
 * A PING goes out every 20 s, and a server that answers nothing for 60 s is taken for gone (a peer
 * that died without closing would otherwise swallow documents until TCP gives up, many minutes on).
 * The first connection, and each lost and regained one, are said once each on {@code log}.
 *
 * <p>With the fleet's JetStream stream in place, each document goes out as a request and JetStream's
 * acknowledgement is awaited (at most one document unacknowledged; the next waits for it, up to
 * {@link #ACK_WAIT}): a document the stream refused (over its size limit, storage full, ...) or never
 * acknowledged is said once, with JetStream's own words, and so is the first one stored after that.
 */
public final class FleetPublisher implements Consumer<Snapshot>, AutoCloseable {

    private static final SnapshotJson COMPACT = new SnapshotJson(false);
    private static final ObjectMapper SLIM = new ObjectMapper();

    /** The first token of every subject nethergaze publishes. */
    public static final String PREFIX = "nethergaze";
    /** The subjects of every host's documents. */
    public static final String EVERY_HOST = PREFIX + ".*.snapshot";

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** A PING this often; a server silent for {@link #DEAD} is taken for gone (a dead peer sends no FIN). */
    static final Duration PING = Duration.ofSeconds(20);

    static final Duration DEAD = Duration.ofSeconds(60);
    /** How long a document sent to the stream waits for JetStream's acknowledgement. */
    static final Duration ACK_WAIT = Duration.ofSeconds(5);

    private final String url;
    /** The server's host and port, for messages (never the URL: it may hold a password). */
    private final String server;

    private final String subject;
    /** How often the state is looked at until the first document is sent. */
    static final Duration FIRST_LOOK = Duration.ofMillis(100);

    private final Duration interval;
    private final int maxIps;
    private final Supplier<PrintStream> log;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final Thread thread;
    private final Duration ping;
    private final Duration dead;
    private volatile boolean closing;
    private final java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();
    /** Documents not published in a row, as even the slim one was over the server's max_payload. */
    private final java.util.concurrent.atomic.AtomicLong skipped = new java.util.concurrent.atomic.AtomicLong();
    /** The last problem with acknowledgements said, so it is said once; null while they come. */
    private String ackProblem;

    /** A document sent to the stream, until JetStream acknowledges it. */
    private record Pending(CompletableFuture<byte[]> reply, long sentNanos) {}

    /**
     * @param url {@code nats://[user:pass@|token@]host[:port]}
     * @param host this host's name in the subject (see {@link #subject(String)})
     */
    public FleetPublisher(String url, String host, Duration interval, int maxIps, Supplier<PrintStream> log) {
        this(url, host, interval, maxIps, log, PING, DEAD);
    }

    /** As above, with how often to PING and how long a silence means the server is gone. */
    FleetPublisher(
            String url,
            String host,
            Duration interval,
            int maxIps,
            Supplier<PrintStream> log,
            Duration ping,
            Duration dead) {
        this.server = NatsConnection.server(NatsConnection.parse(url)); // a bad URL is the caller's error, now
        this.ping = ping;
        this.dead = dead;
        this.url = url;
        this.subject = subject(host);
        this.interval = interval;
        this.maxIps = maxIps;
        this.log = log;
        this.thread = Thread.ofPlatform().daemon().name("nats publisher").start(this::run);
    }

    /**
     * {@code nethergaze.HOST.snapshot}, the host made one subject token, one to one (two host names
     * never share a subject): letters, digits, {@code -} and other non-ASCII characters stay, a dot
     * becomes {@code _}, any other ASCII character {@code ~XX} (its hex code, {@code _} too), a
     * non-ASCII space or control character {@code ~uXXXX}; the empty name is {@code ~}.
     */
    public static String subject(String host) {
        StringBuilder b = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                b.append('_');
            } else if (c < 128) {
                boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                b.append(plain ? String.valueOf(c) : String.format(java.util.Locale.ROOT, "~%02x", (int) c));
            } else if (Character.isWhitespace(c)
                    || Character.isSpaceChar(c)
                    || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT) {
                b.append(String.format(java.util.Locale.ROOT, "~u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return PREFIX + "." + (b.isEmpty() ? "~" : b) + ".snapshot";
    }

    /** The subject this publisher sends on. */
    public String subject() {
        return subject;
    }

    /** Documents sent so far. */
    public long published() {
        return published.get();
    }

    /** Documents the fleet's JetStream stream acknowledged so far. */
    public long stored() {
        return stored.get();
    }

    @Override
    public void accept(Snapshot s) {
        latest.set(s);
    }

    @Override
    public void close() {
        closing = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long notSent = skipped.get();
        if (notSent > 1) {
            log.get()
                    .println("nethergaze: nats: " + notSent
                            + " documents in a row were over max_payload (not published)");
        }
    }

    /** Documents skipped in a row so far, as they were over the server's max_payload. */
    public long skipped() {
        return skipped.get();
    }

    /** The last JetStream refusal said, so a reconnect does not repeat it. */
    private String streamProblem;

    @SuppressWarnings("ReferenceEquality") // a newer snapshot is another object
    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        String lastProblem = null; // the last problem said, so a repeat of it is not said again
        boolean sayConnected = true;
        boolean lossSaid = false; // a loss was said since the last connection that held
        long lostAt = -1; // System.nanoTime() when the connection that last held was lost; -1: none lost
        long quietSince = -1; // when a server that missed a PING's answer last said anything; -1: it answers
        Snapshot sent = null;
        while (!closing) {
            NatsConnection c;
            try {
                c = NatsConnection.connect(url, "nethergaze " + subject, Duration.ofSeconds(5));
            } catch (IOException e) {
                String problem = "nethergaze: nats: cannot reach " + server + ": " + e.getMessage() + " (retrying)";
                if (!problem.equals(lastProblem)) {
                    log.get().println(problem);
                    lastProblem = problem;
                    sayConnected = true;
                }
                if (!sleep(backoff)) {
                    return;
                }
                backoff = longer(backoff);
                continue;
            }
            if (sayConnected) {
                log.get()
                        .println("nethergaze: nats: connected to " + server + away(lostAt) + ", publishing on "
                                + subject + missed(lostAt));
                sayConnected = false;
            }
            lostAt = -1;
            quietSince = -1;
            long connectedAt = System.nanoTime();
            try (c) {
                if (c.jetStream() && !stream(c)) {
                    return;
                }
                boolean acked = c.jetStream() && streamProblem == null; // the stream exists: it answers
                Pending pending = null;
                long lastPing = System.nanoTime();
                while (!closing) {
                    if (System.nanoTime() - lastPing > ping.toNanos()) {
                        c.flush();
                        lastPing = System.nanoTime();
                    }
                    Duration quiet = c.silence();
                    // a server that answers PINGs is never quiet for two of them; one that is was gone from then
                    quietSince = quiet.compareTo(ping.multipliedBy(2)) > 0 ? System.nanoTime() - quiet.toNanos() : -1;
                    if (quiet.compareTo(dead) > 0) {
                        throw new IOException("no answer from the server for " + dead.toMillis() / 1000.0 + " s");
                    }
                    if (pending != null) {
                        pending = acknowledged(pending, c);
                    }
                    Snapshot s = latest.get();
                    if (s != null && s != sent && pending == null) {
                        byte[] doc = fitting(s, c.maxPayload());
                        if (doc != null && acked) {
                            pending = new Pending(c.requestAsync(subject, doc), System.nanoTime());
                            c.flush(); // a PING after it: its PONG tells a stuck server from a deaf stream
                            lastPing = System.nanoTime();
                        } else if (doc != null) {
                            c.publish(subject, doc);
                        }
                        if (doc != null) {
                            published.incrementAndGet();
                        }
                        sent = s;
                    } else if (c.closed() != null) {
                        throw new IOException(c.closed());
                    }
                    // until the first document is out, look again soon: a session's first snapshot may come
                    // after the connection, and a short one (watch --count 3) would end before the next interval
                    if (!sleep(sent == null ? FIRST_LOOK : interval)) {
                        return;
                    }
                }
            } catch (IOException e) {
                if (System.nanoTime() - connectedAt >= MAX_BACKOFF.toNanos()) {
                    backoff = Duration.ofSeconds(1); // it held: this is a new problem, retried soon
                    lossSaid = false;
                }
                if (lostAt < 0) { // away since it ended (found out up to an interval later), or fell silent
                    long ended = System.nanoTime() - c.sinceClosed().toNanos();
                    lostAt = quietSince >= 0 ? Math.min(quietSince, ended) : ended;
                }
                if (!lossSaid) { // a connection lost again and again is said once: no flood
                    String why = String.valueOf(e.getMessage()).replaceFirst("^connection lost: ", "");
                    log.get().println("nethergaze: nats: connection lost: " + why + " (reconnecting)");
                    lossSaid = true;
                    lastProblem = null;
                    sayConnected = true;
                }
                sent = null; // the state is sent again once back
                if (!sleep(backoff)) {
                    return;
                }
                backoff = longer(backoff);
            }
        }
    }

    /** " again after N s away" once a connection was lost ({@code lostAt} not -1), else "". */
    private static String away(long lostAt) {
        return lostAt < 0
                ? ""
                : " again after " + Math.max(1, (System.nanoTime() - lostAt + 500_000_000L) / 1_000_000_000L)
                        + " s away";
    }

    /**
     * What the fleet missed of this host while the connection was lost: the documents due meanwhile,
     * one per interval, none of them queued ("" when none was due).
     */
    private String missed(long lostAt) {
        long due = lostAt < 0 ? 0 : (System.nanoTime() - lostAt) / Math.max(1, interval.toNanos());
        return due == 0
                ? ""
                : " (" + Plural.of(due, "document") + " not published meanwhile: nothing is queued, the current"
                        + " state goes first)";
    }

    private static Duration longer(Duration backoff) {
        Duration twice = backoff.multipliedBy(2);
        return twice.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : twice;
    }

    /**
     * The document for {@code s} within the server's limit, or null when even the smallest one is
     * over it: that is said once, with the sizes, and the documents skipped are counted; the first one
     * that fits again says how many were.
     */
    private byte[] fitting(Snapshot s, long maxPayload) {
        Fit fit = fit(s, maxPayload);
        byte[] doc = fit.json();
        if (doc.length > maxPayload) {
            if (skipped.getAndIncrement() == 0) {
                log.get()
                        .println("nethergaze: nats: the snapshot document is " + doc.length
                                + " bytes even with no IPs, over the server's max_payload " + maxPayload
                                + ": not published until it fits (raise max_payload on the server)");
            }
            return null;
        }
        long had = skipped.getAndSet(0);
        if (had > 0) {
            log.get()
                    .println("nethergaze: nats: the snapshot fits again (" + Plural.of(had, "document")
                            + (had == 1 ? " was" : " were") + " skipped)");
        }
        if (fit.sent() < fit.wanted() && cutSaid != maxPayload) {
            log.get()
                    .println("nethergaze: nats: the snapshot documents are cut to " + fit.sent() + " of "
                            + Plural.of(fit.wanted(), "flagged IP") + " (worst first"
                            + (fit.slim() ? ", without evidence and last requests" : "")
                            + ") by the server's max_payload of " + maxPayload
                            + " bytes (raise max_payload on the server for all of them)");
            cutSaid = maxPayload;
        }
        return doc;
    }

    /** The max_payload a cut of the documents' IPs was said for (once per limit); -1 before any. */
    private long cutSaid = -1;

    /**
     * The pending document while JetStream has not answered and {@link #ACK_WAIT} has not passed;
     * else null, its answer counted or its problem said (once).
     */
    private Pending acknowledged(Pending p, NatsConnection c) {
        if (!p.reply().isDone()) {
            long waited = System.nanoTime() - p.sentNanos();
            if (waited < ACK_WAIT.toNanos()) {
                return p;
            }
            p.reply().cancel(false);
            if (c.silence().toNanos() >= waited) { // not even the PONG to the PING sent after the document
                ackProblem("no acknowledgement from JetStream within " + ACK_WAIT.toSeconds()
                        + " s: the server has answered nothing since, not even a PING (stuck or overloaded?)");
                return null;
            }
            ackProblem("no acknowledgement from JetStream within " + ACK_WAIT.toSeconds() + " s (is " + subject
                    + " among the subjects of stream " + JetStream.STREAM + "?)");
            return null;
        }
        if (p.reply().isCompletedExceptionally()) {
            return null; // the connection ended: the loop says so and reconnects
        }
        String refused = JetStream.refusal(p.reply().join());
        if (refused != null) {
            ackProblem("JetStream did not keep the snapshot: " + refused);
            return null;
        }
        stored.incrementAndGet();
        if (ackProblem != null) {
            log.get().println("nethergaze: nats: JetStream keeps the snapshots again");
            ackProblem = null;
        }
        return null;
    }

    private void ackProblem(String problem) {
        if (!problem.equals(ackProblem)) {
            log.get().println("nethergaze: nats: " + problem);
            ackProblem = problem;
        }
    }

    /**
     * With JetStream on the server, makes sure the fleet's stream keeps each host's last document
     * (made if missing); a refusal is said once and publishing goes on without it. False when
     * interrupted (closing).
     */
    private boolean stream(NatsConnection c) {
        try {
            if (JetStream.ensureStream(c)) {
                log.get()
                        .println("nethergaze: nats: made JetStream stream " + JetStream.STREAM
                                + " (each host's last document, kept " + JetStream.MAX_AGE.toDays() + " days)");
            }
            streamProblem = null;
        } catch (IOException e) {
            if (!e.getMessage().equals(streamProblem)) {
                log.get().println("nethergaze: nats: " + e.getMessage() + " (publishing without a stream)");
                streamProblem = e.getMessage();
            }
        } catch (InterruptedException e) {
            return false;
        }
        return true;
    }

    /** The document for {@code s} within {@code maxPayload}, or over it only when even the slimmest is. */
    byte[] document(Snapshot s, long maxPayload) {
        return fit(s, maxPayload).json();
    }

    /**
     * A document, how many flagged IPs it lists ({@code sent}) of how many it would without the
     * server's limit ({@code wanted}: all, at most {@code maxIps}), and whether it is the slim one.
     */
    @SuppressWarnings("ArrayRecordComponent") // handed on once, never compared
    record Fit(byte[] json, int sent, int wanted, boolean slim) {}

    /**
     * The JSON with as many of the flagged IPs as fit the server's limit, worst first. When not all
     * of them fit, the slim document ({@link #slim}) is taken if it holds more of them; when not even
     * the slim one with no IPs fits, that one (over the limit: the caller skips it).
     */
    Fit fit(Snapshot s, long maxPayload) {
        List<IpView> flagged = Findings.suspicious(s.ips());
        int wanted = Math.min(maxIps, flagged.size());
        JsonNode worst = worst(s, flagged);
        IntFunction<byte[]> full =
                memo(n -> withSummary(json(s.withIps(flagged.subList(0, n))), flagged.size(), n, worst));
        int n = most(full, wanted, maxPayload);
        if (n == wanted) {
            return new Fit(full.apply(n), n, wanted, false);
        }
        ObjectNode base = (ObjectNode) tree(slim(json(s.withIps(flagged.subList(0, wanted)))));
        IntFunction<byte[]> slim = memo(k -> slimmed(base, k, flagged.size(), worst));
        int k = most(slim, wanted, maxPayload);
        if (k > n) {
            return new Fit(slim.apply(k), k, wanted, true);
        }
        return n >= 0 ? new Fit(full.apply(n), n, wanted, false) : new Fit(slim.apply(0), 0, wanted, true);
    }

    /**
     * The most IPs, up to {@code wanted}, whose document is within {@code max} (a document grows with
     * its IPs: a binary search), or -1 when not even the one with none is.
     */
    private static int most(IntFunction<byte[]> doc, int wanted, long max) {
        if (doc.apply(wanted).length <= max) {
            return wanted;
        }
        if (doc.apply(0).length > max) {
            return -1;
        }
        int lo = 0; // fits
        int hi = wanted - 1; // the most that may
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (doc.apply(mid).length <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** {@code f}, each document made once (the search and the answer ask for the same ones). */
    private static IntFunction<byte[]> memo(IntFunction<byte[]> f) {
        java.util.Map<Integer, byte[]> made = new java.util.HashMap<>();
        return n -> made.computeIfAbsent(n, f::apply);
    }

    /** The slim document {@code base} with its first {@code n} IPs and the host's own figures. */
    private static byte[] slimmed(ObjectNode base, int n, int flaggedIps, JsonNode worst) {
        ObjectNode d = base.deepCopy();
        if (d.get("ips") instanceof com.fasterxml.jackson.databind.node.ArrayNode ips) {
            while (ips.size() > n) {
                ips.remove(ips.size() - 1);
            }
        }
        d.remove("fleet");
        ObjectNode f = d.putObject("fleet");
        f.put("flagged_ips", flaggedIps).put("ips_sent", n).set("worst", worst);
        return bytes(d);
    }

    /**
     * The host's own figures, before any trimming, as {@code "fleet": {flagged_ips, ips_sent, worst}}
     * at the end of the document: {@code fleet} counts and ranks by them, not by the {@code ips[]}
     * that the 200 cap or the server's max_payload cut.
     */
    private static byte[] withSummary(byte[] json, int flaggedIps, int sent, JsonNode worst) {
        ObjectNode f = SLIM.createObjectNode();
        f.put("flagged_ips", flaggedIps).put("ips_sent", sent).set("worst", worst);
        byte[] summary = (",\"fleet\":" + f).getBytes(StandardCharsets.UTF_8);
        int end = json.length - 1;
        while (end > 0 && json[end] != '}') {
            end--;
        }
        byte[] out = new byte[json.length + summary.length];
        System.arraycopy(json, 0, out, 0, end);
        System.arraycopy(summary, 0, out, end, summary.length);
        System.arraycopy(json, end, out, end + summary.length, json.length - end);
        return out;
    }

    /** The most severe current finding, host-wide or on any flagged IP: {rule, severity, subject}, or null. */
    private static JsonNode worst(Snapshot s, List<IpView> flagged) {
        Finding best = null;
        List<Finding> all = new java.util.ArrayList<>(s.findings());
        flagged.forEach(v -> all.addAll(v.findings()));
        for (Finding f : all) {
            if (best == null || f.severity().compareTo(best.severity()) > 0) {
                best = f;
            }
        }
        if (best == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        return SLIM.createObjectNode()
                .put("rule", best.rule())
                .put("severity", best.severity().json())
                .put("subject", best.subject());
    }

    /**
     * A document made smaller: without its listeners, sources, interfaces and earlier findings, without
     * the evidence of its findings, and its IPs without their last requests, earlier findings and the
     * evidence of theirs; with {@code "slim": true}.
     */
    static byte[] slim(byte[] json) {
        if (!(tree(json) instanceof ObjectNode d)) {
            return json; // our own JSON: cannot happen
        }
        d.remove(List.of("listeners", "sources", "earlier_findings"));
        if (d.get("totals") instanceof ObjectNode t) {
            t.remove("interfaces");
        }
        withoutEvidence(d.path("findings"));
        for (JsonNode ip : d.path("ips")) {
            if (ip instanceof ObjectNode o) {
                o.remove(List.of("last_requests", "earlier_findings"));
                withoutEvidence(o.path("findings"));
            }
        }
        d.put("slim", true);
        return bytes(d);
    }

    private static void withoutEvidence(JsonNode findings) {
        for (JsonNode f : findings) {
            if (f instanceof ObjectNode o) {
                o.remove("evidence");
            }
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return SLIM.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // our own JSON: cannot happen
        }
    }

    private static byte[] bytes(JsonNode d) {
        try {
            return SLIM.writeValueAsBytes(d);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a tree of our own: cannot happen
        }
    }

    private static byte[] json(Snapshot s) {
        return COMPACT.bytes(s);
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return !closing;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
