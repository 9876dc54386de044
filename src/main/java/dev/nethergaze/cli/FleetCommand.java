package dev.nethergaze.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nethergaze.fleet.FleetPublisher;
import dev.nethergaze.fleet.NatsConnection;
import java.io.IOException;
import java.io.PrintStream;
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
    private static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");

    @Option(
            names = "--nats",
            required = true,
            paramLabel = "URL",
            description = "nats://[user:pass@|token@]host[:port], or tls://...[?ca=PEM]")
    String nats;

    @Option(names = "--wait", paramLabel = "S", description = "Seconds to listen (default 6: hosts publish every 5 s).")
    double wait = 6;

    @Option(names = "--json", description = "{schema_version, hosts: [the latest snapshot document of each host]}.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        if (!(wait > 0 && wait <= 3600)) {
            throw new UserException("--wait must be between 0 and 3600 seconds, got " + wait);
        }
        FleetOptions.checked(nats);
        Map<String, JsonNode> hosts = new TreeMap<>();
        AtomicLong bad = new AtomicLong();
        try (NatsConnection c = NatsConnection.connect(nats, "nethergaze fleet", Duration.ofSeconds(5))) {
            c.subscribe(FleetPublisher.PREFIX + ".*.snapshot", (subject, payload) -> {
                try {
                    JsonNode doc = JSON.readTree(payload);
                    synchronized (hosts) {
                        hosts.put(subject, doc);
                    }
                } catch (IOException e) {
                    bad.incrementAndGet();
                }
            });
            Thread.sleep(Duration.ofMillis((long) (wait * 1000)));
            if (c.closed() != null) {
                throw new UserException("nats: connection lost while listening: " + c.closed());
            }
        } catch (IOException e) {
            throw new UserException(
                    "nats: cannot reach " + NatsConnection.parse(nats).getHost() + ": " + e.getMessage());
        }
        List<JsonNode> docs;
        synchronized (hosts) {
            docs = new ArrayList<>(hosts.values());
        }
        docs.sort(Comparator.comparingInt(FleetCommand::worstRank)
                .reversed()
                .thenComparing(
                        Comparator.comparingInt((JsonNode d) -> d.path("ips").size())
                                .reversed())
                .thenComparing(d -> d.path("host").asText()));
        if (json) {
            ObjectNode out = JSON.createObjectNode().put("schema_version", 1);
            ArrayNode arr = out.putArray("hosts");
            docs.forEach(arr::add);
            System.out.println(out);
        } else {
            print(docs, Instant.now(), System.out);
        }
        if (bad.get() > 0) {
            System.err.println("nethergaze: fleet: " + bad.get() + " message(s) were not snapshot JSON (skipped)");
        }
        if (docs.isEmpty()) {
            System.err.println("nethergaze: fleet: no host published in " + wait + " s (run serve, watch or console"
                    + " with --nats " + nats + ")");
            return 1;
        }
        return 0;
    }

    static void print(List<JsonNode> docs, Instant now, PrintStream out) {
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
                    "%-20s %6s %7d %8d %7d %8d %7d  %s%n",
                    clip(d.path("host").asText(), 20),
                    age(d.path("generated_at").asText(), now),
                    t.path("connections").asLong(),
                    t.path("connections_by_state").path("SYN_RECV").asLong(),
                    t.path("requests_per_min").asLong(),
                    t.path("auth_failures").asLong(),
                    d.path("ips").size(),
                    worst);
        }
    }

    /** The most severe current finding of a host document (on its IPs or host-wide), or null. */
    static JsonNode worst(JsonNode d) {
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

    private static String age(String time, Instant now) {
        try {
            long s = Duration.between(Instant.parse(time), now).toSeconds();
            return s < 120 ? Math.max(0, s) + "s" : s < 7200 ? (s / 60) + "m" : (s / 3600) + "h";
        } catch (DateTimeParseException e) {
            return "?";
        }
    }

    private static String clip(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "…";
    }
}
