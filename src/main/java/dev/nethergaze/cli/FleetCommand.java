package dev.nethergaze.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nethergaze.fleet.FleetPublisher;
import dev.nethergaze.fleet.JetStream;
import dev.nethergaze.fleet.NatsConnection;
import dev.nethergaze.model.Plural;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "fleet",
        description = "The hosts that publish to NATS (--nats on serve, watch, console): one line each, the"
                + " worst first, with their totals and flagged IPs.",
        mixinStandardHelpOptions = true)
final class FleetCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Six publishing intervals without a word. */
    private static final Duration STALE = Duration.ofSeconds(30);

    private static final int SCHEMA_VERSION = dev.nethergaze.model.Snapshot.SCHEMA_VERSION;

    private static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");

    @Option(
            names = "--nats",
            paramLabel = "URL",
            defaultValue = "${env:NETHERGAZE_NATS}",
            description = "nats://[user:pass@ or token@]host[:port], or tls://...[?ca=PEM] (default: $NETHERGAZE_NATS,"
                    + " which keeps credentials out of ps)")
    String nats;

    @Option(
            names = "--wait",
            paramLabel = "S",
            description = "Seconds to listen for new documents (default: 0 when the server's JetStream stream"
                    + " holds each host's last one, else 6, as hosts publish every 5 s).")
    Double wait;

    @Option(names = "--json", description = "{schema_version, hosts: [the latest snapshot document of each host]}.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        if (wait != null && !(wait >= 0 && wait <= 3600)) {
            throw new UserException("--wait must be between 0 and 3600 seconds, got " + wait);
        }
        if (nats == null || nats.isBlank()) {
            throw new UserException("--nats URL is required (or set NETHERGAZE_NATS)");
        }
        FleetOptions.checked(nats);
        Map<String, JsonNode> hosts = new TreeMap<>();
        AtomicLong bad = new AtomicLong();
        double listened;
        String lost = null; // why the connection was lost while listening, if it was
        List<JetStream.Stored> stored = null;
        try (NatsConnection c = NatsConnection.connect(nats, "nethergaze fleet", Duration.ofSeconds(5))) {
            if (c.jetStream()) {
                try {
                    stored = JetStream.lastOfEachHost(c);
                } catch (IOException e) { // e.g. no JetStream for this account: listen, as without it
                    System.err.println("nethergaze: fleet: " + e.getMessage() + " (listening instead)");
                }
            }
            if (stored != null) {
                for (JetStream.Stored s : stored) {
                    take(
                            hosts,
                            bad,
                            s.json().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            s.received() == null ? Instant.now() : s.received());
                }
            }
            listened = wait != null ? wait : stored != null ? 0 : 6;
            if (listened > 0) { // said first: the table comes only after the wait
                System.err.println("nethergaze: fleet: waiting " + listened + " s for hosts on "
                        + FleetPublisher.EVERY_HOST + " at " + NatsConnection.redacted(nats)
                        + (hosts.isEmpty() ? "" : " (" + Plural.of(hosts.size(), "host") + " kept by JetStream)"));
                c.subscribe(FleetPublisher.EVERY_HOST, (subject, payload) -> take(hosts, bad, payload, Instant.now()));
                Thread.sleep(Duration.ofMillis((long) (listened * 1000)));
            }
            if (c.closed() != null) {
                lost = "nats: connection lost while listening: " + c.closed();
            }
        } catch (IOException e) {
            throw new UserException(
                    "nats: cannot reach " + NatsConnection.server(NatsConnection.parse(nats)) + ": " + e.getMessage());
        }
        List<JsonNode> docs;
        synchronized (hosts) {
            docs = new ArrayList<>(hosts.values());
        }
        if (lost != null && docs.isEmpty()) {
            throw new UserException(lost);
        }
        docs.sort(Comparator.comparingInt(FleetCommand::worstRank)
                .reversed()
                .thenComparing(Comparator.comparingLong(FleetCommand::flagged).reversed())
                .thenComparing(d -> d.path("host").asText()));
        if (json) {
            Instant now = Instant.now();
            ObjectNode out = JSON.createObjectNode().put("schema_version", 1);
            ArrayNode arr = out.putArray("hosts");
            for (JsonNode d : docs) {
                ObjectNode o = (ObjectNode) d;
                o.put("age_s", Math.max(0, Duration.between(time(d), now).toSeconds()));
                o.put("stale", now.minus(STALE).isAfter(time(d)));
                o.put("demo", demo(d));
                arr.add(o);
            }
            System.out.println(out);
        } else if (!docs.isEmpty()) { // no header over no rows: the line below says why there are none
            print(docs, Instant.now(), Output.text());
        }
        if (bad.get() > 0) {
            System.err.println(
                    "nethergaze: fleet: " + Plural.of(bad.get(), "message") + (bad.get() == 1 ? " was" : " were")
                            + " not snapshot documents" + " (not JSON, no host, or another schema_version; skipped)");
        }
        if (lost != null) { // what was heard before is shown, and the exit says the list may lack hosts
            System.err.println("nethergaze: fleet: " + lost + "; shown: the " + Plural.of(docs.size(), "host")
                    + " heard" + " before, others may be missing");
            return 2;
        }
        if (docs.isEmpty()) {
            System.err.println("nethergaze: fleet: no host published"
                    + (listened > 0
                            ? " in " + listened + " s"
                            : stored != null
                                    ? " (the JetStream stream is empty)"
                                    : " (the server keeps no JetStream stream, and --wait 0 listens to nothing)")
                    + " (run serve, watch or console with --nats " + NatsConnection.redacted(nats) + ")");
            return 1;
        }
        return 0;
    }

    /**
     * A host's document, keyed by its host (two hosts never share a line), with {@code received_at}:
     * when it reached the server or us, the time its age is counted from (the sender's clock may be
     * off). The last received wins. Not an object, no host, or another schema_version: counted in
     * {@code bad}, skipped.
     */
    private static void take(Map<String, JsonNode> hosts, AtomicLong bad, byte[] payload, Instant received) {
        JsonNode doc;
        try {
            doc = JSON.readTree(payload);
        } catch (IOException e) {
            bad.incrementAndGet();
            return;
        }
        if (!(doc instanceof ObjectNode o)
                || o.path("schema_version").asInt(-1) != SCHEMA_VERSION
                || !o.path("host").isTextual()
                || o.path("host").asText().isBlank()) {
            bad.incrementAndGet();
            return;
        }
        o.put("received_at", received.toString());
        synchronized (hosts) {
            JsonNode had = hosts.get(o.path("host").asText());
            if (had == null || !time(o).isBefore(time(had))) {
                hosts.put(o.path("host").asText(), o);
            }
        }
    }

    /** When the document was received ({@code received_at}), else (a test's document) its own time. */
    private static Instant time(JsonNode doc) {
        try {
            return Instant.parse(
                    doc.has("received_at")
                            ? doc.path("received_at").asText()
                            : doc.path("generated_at").asText());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** What a demo's documents are named by: no host name holds an {@code @}, so none is taken for a host's. */
    static final String DEMO = "demo@";

    /** The name {@code nethergaze demo} on {@code host} publishes under: {@code demo@HOST}. */
    static String demoHost(String host) {
        return DEMO + host;
    }

    /** Whether a document is a demo's synthetic traffic ({@link #demoHost}), not a host's. */
    static boolean demo(JsonNode doc) {
        return doc.path("host").asText().startsWith(DEMO);
    }

    static void print(List<JsonNode> docs, Instant now, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%-20s %6s %7s %8s %7s %8s %7s  %s%n",
                "HOST",
                "AGE",
                "CONNS",
                "SYN_RECV",
                "REQ/MIN",
                "SSH FAIL",
                "FLAGGED",
                "WORST");
        for (JsonNode d : docs) {
            JsonNode t = d.path("totals");
            JsonNode w = worst(d);
            String worst = w == null
                    ? "-"
                    : w.path("severity").asText() + " " + w.path("rule").asText() + " "
                            + w.path("subject").asText();
            out.printf(
                    Locale.ROOT,
                    "%-20s %6s %7d %8d %7d %8d %7s  %s%n",
                    clip(d.path("host").asText(), 20),
                    age(time(d), now) + (now.minus(STALE).isAfter(time(d)) ? "!" : ""),
                    t.path("connections").asLong(),
                    t.path("connections_by_state").path("SYN_RECV").asLong(),
                    t.path("requests_per_min").asLong(),
                    t.path("auth_failures").asLong(),
                    flagged(d) + (d.path("fleet").has("flagged_ips") ? "" : "+"),
                    worst);
        }
        if (docs.stream().anyMatch(d -> !d.path("fleet").has("flagged_ips"))) {
            out.println("+ at least: an older nethergaze's document lists only some of its flagged IPs");
        }
        if (docs.stream().anyMatch(FleetCommand::demo)) {
            out.println(DEMO + "HOST: 'nethergaze demo' run on HOST, synthetic traffic, not that host's own");
        }
        if (docs.stream().anyMatch(d -> now.minus(STALE).isAfter(time(d)))) {
            out.println("! no document for over " + STALE.toSeconds() + " s: that host, or its nethergaze, has stopped"
                    + " publishing (its last state is shown)");
        }
    }

    /**
     * The host's number of flagged IPs, as it counted them ({@code fleet.flagged_ips}); from an older
     * nethergaze's document, which has no such count, those its {@code ips[]} lists (at least that many).
     */
    static long flagged(JsonNode d) {
        JsonNode n = d.path("fleet").path("flagged_ips");
        return n.canConvertToLong() ? n.asLong() : d.path("ips").size();
    }

    /**
     * The most severe current finding of a host document: as the host found it ({@code fleet.worst},
     * over all its IPs); from an older document, the worst on the IPs it lists or host-wide; or null.
     */
    static JsonNode worst(JsonNode d) {
        if (d.path("fleet").has("worst")) {
            JsonNode w = d.path("fleet").get("worst");
            return w.isObject() ? w : null;
        }
        JsonNode best = null;
        List<JsonNode> all = new ArrayList<>();
        d.path("findings").forEach(all::add);
        for (JsonNode ip : d.path("ips")) {
            ip.path("findings").forEach(all::add);
        }
        for (JsonNode f : all) {
            if (best == null || rank(f) > rank(best)) {
                best = f;
            }
        }
        return best;
    }

    private static int worstRank(JsonNode d) {
        JsonNode w = worst(d);
        return w == null ? 0 : rank(w);
    }

    private static int rank(JsonNode finding) {
        return SEVERITIES.indexOf(finding.path("severity").asText()) + 1;
    }

    private static String age(Instant time, Instant now) {
        if (time.equals(Instant.EPOCH)) {
            return "?";
        }
        long s = Duration.between(time, now).toSeconds();
        return s < 120 ? Math.max(0, s) + "s" : s < 7200 ? (s / 60) + "m" : (s / 3600) + "h";
    }

    private static String clip(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "…";
    }
}
