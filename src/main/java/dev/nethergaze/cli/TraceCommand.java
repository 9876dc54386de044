package dev.nethergaze.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.enrich.geo.GeoLookup;
import dev.nethergaze.export.EnrichmentJson;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.trace.RouteTracer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nethergaze trace IP}: the path to an address, hop by hop, with each hop's round trips and,
 * from the local databases, its network (AS) and country; the net-gazer seed's traceroute. UDP probes
 * (or ICMP echo requests on the kernel's unprivileged ICMP sockets) read back through the socket's
 * error queue, so it needs no root.
 */
@Command(
        name = "trace",
        description = "Trace the route to an address (UDP probes, like tracepath, or ICMP echo with --icmp;"
                + " no root needed): each hop's address, round trips, AS and country from the local databases.",
        mixinStandardHelpOptions = true)
final class TraceCommand implements Callable<Integer> {

    /** The version of the {@code --json} document. */
    static final int SCHEMA_VERSION = 1;

    @Parameters(paramLabel = "IP", description = "The IPv4 or IPv6 address to trace.")
    String address;

    @Option(names = "--max-hops", paramLabel = "N", description = "Highest hop tried (1..255; default 30).")
    int maxHops = 30;

    @Option(names = "--probes", paramLabel = "N", description = "Probes per hop (1..10; default 3).")
    int probes = 3;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            description = "How long each wave of probes waits for answers (0.1..10; default 1).")
    double waitSeconds = 1;

    @Option(
            names = "--icmp",
            description = "ICMP echo requests instead of UDP (like traceroute -I; they pass where UDP to high"
                    + " ports is dropped). Needs the user's group in net.ipv4.ping_group_range, not root.")
    boolean icmp;

    @Mixin
    LookupOptions options = new LookupOptions();

    /** One hop with what the local databases and, when on, reverse DNS say of its first address. */
    record Row(RouteTracer.Hop hop, GeoInfo geo, String name) {}

    @Override
    public Integer call() throws IOException {
        IpKey target = LookupCommand.parse(List.of(address)).getFirst();
        if (maxHops < 1 || maxHops > 255) {
            throw new UserException("--max-hops: must be 1..255, got " + maxHops);
        }
        if (probes < 1 || probes > 10) {
            throw new UserException("--probes: must be 1..10, got " + probes);
        }
        if (!(waitSeconds >= 0.1 && waitSeconds <= 10)) {
            throw new UserException("--wait: must be 0.1..10 seconds, got " + waitSeconds);
        }
        String group = group(target);
        if (group != null) {
            throw new UserException("trace: " + target + " is a " + group
                    + " address: many hosts, no one route to trace (nothing was sent)");
        }
        if (linkLocal(target)) { // the kernel needs its interface to send to it: every probe went nowhere
            throw new UserException("trace: " + target + " is a link-local address (fe80::/10): it names no"
                    + " link of its own and is never routed past one, so there is no route to trace (nothing was"
                    + " sent; ping -6 " + target + "%IFACE reaches a neighbour)");
        }
        EnrichOptions enrich = options.enrichOptions();
        if (enrich.offline()) {
            throw new UserException("trace: not under --offline: its probes go to " + target
                    + " itself and to every router on the way (no outbound connection was promised)");
        }
        RouteTracer.Route route;
        try {
            route = new RouteTracer(
                            maxHops,
                            probes,
                            Duration.ofMillis(Math.round(waitSeconds * 1000)),
                            icmp ? RouteTracer.Probe.ICMP : RouteTracer.Probe.UDP)
                    .trace(target);
        } catch (IOException e) {
            System.err.println("nethergaze: trace: " + e.getMessage());
            return 1;
        }
        List<Row> rows = rows(route, enrich);
        if (options.json) {
            json(route, rows, System.out);
        } else {
            PrintWriter out = Output.text();
            lines(route, rows).forEach(out::println);
            out.flush();
        }
        return route.reached() ? 0 : 1;
    }

    /** An IPv6 link-local address (fe80::/10): one of some link's, which the address alone does not name. */
    static boolean linkLocal(IpKey target) {
        byte[] b = target.toBytes();
        return !target.isV4() && b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0x80;
    }

    /** "broadcast" or "multicast" for an address that names many hosts (no route leads to it), else null. */
    static String group(IpKey target) {
        if (target.isV4() && target.v4() == -1) {
            return "broadcast";
        }
        byte[] b = target.toBytes();
        boolean multicast = target.isV4() ? (b[0] & 0xf0) == 0xe0 : b[0] == (byte) 0xff;
        return multicast ? "multicast" : null;
    }

    /**
     * The hops with what the local geo databases say of each one's (public) first address and, when
     * reverse DNS is on ({@code whois.rdns}, not {@code --offline}), its PTR name: all hops looked up
     * at once, all within {@link PtrNames#WAIT}.
     */
    static List<Row> rows(RouteTracer.Route route, EnrichOptions enrich) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<IpKey> firsts = new ArrayList<>();
        for (RouteTracer.Hop h : route.hops()) {
            if (!h.addresses().isEmpty()) {
                firsts.add(h.addresses().getFirst());
            }
        }
        Map<IpKey, String> names = PtrNames.lookUp(firsts, enrich);
        try (GeoLookup geo = enrich.geoip() ? GeoLookup.open(enrich.geo(), 256, Wiring::problem) : null) {
            for (RouteTracer.Hop h : route.hops()) {
                IpKey first = h.addresses().isEmpty() ? null : h.addresses().getFirst();
                GeoInfo g = geo == null || first == null || first.isNonPublic()
                        ? null
                        : geo.lookup(first).orElse(null);
                rows.add(new Row(h, g, first == null ? null : names.get(first)));
            }
        }
        return rows;
    }

    /** The route as text: a header, a line per hop, how it ended. */
    static List<String> lines(RouteTracer.Route r, List<Row> rows) {
        List<String> out = new ArrayList<>();
        out.add("trace to " + r.target() + ": " + hops(r.maxHops()) + " at most, " + r.probes() + " "
                + (r.probe() == RouteTracer.Probe.ICMP ? "ICMP echo" : "UDP") + (r.probes() == 1 ? " probe" : " probes")
                + " per hop");
        for (Row row : rows) {
            RouteTracer.Hop h = row.hop();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%3d  ", h.ttl()));
            if (h.addresses().isEmpty()) {
                out.add(line.append('*').toString());
                continue;
            }
            line.append(String.format(
                    Locale.ROOT,
                    "%-39s",
                    h.addresses().getFirst() + (row.name() == null ? "" : " (" + row.name() + ")")));
            for (double ms : h.rttMs()) {
                line.append(String.format(Locale.ROOT, " %8.3f ms", ms));
            }
            for (int lost = h.rttMs().size(); lost < h.sent(); lost++) {
                line.append("        *   ");
            }
            String where = where(row.geo());
            if (!where.isEmpty()) {
                line.append("  ").append(where);
            }
            if (!h.end().isEmpty()) {
                line.append("  ").append(h.end().equals("reached") ? "reached" : "!" + h.end());
            }
            out.add(line.toString().stripTrailing());
            for (IpKey other : h.addresses().subList(1, h.addresses().size())) {
                out.add("     also " + other + " (another path)");
            }
        }
        out.add(summary(r));
        return out;
    }

    /** "reached X in N hops", or where and why it was not. */
    static String summary(RouteTracer.Route r) {
        RouteTracer.Hop last = r.hops().isEmpty() ? null : r.hops().getLast();
        if (r.reached()) {
            return "reached " + r.target() + " in " + hops(r.hops().size());
        }
        if (last != null && !last.end().isEmpty()) {
            return "not reached: " + last.end() + " at hop " + last.ttl() + " ("
                    + last.addresses().getFirst() + ")";
        }
        return "not reached within " + hops(r.maxHops());
    }

    private static String hops(int n) {
        return n + (n == 1 ? " hop" : " hops");
    }

    /** "AS64500 Example Net, DE", or what of it is known. */
    private static String where(GeoInfo g) {
        if (g == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (g.network() != null) {
            parts.add(g.network());
        }
        if (g.country() != null) {
            parts.add(g.country());
        }
        return String.join(", ", parts);
    }

    static void json(RouteTracer.Route r, List<Row> rows, PrintStream out) throws IOException {
        try (JsonGenerator g = JsonFactory.builder().build().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartObject();
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            g.writeStringField("target", r.target().toString());
            g.writeBooleanField("reached", r.reached());
            g.writeNumberField("max_hops", r.maxHops());
            g.writeNumberField("probes", r.probes());
            g.writeStringField("probe", r.probe().name().toLowerCase(Locale.ROOT));
            g.writeArrayFieldStart("hops");
            for (Row row : rows) {
                RouteTracer.Hop h = row.hop();
                g.writeStartObject();
                g.writeNumberField("ttl", h.ttl());
                g.writeArrayFieldStart("addresses");
                for (IpKey a : h.addresses()) {
                    g.writeString(a.toString());
                }
                g.writeEndArray();
                g.writeArrayFieldStart("rtt_ms");
                for (double ms : h.rttMs()) {
                    g.writeNumber(Math.round(ms * 1000) / 1000.0);
                }
                g.writeEndArray();
                g.writeNumberField("sent", h.sent());
                if (row.name() == null) {
                    g.writeNullField("name");
                } else {
                    g.writeStringField("name", row.name());
                }
                if (h.end().isEmpty()) {
                    g.writeNullField("end");
                } else {
                    g.writeStringField("end", h.end());
                }
                EnrichmentJson.writeGeo(g, row.geo());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
        out.flush();
    }
}
