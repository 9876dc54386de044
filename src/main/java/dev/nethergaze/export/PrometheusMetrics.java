package dev.nethergaze.export;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.InterfaceRates;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.model.SynCounters;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.Totals;
import dev.nethergaze.model.WireSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Snapshot} in the Prometheus text exposition format (version 0.0.4). Host-wide figures
 * only: no label carries an IP address, so the series count stays bounded however many addresses
 * the host sees (rule ids, severities, TCP states and configured sources are small fixed sets).
 * Per-IP detail is what {@code /api/snapshot} and the console are for. A packet capture's per-IP
 * rates and handshake times are given as counts of IPs in fixed buckets and the busiest IP's rate,
 * not as a series per IP (nor per top-N IP, whose addresses change with every scan and flood, each
 * change a new series in the scraper's database).
 */
public final class PrometheusMetrics {

    /** The Content-Type of what {@link #write} produces. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusMetrics() {}

    public static String write(Snapshot s) {
        StringBuilder b = new StringBuilder(4096);
        Totals t = s.totals();
        gauge(b, "nethergaze_snapshot_timestamp_seconds", "Engine time of the snapshot (event time in a replay).");
        sample(b, "nethergaze_snapshot_timestamp_seconds", "", s.generatedAt().toEpochMilli() / 1000.0);

        gauge(
                b,
                "nethergaze_connections",
                "TCP connections in the kernel table by state (remotes hidden from ips[] included; listening"
                        + " sockets are not connections: no LISTEN series, as totals.connections_by_state).");
        for (TcpState st : TcpState.values()) {
            if (st == TcpState.LISTEN) {
                continue; // a series that was always 0 while the host listened: a wrong number
            }
            sample(
                    b,
                    "nethergaze_connections",
                    label("state", st.name()),
                    t.byState().getOrDefault(st, 0));
        }
        one(
                b,
                "gauge",
                "nethergaze_connections_hidden",
                "Connections whose remote is hidden (private or loopback unless shown).",
                t.hiddenConnections());
        one(b, "gauge", "nethergaze_ips_tracked", "Remote IPs the engine tracks.", t.ipsTracked());
        one(b, "gauge", "nethergaze_ips_shown", "Remote IPs in the snapshot.", t.ipsShown());
        one(
                b,
                "counter",
                "nethergaze_ips_evicted_total",
                "IPs dropped at the tracking cap (limits.max_ips).",
                t.evictedIps());

        one(b, "counter", "nethergaze_http_requests_total", "Access-log requests applied since start.", t.requests());
        one(
                b,
                "gauge",
                "nethergaze_http_requests_per_minute",
                "Requests in the last minute, all IPs.",
                t.requestsPerMin());
        one(b, "counter", "nethergaze_http_response_bytes_total", "Response bytes logged since start.", t.bytes());
        one(b, "counter", "nethergaze_ssh_auth_failures_total", "Failed SSH logins since start.", t.authFailures());

        Map<Severity, Integer> worst = new TreeMap<>();
        Map<Severity, Integer> open = new TreeMap<>();
        int blocked = 0;
        List<Finding> onIps = new ArrayList<>();
        for (IpView v : s.ips()) {
            Severity w = null;
            for (Finding f : v.findings()) {
                onIps.add(f);
                w = w == null || f.severity().compareTo(w) > 0 ? f.severity() : w;
            }
            boolean held = v.blocked().stream().anyMatch(dev.nethergaze.model.Block::whole);
            if (w != null) {
                worst.merge(w, 1, Integer::sum);
                if (!held) {
                    open.merge(w, 1, Integer::sum);
                }
            }
            blocked += v.blocked().isEmpty() ? 0 : 1;
        }
        gauge(b, "nethergaze_flagged_ips", "IPs a rule flags now, by the severity of their worst finding.");
        for (Severity sev : Severity.values()) {
            sample(b, "nethergaze_flagged_ips", label("severity", sev.json()), worst.getOrDefault(sev, 0));
        }
        gauge(
                b,
                "nethergaze_flagged_ips_unblocked",
                "Flagged IPs no firewall rule drops every packet of (what is left to do), by worst severity.");
        for (Severity sev : Severity.values()) {
            sample(b, "nethergaze_flagged_ips_unblocked", label("severity", sev.json()), open.getOrDefault(sev, 0));
        }
        one(
                b,
                "gauge",
                "nethergaze_blocked_ips",
                "IPs in the snapshot a firewall rule drops or rejects (some of), as last read.",
                blocked);
        findings(b, "nethergaze_findings", "Findings firing now on IPs in the snapshot, by rule and severity.", onIps);
        findings(
                b,
                "nethergaze_host_findings",
                "Host-wide and per-prefix findings firing now, by rule and severity.",
                s.findings());

        SynCounters syn = t.syn();
        if (syn != null) {
            counter(b, "nethergaze_tcp_syncookies_sent_total", "TcpExt SyncookiesSent since boot.");
            sample(
                    b,
                    "nethergaze_tcp_syncookies_sent_total",
                    "",
                    syn.sinceBoot().syncookiesSent());
            one(
                    b,
                    "counter",
                    "nethergaze_tcp_listen_drops_total",
                    "TcpExt ListenDrops since boot.",
                    syn.sinceBoot().listenDrops());
            counter(b, "nethergaze_tcp_listen_overflows_total", "TcpExt ListenOverflows since boot.");
            sample(
                    b,
                    "nethergaze_tcp_listen_overflows_total",
                    "",
                    syn.sinceBoot().listenOverflows());
        }

        interfaces(b, t.interfaces());
        wire(b, s.ips());

        gauge(
                b,
                "nethergaze_source_up",
                "1 when the source works (ok, done, or behind: reading, if late), 0 when it is missing, denied or"
                        + " failing.");
        for (SourceHealth h : s.sources()) {
            boolean up = h.status() == SourceStatus.OK
                    || h.status() == SourceStatus.DONE
                    || h.status() == SourceStatus.BEHIND; // working, if late
            sample(b, "nethergaze_source_up", sourceLabels(h), up ? 1 : 0);
        }
        counter(b, "nethergaze_source_lines_total", "Lines (or records) the source read.");
        for (SourceHealth h : s.sources()) {
            sample(b, "nethergaze_source_lines_total", sourceLabels(h), h.lines());
        }
        counter(
                b,
                "nethergaze_source_malformed_lines_total",
                "Lines the source could not parse (counted and skipped).");
        for (SourceHealth h : s.sources()) {
            sample(b, "nethergaze_source_malformed_lines_total", sourceLabels(h), h.malformed());
        }
        return b.toString();
    }

    /** One series per rule and severity, counting {@code findings}. */
    private static void findings(StringBuilder b, String name, String help, List<Finding> findings) {
        gauge(b, name, help);
        Map<String, Integer> n = new TreeMap<>();
        for (Finding f : findings) {
            n.merge(
                    label("rule", f.rule()) + ","
                            + label("severity", f.severity().json()),
                    1,
                    Integer::sum);
        }
        n.forEach((labels, count) -> sample(b, name, labels, count));
    }

    /** Upper bounds of the per-IP packet rate buckets (packets per second, 10 s average). */
    private static final double[] PPS_BUCKETS = {1, 10, 100, 1_000, 10_000};
    /** Upper bounds of the per-IP handshake time buckets (milliseconds, each IP's median). */
    private static final double[] RTT_BUCKETS = {1, 5, 10, 50, 100, 500, 1_000};

    /**
     * A packet capture's per-IP figures, bounded: how many IPs it saw, how many at or under each
     * packet rate and handshake time (cumulative, as a histogram's buckets), and the busiest IP's
     * rate. Nothing without a capture; no rate series while the capture counts nothing (rates
     * unknown: an absent sample, not a 0).
     */
    private static void wire(StringBuilder b, List<IpView> ips) {
        List<WireSummary> wires = new ArrayList<>();
        for (IpView v : ips) {
            if (v.wire() != null) {
                wires.add(v.wire());
            }
        }
        if (wires.isEmpty()) {
            return;
        }
        one(b, "gauge", "nethergaze_wire_ips", "IPs in the snapshot the packet capture saw.", wires.size());
        List<WireSummary> rated =
                wires.stream().filter(w -> !Double.isNaN(w.pps10s())).toList();
        if (!rated.isEmpty()) {
            buckets(
                    b,
                    "nethergaze_wire_ips_by_pps",
                    "IPs whose packet rate (sent and received, last 10 s) is at most le packets per second.",
                    PPS_BUCKETS,
                    rated.stream().mapToDouble(WireSummary::pps10s).toArray());
            gauge(b, "nethergaze_wire_ip_pps_max", "The busiest IP's packet rate (sent and received, last 10 s).");
            sample(
                    b,
                    "nethergaze_wire_ip_pps_max",
                    "",
                    rated.stream().mapToDouble(WireSummary::pps10s).max().orElse(0));
        }
        buckets(
                b,
                "nethergaze_wire_ips_by_handshake_rtt_ms",
                "IPs whose median time to answer a TCP handshake step is at most le milliseconds (IPs with one).",
                RTT_BUCKETS,
                wires.stream()
                        .mapToDouble(WireSummary::handshakeRttMsP50)
                        .filter(ms -> !Double.isNaN(ms))
                        .toArray());
    }

    /** Cumulative counts of {@code values} at or under each bound, then all of them under {@code +Inf}. */
    private static void buckets(StringBuilder b, String name, String help, double[] bounds, double[] values) {
        gauge(b, name, help);
        for (double le : bounds) {
            long n = java.util.Arrays.stream(values).filter(v -> v <= le).count();
            sample(b, name, label("le", Double.toString(le)), n);
        }
        sample(b, name, label("le", "+Inf"), values.length);
    }

    /** Since-boot counters of the busiest interfaces (at most 16: the series stay bounded). */
    private static void interfaces(StringBuilder b, List<InterfaceRates> interfaces) {
        if (interfaces.isEmpty()) {
            return;
        }
        record Counter(String name, String help, java.util.function.ToLongFunction<InterfaceRates> value) {}
        for (Counter c : List.of(
                new Counter(
                        "nethergaze_interface_receive_bytes_total",
                        "Bytes received (/proc/net/dev).",
                        InterfaceRates::rxBytes),
                new Counter("nethergaze_interface_transmit_bytes_total", "Bytes sent.", InterfaceRates::txBytes),
                new Counter(
                        "nethergaze_interface_receive_drops_total",
                        "Received packets dropped.",
                        InterfaceRates::rxDrops),
                new Counter("nethergaze_interface_receive_errors_total", "Receive errors.", InterfaceRates::rxErrors),
                new Counter(
                        "nethergaze_interface_transmit_drops_total",
                        "Packets dropped on sending.",
                        InterfaceRates::txDrops),
                new Counter(
                        "nethergaze_interface_transmit_errors_total", "Transmit errors.", InterfaceRates::txErrors))) {
            counter(b, c.name(), c.help());
            for (InterfaceRates i : interfaces) {
                sample(b, c.name(), label("interface", i.name()), c.value().applyAsLong(i));
            }
        }
    }

    private static String sourceLabels(SourceHealth h) {
        return label("source", h.name()) + "," + label("kind", h.kind());
    }

    /** A metric with one unlabelled sample. */
    private static void one(StringBuilder b, String type, String name, String help, long value) {
        header(b, name, help, type);
        sample(b, name, "", value);
    }

    private static void gauge(StringBuilder b, String name, String help) {
        header(b, name, help, "gauge");
    }

    private static void counter(StringBuilder b, String name, String help) {
        header(b, name, help, "counter");
    }

    private static void header(StringBuilder b, String name, String help, String type) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, long value) {
        series(b, name, labels).append(value).append('\n');
    }

    private static void sample(StringBuilder b, String name, String labels, double value) {
        series(b, name, labels)
                .append(String.format(Locale.ROOT, "%.3f", value))
                .append('\n');
    }

    private static StringBuilder series(StringBuilder b, String name, String labels) {
        b.append(name);
        if (!labels.isEmpty()) {
            b.append('{').append(labels).append('}');
        }
        return b.append(' ');
    }

    /** {@code name="value"} with the value escaped as the format requires (backslash, quote, newline). */
    static String label(String name, String value) {
        StringBuilder b = new StringBuilder(name.length() + value.length() + 3);
        b.append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
