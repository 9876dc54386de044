package dev.nethergaze.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.nethergaze.model.HistoryInfo;
import dev.nethergaze.model.Plural;
import dev.nethergaze.store.HostEpisode;
import dev.nethergaze.store.IpRecord;
import dev.nethergaze.store.IpSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Text, JSON and CSV renderings of {@code history} answers. */
final class HistoryOutput {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String CSV_HEAD =
            "ip,sessions,first_seen,last_seen,requests,auth_failures,flagged,country,as_org";

    private HistoryOutput() {}

    /** {@code history IP}: JSON is the {@code ips[].history} object plus the IP and its record. */
    static void ip(HistoryFileOptions o, String ip, HistoryInfo info, Optional<IpRecord> rec) throws IOException {
        PrintWriter out = o.out();
        if (o.json) {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartObject();
                g.writeStringField("ip", ip);
                g.writeNumberField("sessions", info.sessions());
                g.writeStringField("first_seen_ever", str(info.firstSeenEver()));
                g.writeNumberField("requests_total", info.requestsTotal());
                g.writeNumberField("flagged_total", info.flaggedTotal());
                if (rec.isPresent()) {
                    record(g, rec.get());
                }
                g.writeEndObject();
            }
            out.println();
            return;
        }
        if (o.csv) {
            out.println("ip,sessions,first_seen_ever,requests_total,flagged_total");
            out.println(String.join(
                    ",",
                    csv(ip),
                    Long.toString(info.sessions()),
                    csv(str(info.firstSeenEver())),
                    Long.toString(info.requestsTotal()),
                    Long.toString(info.flaggedTotal())));
            return;
        }
        if (rec.isEmpty()) {
            out.println(ip + ": never seen");
            return;
        }
        IpRecord r = rec.get();
        out.printf(
                "%s  seen in %s, first %s, last %s%n",
                ip, Plural.of(r.sessions(), "session"), r.firstSeen(), r.lastSeen());
        out.printf(
                "  requests %d  bytes %d  auth failures %d  SYN_RECV seconds %d  peak connections %d  flagged %d%n",
                r.requests(), r.bytes(), r.authFailures(), r.synRecv(), r.peakConns(), r.flagged());
        if (!r.rules().isEmpty()) {
            out.println("  rules " + rules(r.rules()));
        }
        out.printf(
                "  country %s  %s  org %s%n",
                dash(r.country()),
                r.asn() == null && r.asOrg() == null ? "AS -" : "AS" + dash(r.asn()) + " " + dash(r.asOrg()),
                dash(r.org()));
        if (!r.lastPaths().isEmpty()) {
            out.println("  last paths " + oneLine(String.join("  ", r.lastPaths())));
        }
        if (r.lastAction() != null) {
            out.printf("  last %s at %s: %s%n", r.lastAction(), r.lastActionAt(), dash(r.lastActionReason()));
        }
        for (IpRecord.IpSession s : r.recent()) {
            out.printf(
                    "  session %d on %s (%s): %s .. %s  requests %d  auth failures %d  flagged %d%n",
                    s.session(),
                    dash(s.host()),
                    dash(s.version()),
                    s.firstSeen(),
                    s.lastSeen(),
                    s.requests(),
                    s.authFailures(),
                    s.flagged());
        }
    }

    /** Times flagged per rule, the most first: "ssh_brute_force 3x, scanner_agent 1x". */
    static String rules(Map<String, Long> rules) {
        return rules.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + e.getValue() + "x")
                .collect(Collectors.joining(", "));
    }

    /** What the text of {@code history IP} shows, as JSON fields (null when unknown). */
    private static void record(JsonGenerator g, IpRecord r) throws IOException {
        g.writeStringField("last_seen", str(r.lastSeen()));
        g.writeNumberField("bytes_total", r.bytes());
        g.writeNumberField("auth_failures_total", r.authFailures());
        g.writeNumberField("syn_recv_seconds", r.synRecv());
        g.writeNumberField("peak_connections", r.peakConns());
        g.writeStringField("country", r.country());
        if (r.asn() == null) {
            g.writeNullField("asn");
        } else {
            g.writeNumberField("asn", r.asn());
        }
        g.writeStringField("as_org", r.asOrg());
        g.writeStringField("org", r.org());
        g.writeObjectFieldStart("rules");
        for (var e : new java.util.TreeMap<>(r.rules()).entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("last_paths");
        for (String p : r.lastPaths()) {
            g.writeString(p);
        }
        g.writeEndArray();
        if (r.lastAction() == null) {
            g.writeNullField("last_action");
        } else {
            g.writeObjectFieldStart("last_action");
            g.writeStringField("action", r.lastAction());
            g.writeStringField("at", str(r.lastActionAt()));
            g.writeStringField("reason", r.lastActionReason());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("recent_sessions");
        for (IpRecord.IpSession s : r.recent()) {
            g.writeStartObject();
            g.writeNumberField("session", s.session());
            g.writeStringField("host", s.host());
            g.writeStringField("version", s.version());
            g.writeStringField("first_seen", str(s.firstSeen()));
            g.writeStringField("last_seen", str(s.lastSeen()));
            g.writeNumberField("requests", s.requests());
            g.writeNumberField("bytes", s.bytes());
            g.writeNumberField("auth_failures", s.authFailures());
            g.writeNumberField("flagged", s.flagged());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** {@code history top} and {@code history recurring}; {@code none} says, in text, why nothing matched. */
    static void rows(HistoryFileOptions o, List<IpSummary> rows, String none) throws IOException {
        PrintWriter out = o.out();
        if (o.json) {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartArray();
                for (IpSummary r : rows) {
                    g.writeStartObject();
                    g.writeStringField("ip", r.ip());
                    g.writeNumberField("sessions", r.sessions());
                    g.writeStringField("first_seen", str(r.firstSeen()));
                    g.writeStringField("last_seen", str(r.lastSeen()));
                    g.writeNumberField("requests", r.requests());
                    g.writeNumberField("auth_failures", r.authFailures());
                    g.writeNumberField("flagged", r.flagged());
                    g.writeStringField("country", r.country());
                    g.writeStringField("as_org", r.asOrg());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            out.println();
            return;
        }
        if (o.csv) {
            out.println(CSV_HEAD);
            for (IpSummary r : rows) {
                out.println(String.join(
                        ",",
                        csv(r.ip()),
                        Long.toString(r.sessions()),
                        csv(str(r.firstSeen())),
                        csv(str(r.lastSeen())),
                        Long.toString(r.requests()),
                        Long.toString(r.authFailures()),
                        Long.toString(r.flagged()),
                        csv(r.country()),
                        csv(r.asOrg())));
            }
            return;
        }
        if (rows.isEmpty()) {
            out.println(none);
            return;
        }
        out.printf(
                "%-39s %8s %10s %8s %8s  %-2s %s%n", "IP", "SESSIONS", "REQUESTS", "AUTH", "FLAGGED", "CC", "AS ORG");
        for (IpSummary r : rows) {
            out.printf(
                    "%-39s %8d %10d %8d %8d  %-2s %s%n",
                    r.ip(),
                    r.sessions(),
                    r.requests(),
                    r.authFailures(),
                    r.flagged(),
                    dash(r.country()),
                    dash(r.asOrg()));
        }
    }

    /** Evidence lines shown per episode in text (JSON has them all). */
    private static final int EVIDENCE_SHOWN = 3;

    /**
     * {@code history host}: the host-wide findings that ended, most recent first; text gives each its
     * line (when it ended, how long it lasted, severity, rule, peak, host), reason and first evidence.
     */
    static void hostEpisodes(HistoryFileOptions o, List<HostEpisode> rows, String none) throws IOException {
        PrintWriter out = o.out();
        if (o.json) {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.writeStartArray();
                for (HostEpisode e : rows) {
                    g.writeStartObject();
                    g.writeStringField("host", e.host());
                    g.writeNumberField("session", e.session());
                    g.writeNumberField("sessions", e.sessions());
                    g.writeStringField("rule", e.rule());
                    g.writeStringField("subject", e.subject());
                    g.writeStringField("severity", e.severity());
                    g.writeStringField("since", str(e.since()));
                    g.writeStringField("ended", str(e.ended()));
                    g.writeNumberField("observed", e.observed());
                    g.writeNumberField("threshold", e.threshold());
                    g.writeStringField("reason", e.reason());
                    g.writeArrayFieldStart("evidence");
                    for (String line : e.evidence()) {
                        g.writeString(line);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            out.println();
            return;
        }
        if (o.csv) {
            out.println("ended,since,host,severity,rule,subject,observed,threshold,reason,evidence,sessions");
            for (HostEpisode e : rows) {
                out.println(String.join(
                        ",",
                        str(e.ended()),
                        str(e.since()),
                        csv(e.host()),
                        e.severity(),
                        csv(e.rule()),
                        csv(e.subject()),
                        number(e.observed()),
                        number(e.threshold()),
                        csv(e.reason()),
                        csv(String.join(" | ", e.evidence())), // one row per line; JSON has them apart
                        Integer.toString(e.sessions())));
            }
            return;
        }
        if (rows.isEmpty()) {
            out.println(none);
            return;
        }
        for (HostEpisode e : rows) {
            out.printf(
                    "%s  lasted %s  %s %s  peak %s  on %s%s%n",
                    str(e.ended()),
                    dev.nethergaze.ui.tui.draw.Text.duration(
                            java.time.Duration.between(e.since(), e.ended()).toSeconds()),
                    e.severity().toUpperCase(java.util.Locale.ROOT),
                    oneLine(e.rule()),
                    number(e.observed()),
                    e.host().isEmpty() ? "-" : oneLine(e.host()),
                    e.sessions() > 1 ? " (seen by " + e.sessions() + " sessions)" : "");
            out.println("  " + oneLine(e.reason()));
            e.evidence().stream().limit(EVIDENCE_SHOWN).forEach(line -> out.println("    " + oneLine(line)));
            if (e.evidence().size() > EVIDENCE_SHOWN) {
                out.println("    … " + (e.evidence().size() - EVIDENCE_SHOWN) + " more (--json has them all)");
            }
        }
    }

    /** A count as a whole number when it is one. */
    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    /** A value for a text line: "-" when unknown, a line break in it shown as \n (the row stays one line). */
    private static String dash(Object o) {
        return o == null ? "-" : oneLine(o.toString());
    }

    static String oneLine(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    /**
     * A text field of a CSV row. The values come from registries, AS names and logs (an attacker
     * can choose them), so one a spreadsheet would take for a formula (starting with =, +, -, @, a
     * tab or a carriage return) gets a leading ' inside the quotes (OWASP's advice for CSV
     * injection). Numeric columns are written as numbers, not through here.
     */
    static String csv(String s) {
        if (s == null) {
            return "";
        }
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            return "\"'" + s.replace("\"", "\"\"") + "\"";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\""
                : s;
    }
}
