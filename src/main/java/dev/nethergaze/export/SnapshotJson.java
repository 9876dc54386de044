package dev.nethergaze.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.Block;
import dev.nethergaze.model.CountMap;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.InterfaceRates;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.IsoTime;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.Totals;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a {@link Snapshot} as the versioned JSON document documented in the README (schema_version
 * {@value Snapshot#SCHEMA_VERSION}). Field names are a contract: change them only with a version bump.
 */
public final class SnapshotJson {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /**
     * At most this many bytes of a {@link #remembering} writer's last document are kept: an eighth of
     * the heap, from 16 to 64 MiB. The IPs past it are written anew in every line, so a line that
     * outgrows it costs as if nothing were kept: a watch's flagged IPs grow as findings end and are
     * kept (at 10k lines/s over 20k IPs its line was 11.6 MiB after three minutes).
     */
    static final int REMEMBERED_BYTES =
            (int) Math.max(16L << 20, Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8));

    private final boolean pretty;
    private final int threads;
    /**
     * A {@link #remembering} writer's IPs of its last document, each as written (null otherwise): the
     * engine hands out the same view object for an IP with nothing new, and its bytes are the same.
     */
    private IdentityHashMap<IpView, byte[]> remembered;
    /** A remembering writer's findings as written for its last document, and its request encoder. */
    private FindingBytes findingBytes;

    private RequestBytes requestBytes;

    private int copiedLast;

    public SnapshotJson(boolean pretty) {
        this(pretty, Runtime.getRuntime().availableProcessors());
    }

    /** A writer that serialises a big compact {@code ips[]} on {@code threads} threads (1: never). */
    SnapshotJson(boolean pretty, int threads) {
        this.pretty = pretty;
        this.threads = threads;
    }

    /**
     * A compact writer for a series of documents (a {@code watch}'s lines, one a second): an IP whose
     * view is the one it wrote last time is copied from what it wrote then (up to {@link
     * #REMEMBERED_BYTES}), not serialised again. On a busy host most IPs have nothing new from one
     * second to the next, and writing the flagged IPs anew each second was most of a watch's own CPU.
     * Writes on the caller's thread.
     */
    public static SnapshotJson remembering() {
        SnapshotJson j = new SnapshotJson(false, 1);
        j.remembered = new IdentityHashMap<>();
        j.findingBytes = new FindingBytes();
        // kept from line to line: the user agents, methods and files it quoted stay quoted
        j.requestBytes = new RequestBytes();
        return j;
    }

    /** IPs of the last document a {@link #remembering} writer copied from the one before (tests). */
    synchronized int rememberedIps() {
        return copiedLast;
    }

    /** Findings a {@link #remembering} writer wrote anew, not copied from the line before (tests). */
    synchronized long findingsWritten() {
        return findingBytes.written;
    }

    /** Writes one document; with {@code pretty == false} it is a single line (JSONL). */
    public void write(Snapshot s, OutputStream out) throws IOException {
        if (remembered != null) {
            synchronized (this) { // its memory of the last document is one caller's at a time
                writeDocument(s, out);
            }
        } else {
            writeDocument(s, out);
        }
    }

    private void writeDocument(Snapshot s, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            if (pretty) {
                g.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            writeSnapshot(g, s, pretty ? null : out);
        }
    }

    /** One document as bytes (for a message or an HTTP answer). */
    public byte[] bytes(Snapshot s) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(16384);
        try {
            write(s, b);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a byte array does not fail
        }
        return b.toByteArray();
    }

    /** IPs per chunk when a big report's {@code ips[]} is written on several threads. */
    private static final int CHUNK = 128;

    /**
     * Writes {@code ips[]}. A compact document is serialised in chunks of IPs, each into memory, and
     * the chunks are written in order straight to {@code raw}: a big one (a replay of a large log has
     * tens of thousands of IPs) on every core, at most a few chunks held at once. A pretty one (null
     * {@code raw}) goes through the generator, which indents it.
     */
    private void writeIps(JsonGenerator g, List<IpView> ips, OutputStream raw) throws IOException {
        if (raw == null) {
            RequestBytes requests = new RequestBytes();
            for (IpView v : ips) {
                writeIp(g, v, requests, null, null);
            }
            return;
        }
        g.flush(); // the generator's context stays "empty array": it writes no comma before ']' or after it
        if (remembered != null) {
            writeRemembered(ips, raw);
            return;
        }
        if (threads < 2 || ips.size() < 4 * CHUNK) {
            Chunk b = new Chunk(Math.min(ips.size(), CHUNK) * 4096);
            for (int next = 0; next < ips.size(); next += CHUNK) {
                chunk(ips.subList(next, Math.min(ips.size(), next + CHUNK)), b);
                if (next > 0) {
                    raw.write(',');
                }
                b.writeInner(raw);
                b.reset();
            }
            return;
        }
        ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
        // written chunks' buffers serve the next chunks: a report of 100+ MB grows a few buffers once
        // instead of growing (copying) every chunk's
        ConcurrentLinkedQueue<Chunk> spare = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().daemon().name("json-", 0).factory())) {
            int next = 0;
            boolean first = true;
            while (next < ips.size() || !inFlight.isEmpty()) {
                while (inFlight.size() <= threads && next < ips.size()) {
                    List<IpView> part = ips.subList(next, Math.min(ips.size(), next + CHUNK));
                    inFlight.add(pool.submit(() -> chunk(part, spare.poll())));
                    next += part.size();
                }
                Chunk b = inFlight.removeFirst().get();
                if (!first) {
                    raw.write(',');
                }
                b.writeInner(raw);
                b.reset();
                spare.add(b);
                first = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing ips[]");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("writing ips[]", e.getCause());
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    /** {@code ips[]}'s elements, each copied from the last document when its view is the same. */
    private void writeRemembered(List<IpView> ips, OutputStream raw) throws IOException {
        IdentityHashMap<IpView, byte[]> next = new IdentityHashMap<>(Math.min(ips.size(), 1 << 16));
        Chunk b = new Chunk(8192);
        RequestBytes requests = requestBytes;
        long kept = 0;
        int copied = 0;
        // one generator for the IPs written anew, each a value at its root (no separator between):
        // one made per IP would find the thread's recycled buffers held by the document's generator,
        // and allocate its own
        try (JsonGenerator g = FACTORY.createGenerator(b, JsonEncoding.UTF8)) {
            g.setRootValueSeparator(null);
            for (int i = 0; i < ips.size(); i++) {
                IpView v = ips.get(i);
                byte[] one = remembered.get(v);
                if (one != null) {
                    copied++;
                } else {
                    writeIp(g, v, requests, b, findingBytes);
                    g.flush();
                    one = b.copy();
                    b.reset();
                }
                if (kept + one.length <= REMEMBERED_BYTES) {
                    next.put(v, one);
                    kept += one.length;
                }
                if (i > 0) {
                    raw.write(',');
                }
                raw.write(one);
            }
        }
        remembered = next;
        copiedLast = copied;
        findingBytes.documentDone();
    }

    /** Some IPs as a JSON array, in memory: in {@code reuse} (empty) when given. */
    private static Chunk chunk(List<IpView> part, Chunk reuse) throws IOException {
        Chunk bytes = reuse != null ? reuse : new Chunk(part.size() * 4096);
        try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartArray();
            RequestBytes requests = new RequestBytes();
            for (IpView v : part) {
                writeIp(g, v, requests, bytes, null);
            }
            g.writeEndArray();
        }
        return bytes;
    }

    /**
     * A serialised array whose elements are copied out without its brackets (no extra copy). Owned by
     * one thread at a time, so unlike {@link java.io.ByteArrayOutputStream} it takes no lock per write.
     */
    private static final class Chunk extends OutputStream {
        private byte[] buf;
        private int count;

        Chunk(int size) {
            buf = new byte[size];
        }

        @Override
        public void write(int b) {
            room(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            room(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void room(int n) {
            if (n > buf.length - count) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, Math.addExact(count, n)));
            }
        }

        void reset() {
            count = 0;
        }

        byte[] copy() {
            return Arrays.copyOf(buf, count);
        }

        void writeInner(OutputStream out) throws IOException {
            out.write(buf, 1, count - 2);
        }
    }

    /** A {@code sources[]} array as snapshots write it (also what {@code ctl status} answers). */
    public static void writeSources(JsonGenerator g, List<SourceHealth> sources) throws IOException {
        g.writeStartArray();
        for (SourceHealth h : sources) {
            g.writeStartObject();
            g.writeStringField("name", h.name());
            g.writeStringField("kind", h.kind());
            g.writeStringField("status", h.status().json());
            g.writeStringField("detail", h.detail());
            g.writeNumberField("lines", h.lines());
            g.writeNumberField("malformed", h.malformed());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void writeSnapshot(JsonGenerator g, Snapshot s, OutputStream raw) throws IOException {
        g.writeStartObject();
        g.writeNumberField("schema_version", Snapshot.SCHEMA_VERSION);
        g.writeStringField("generated_at", IsoTime.text(s.generatedAt()));
        g.writeStringField("host", s.host());
        g.writeFieldName("sources");
        writeSources(g, s.sources());
        writeTotals(g, s.totals());
        g.writeArrayFieldStart("listeners");
        for (Listener l : s.listeners()) {
            g.writeStartObject();
            g.writeStringField("address", l.local().toString());
            g.writeNumberField("port", l.port());
            g.writeNumberField("accept_queue", l.acceptQueue());
            ConnJson.writeBacklog(g, l.backlog());
            g.writeNumberField("syn_queue", l.synQueue());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("ips");
        writeIps(g, s.ips(), raw);
        g.writeEndArray();
        writeFindings(g, "findings", s.findings());
        writeEarlier(g, s.earlierFindings());
        g.writeEndObject();
    }

    /** {@code earlier_findings}: findings that stopped firing, each with when ({@code ended}). */
    private static void writeEarlier(JsonGenerator g, List<PastFinding> earlier) throws IOException {
        g.writeArrayFieldStart("earlier_findings");
        for (PastFinding p : earlier) {
            writeFinding(g, p.finding(), p.ended(), p.held());
        }
        g.writeEndArray();
    }

    /** {@code [{rule, severity, subject, reason, observed, threshold, window_s, since, evidence[]}]} */
    public static void writeFindings(JsonGenerator g, String field, List<Finding> findings) throws IOException {
        g.writeArrayFieldStart(field);
        for (Finding f : findings) {
            writeFinding(g, f);
        }
        g.writeEndArray();
    }

    public static void writeFinding(JsonGenerator g, Finding f) throws IOException {
        writeFinding(g, f, null, false);
    }

    /**
     * A finding; one that stopped firing also says when ({@code ended}, else null) and whether its
     * episode is held ({@code held}: stopped within the hold, going on should the rule fire again).
     */
    public static void writeFinding(JsonGenerator g, Finding f, Instant ended, boolean held) throws IOException {
        g.writeStartObject();
        g.writeStringField("rule", f.rule());
        g.writeStringField("severity", f.severity().json());
        g.writeStringField("subject", f.subject());
        g.writeStringField("reason", f.reason());
        g.writeNumberField("observed", f.observed());
        g.writeNumberField("threshold", f.threshold());
        g.writeNumberField("window_s", f.window().toSeconds());
        g.writeStringField("since", IsoTime.text(f.since()));
        if (ended != null) {
            g.writeStringField("ended", IsoTime.text(ended));
            g.writeBooleanField("held", held);
        }
        g.writeArrayFieldStart("evidence");
        for (String e : f.evidence()) {
            g.writeString(e);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeTotals(JsonGenerator g, Totals t) throws IOException {
        g.writeObjectFieldStart("totals");
        g.writeNumberField("connections", t.connections());
        g.writeNumberField("established", t.established());
        writeStates(g, "connections_by_state", t.byState());
        g.writeNumberField("hidden_connections", t.hiddenConnections());
        g.writeNumberField("ips", t.ipsTracked());
        g.writeNumberField("ips_shown", t.ipsShown());
        g.writeNumberField("evicted_ips", t.evictedIps());
        g.writeNumberField("requests", t.requests());
        g.writeNumberField("hidden_requests", t.hiddenRequests());
        g.writeNumberField("requests_per_min", t.requestsPerMin());
        g.writeNumberField("bytes", t.bytes());
        g.writeNumberField("auth_failures", t.authFailures());
        ConnJson.writeSyn(g, t.syn());
        g.writeArrayFieldStart("interfaces");
        for (InterfaceRates i : t.interfaces()) {
            g.writeStartObject();
            g.writeStringField("name", i.name());
            if (i.intervalS() > 0) {
                g.writeNumberField("interval_s", i.intervalS());
                g.writeNumberField("rx_bytes_per_s", i.rxBytesPerS());
                g.writeNumberField("tx_bytes_per_s", i.txBytesPerS());
                g.writeNumberField("rx_packets_per_s", i.rxPacketsPerS());
                g.writeNumberField("tx_packets_per_s", i.txPacketsPerS());
                g.writeNumberField("rx_drops_per_s", i.rxDropsPerS());
                g.writeNumberField("rx_errors_per_s", i.rxErrorsPerS());
                g.writeNumberField("tx_drops_per_s", i.txDropsPerS());
                g.writeNumberField("tx_errors_per_s", i.txErrorsPerS());
            } else {
                g.writeNullField("interval_s");
            }
            g.writeObjectFieldStart("since_boot");
            g.writeNumberField("rx_bytes", i.rxBytes());
            g.writeNumberField("tx_bytes", i.txBytes());
            g.writeNumberField("rx_drops", i.rxDrops());
            g.writeNumberField("rx_errors", i.rxErrors());
            g.writeNumberField("tx_drops", i.txDrops());
            g.writeNumberField("tx_errors", i.txErrors());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * One IP. Its {@code last_requests[]} are encoded by {@code requests}: into {@code raw}, the
     * generator's own stream, after the generator's bytes so far; without it through the generator.
     * With {@code raw} and {@code findings}, its findings are copied as {@code findings} remembers them.
     */
    private static void writeIp(
            JsonGenerator g, IpView v, RequestBytes requests, OutputStream raw, FindingBytes findings)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("ip", v.ip().toString());
        g.writeArrayFieldStart("via");
        for (IpKey proxy : v.via()) {
            g.writeString(proxy.toString());
        }
        g.writeEndArray();
        writeBlocked(g, v.blocked());
        g.writeStringField("first_seen", IsoTime.text(v.firstSeen()));
        g.writeStringField("last_seen", IsoTime.text(v.lastSeen()));
        g.writeNumberField("requests", v.requests());
        g.writeNumberField("bytes", v.bytes());
        g.writeNumberField("requests_per_min", v.requestsPerMin());
        writeCounts(g, "status", v.status());
        writeCounts(g, "methods", v.methods());
        g.writeObjectFieldStart("connections");
        g.writeNumberField("total", v.connections().total());
        g.writeNumberField("inbound", v.connections().inbound());
        g.writeNumberField("outbound", v.connections().outbound());
        g.writeNumberField("new_per_s", v.newConnsPerSec());
        writeStates(g, "by_state", v.connections().byState());
        g.writeEndObject();
        g.writeArrayFieldStart("services");
        for (ServiceCount c : v.services()) {
            g.writeStartObject();
            g.writeNumberField("port", c.port());
            g.writeStringField("name", c.name());
            g.writeNumberField("count", c.count());
            g.writeEndObject();
        }
        g.writeEndArray();
        ConnJson.writeTcp(g, v.tcp());
        ConnJson.writeProcesses(g, v.processes());
        writeAuth(g, v.auth());
        EnrichmentJson.writeGeo(g, v.geo());
        EnrichmentJson.writeWhois(g, v.whois());
        EnrichmentJson.writeHistory(g, v.history());
        WireJson.write(g, v.wire());
        g.writeFieldName("last_requests");
        byte[] encoded = requests.encode(v.lastRequests());
        if (raw != null) {
            g.writeRawValue(""); // the ':' and the generator's note that the field has its value
            g.flush();
            raw.write(encoded, 0, requests.length());
        } else {
            try (JsonParser p = FACTORY.createParser(encoded, 0, requests.length())) {
                p.nextToken();
                g.copyCurrentStructure(p);
            }
        }
        if (raw != null && findings != null) {
            g.writeFieldName("findings");
            g.writeRawValue("");
            g.flush();
            findings.array(v.findings(), raw);
            g.writeFieldName("earlier_findings");
            g.writeRawValue("");
            g.flush();
            findings.array(v.earlierFindings(), raw);
        } else {
            writeFindings(g, "findings", v.findings());
            writeEarlier(g, v.earlierFindings());
        }
        g.writeEndObject();
    }

    /** The firewall rules that drop or reject the address now ([] when none, or not read). */
    public static void writeBlocked(JsonGenerator g, List<Block> blocked) throws IOException {
        g.writeArrayFieldStart("blocked");
        for (Block b : blocked) {
            g.writeStartObject();
            g.writeStringField("by", b.by());
            g.writeStringField("rule", b.rule());
            g.writeStringField("matched", b.matched());
            g.writeStringField("only", b.only());
            g.writeStringField("expires", b.expires() == null ? null : IsoTime.text(b.expires()));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeAuth(JsonGenerator g, AuthSummary a) throws IOException {
        g.writeObjectFieldStart("auth");
        g.writeNumberField("failures", a.failures());
        g.writeNumberField("invalid_users", a.invalidUsers());
        g.writeNumberField("accepted", a.accepted());
        g.writeNumberField("preauth_disconnects", a.preauthDisconnects());
        g.writeNumberField("handshake_failures", a.handshakeFailures());
        g.writeArrayFieldStart("users");
        for (String u : a.users()) {
            g.writeString(u);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeStates(JsonGenerator g, String field, Map<TcpState, Integer> byState) throws IOException {
        g.writeObjectFieldStart(field);
        for (TcpState st : TcpState.values()) {
            Integer n = byState.get(st);
            if (n != null && n > 0) {
                g.writeNumberField(st.name(), n);
            }
        }
        g.writeEndObject();
    }

    private static final String[] NO_KEYS = {};

    private static void writeCounts(JsonGenerator g, String field, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(field);
        if (counts instanceof CountMap c) { // its names are in order already
            for (int i = 0; i < c.size(); i++) {
                g.writeNumberField(c.key(i), c.count(i));
            }
            g.writeEndObject();
            return;
        }
        // by name: the keys sorted in an array (a copy into a TreeMap made an entry object per key)
        String[] keys = counts.keySet().toArray(NO_KEYS);
        if (keys.length > 1) {
            Arrays.sort(keys);
        }
        for (String k : keys) {
            g.writeNumberField(k, counts.get(k));
        }
        g.writeEndObject();
    }

    /** {@link IsoTime#text} of each time through one batch's scratch, as {@code last_requests[]} writes them. */
    static List<String> isoInSequence(List<Instant> times) {
        RequestBytes q = new RequestBytes();
        List<String> out = new java.util.ArrayList<>(times.size());
        for (Instant t : times) {
            out.add(q.iso(t));
        }
        return out;
    }
}
