package dev.nethergaze.ui.text;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.LoopbackProxyHint;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.model.TcpState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A compact plain-text frame of a snapshot (the console before the full-screen TUI, and a fallback
 * for dumb terminals): header, source health, totals, the most active IPs (marked {@code ●} when
 * flagged now, {@code ○} when every finding ended, as in the console), then why: the host's
 * findings and those of the flagged IPs, worst first whether or not their row fits in the table (as
 * many as it has rows, then how many more), each with its reason and first lines of evidence.
 */
public final class TextFrame {

    /** With the date: a replayed log's report is as of its last line, often another day. */
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private TextFrame() {}

    /**
     * What {@code evicted} drops of the least recently seen IP mean for the figures: the totals are
     * whole, an IP's own may be short.
     */
    public static String evictions(long evicted) {
        return "! more IPs than limits.max_ips: the least recently seen was dropped " + evicted
                + " times, and one seen again after that is counted from then on: per-IP figures may be"
                + " short (the totals are whole); --set limits.max_ips=N keeps more (about 2 KB each)";
    }

    public static String render(Snapshot s, int maxRows, int width) {
        StringBuilder b = new StringBuilder(4096);
        b.append("Nethergaze — ")
                .append(s.host())
                .append("  ")
                .append(s.generatedAt().equals(Instant.EPOCH) ? "(no events)" : WHEN.format(s.generatedAt()) + " UTC")
                .append('\n');
        sources(b, s.sources(), width);
        var t = s.totals();
        // a replay of logs alone has no kernel table: no empty connection figures or columns then
        boolean conns = t.connections() > 0
                || s.ips().stream().anyMatch(v -> v.connections().total() > 0);
        if (conns) {
            b.append(String.format(
                    Locale.ROOT,
                    "conns %d (established %d, SYN_RECV %d)  ",
                    t.connections(),
                    t.established(),
                    t.byState().getOrDefault(TcpState.SYN_RECV, 0)));
        }
        b.append(String.format(
                Locale.ROOT,
                "IPs %d  req/min %d  requests %d%s  bytes %s  ssh failures %d%n",
                t.ipsShown(),
                t.requestsPerMin(),
                t.requests(),
                t.hiddenRequests() > 0 ? " (" + t.hiddenRequests() + " of hidden private addresses)" : "",
                human(t.bytes()),
                t.authFailures()));
        if (t.evictedIps() > 0) {
            b.append(evictions(t.evictedIps())).append('\n');
        }
        b.append(
                conns
                        ? String.format(
                                Locale.ROOT,
                                "  %-39s %5s %-22s %-12s %7s %7s %5s  %s%n",
                                "IP",
                                "CONNS",
                                "STATES",
                                "SERVICES",
                                "REQS",
                                "REQ/MIN",
                                "AUTHF",
                                "LAST")
                        : String.format(
                                Locale.ROOT, "  %-39s %7s %7s %5s  %s%n", "IP", "REQS", "REQ/MIN", "AUTHF", "LAST"));
        if (s.ips().isEmpty() && !s.totals().hiddenRemotes().isEmpty()) { // an empty table, and why it may be
            b.append(clip(
                            "  (none shown: " + s.totals().hiddenRemotes() + "; "
                                    + LoopbackProxyHint.forHidden(s.sources()) + ")",
                            width))
                    .append('\n');
        }
        int n = 0;
        for (IpView v : s.ips()) {
            if (n++ >= maxRows) {
                b.append(String.format(Locale.ROOT, "… %d more%n", s.ips().size() - maxRows));
                break;
            }
            String line = conns
                    ? String.format(
                            Locale.ROOT,
                            "%s %-39s %5d %-22s %-12s %7d %7d %5d  %s",
                            marker(v),
                            v.ip(),
                            v.connections().total(),
                            states(v),
                            services(v),
                            v.requests(),
                            v.requestsPerMin(),
                            v.auth().failures(),
                            last(v))
                    : String.format(
                            Locale.ROOT,
                            "%s %-39s %7d %7d %5d  %s",
                            marker(v),
                            v.ip(),
                            v.requests(),
                            v.requestsPerMin(),
                            v.auth().failures(),
                            last(v));
            b.append(clip(line, width)).append('\n');
        }
        findings(b, s, maxRows, width);
        return b.toString();
    }

    /** Evidence lines shown per finding (the JSON report has them all). */
    private static final int EVIDENCE_SHOWN = 3;

    private static void findings(StringBuilder b, Snapshot s, int maxRows, int width) {
        // every flagged IP, not only those of the table's rows (a scanner with few requests ranks low),
        // the worst first as --suspicious orders them: past the cap, the one that got in is not left out
        List<IpView> flagged = Findings.suspicious(s.ips());
        if (s.findings().isEmpty() && s.earlierFindings().isEmpty() && flagged.isEmpty()) {
            return;
        }
        b.append("\nfindings:\n");
        // a finding about a prefix or the host is attached to every IP it covers: shown once
        Set<String> shown = new HashSet<>();
        for (Finding f : s.findings()) {
            shown.add(key(f));
            finding(
                    b,
                    f.subject().indexOf('/') >= 0 ? f.subject() : "host",
                    f,
                    null,
                    false,
                    width); // a prefix, or the host
        }
        for (PastFinding p : s.earlierFindings()) { // about the host, ended: each with its peak
            finding(b, "host", p.finding(), p.ended(), p.held(), width);
        }
        List<String> coveredOnly = new ArrayList<>();
        int listed = 0;
        for (IpView v : flagged) {
            if (listed++ == maxRows) {
                b.append(String.format(
                        Locale.ROOT,
                        "… %d more flagged IPs (--suspicious shows only flagged IPs; --json has every finding)%n",
                        flagged.size() - maxRows));
                break;
            }
            boolean own = false;
            for (Finding f : v.findings()) {
                if (shown.add(key(f))) {
                    finding(b, marker(v) + " " + v.ip(), f, null, false, width);
                    own = true;
                }
            }
            for (PastFinding p : v.earlierFindings()) {
                if (shown.add(key(p.finding()) + "\0" + p.ended())) {
                    finding(b, marker(v) + " " + v.ip(), p.finding(), p.ended(), p.held(), width);
                    own = true;
                }
            }
            if (!own) {
                coveredOnly.add(v.ip().toString());
            }
        }
        if (!coveredOnly.isEmpty()) {
            b.append(clip(
                            "also flagged by the findings above (" + coveredOnly.size() + "): "
                                    + String.join(", ", coveredOnly),
                            width))
                    .append('\n');
        }
    }

    private static String key(Finding f) {
        return f.rule() + "\0" + f.subject() + "\0" + f.reason();
    }

    /**
     * One finding: firing ({@code ended} null) since when; held (stopped within the hold, its episode
     * going on should it fire again) since when and below its threshold since when; else when it ended.
     */
    private static void finding(StringBuilder b, String who, Finding f, Instant ended, boolean held, int width) {
        String when = ended == null
                ? " since " + WHEN.format(f.since())
                : held
                        ? " since " + WHEN.format(f.since()) + ", below threshold since " + WHEN.format(ended)
                        : " ended " + WHEN.format(ended);
        String head = who + "  " + f.severity().name() + " " + f.rule() + when + ": " + f.reason();
        b.append(clip(head, width)).append('\n');
        f.evidence().stream()
                .limit(EVIDENCE_SHOWN)
                .forEach(e -> b.append(clip("      " + e, width)).append('\n'));
        if (f.evidence().size() > EVIDENCE_SHOWN) {
            b.append("      … ").append(f.evidence().size() - EVIDENCE_SHOWN).append(" more\n");
        }
    }

    /**
     * {@code ⊘} the firewall drops every packet of it, {@code ⊖} some (as the console marks them), else
     * {@code ●} flagged now (a finding fires, or is held over a short stop), {@code ○} every finding
     * ended, else a space.
     */
    static String marker(IpView v) {
        if (!v.blocked().isEmpty()) {
            return v.blocked().stream().anyMatch(dev.nethergaze.model.Block::whole) ? "⊘" : "⊖";
        }
        return Findings.open(v) > 0 ? "●" : !v.earlierFindings().isEmpty() ? "○" : " ";
    }

    /** {@code line} within {@code width}, ending in "…" where it was cut (a cut value is not a whole one). */
    private static String clip(String line, int width) {
        if (line.length() <= width) {
            return line;
        }
        int end = width - 1;
        if (end > 0 && Character.isHighSurrogate(line.charAt(end - 1))) {
            end--; // not half a character
        }
        return line.substring(0, Math.max(0, end)) + "…";
    }

    /** Up to this many sources too long for one line are each listed; more are summed up. */
    private static final int FEW_SOURCES = 3;

    /**
     * The sources on one line when it fits; else how many are fine and how much they read, then one
     * line for each with a problem or unparsed lines (a replay of many files, many logs followed), or
     * for each of a few.
     */
    private static void sources(StringBuilder b, List<SourceHealth> all, int width) {
        String line = "sources: " + all.stream().map(TextFrame::health).collect(Collectors.joining("  "));
        if (line.length() <= width) {
            b.append(line).append('\n');
            return;
        }
        List<SourceHealth> notable = new ArrayList<>();
        long lines = 0;
        int fineOnes = 0;
        for (SourceHealth h : all) {
            lines += h.lines();
            boolean fine = (h.status() == SourceStatus.OK || h.status() == SourceStatus.DONE) && h.malformed() == 0;
            fineOnes += fine ? 1 : 0;
            // a few sources are each said, with their details: one long path made this summary hide why a
            // replay counted nothing ("1 more outside the time window")
            if (!fine || all.size() <= FEW_SOURCES) {
                notable.add(h);
            }
        }
        b.append(String.format(
                Locale.ROOT,
                "sources: %d, %d fine, %s read%s%n",
                all.size(),
                fineOnes,
                Plural.of(lines, "line"),
                notable.isEmpty() ? "" : all.size() <= FEW_SOURCES ? ":" : "; with problems or unparsed lines:"));
        for (SourceHealth h : notable) {
            String one = "  " + health(h);
            if (one.length() <= width || h.detail().isEmpty()) {
                b.append(clip(one, width)).append('\n');
                continue;
            }
            // too long for one line: its detail wrapped below it, whole (cut, it lost what it says last,
            // e.g. "2 of them lines of an Apache error log, not an access log")
            b.append(clip("  " + h.name() + ":" + h.status().json(), width)).append('\n');
            wrap(b, h.detail(), "      ", width);
        }
    }

    /** {@code text} in lines of at most {@code width}, each after {@code indent}, broken at spaces where it can be. */
    private static void wrap(StringBuilder b, String text, String indent, int width) {
        int room = Math.max(10, width - indent.length());
        String rest = text.strip();
        while (!rest.isEmpty()) {
            int end = rest.length();
            if (end > room) {
                int space = rest.lastIndexOf(' ', room);
                end = space > 0 ? space : room; // a word longer than a line (a path) is broken where it must
            }
            b.append(indent).append(rest, 0, end).append('\n');
            rest = rest.substring(end).strip();
        }
    }

    private static String health(SourceHealth h) {
        boolean quiet = h.status() == SourceStatus.OK && h.malformed() == 0; // its detail is routine
        return h.name() + ":" + h.status().json() + (quiet || h.detail().isEmpty() ? "" : " (" + h.detail() + ")");
    }

    private static String states(IpView v) {
        return v.connections().byState().entrySet().stream()
                .sorted((a, c) -> Integer.compare(c.getValue(), a.getValue()))
                .limit(2)
                .map(e -> abbreviation(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    private static String abbreviation(TcpState s) {
        return switch (s) {
            case ESTABLISHED -> "EST";
            case SYN_RECV -> "SYN_RECV";
            case TIME_WAIT -> "TW";
            case CLOSE_WAIT -> "CW";
            default -> s.name();
        };
    }

    private static String services(IpView v) {
        return v.services().stream().limit(2).map(ServiceCount::name).collect(Collectors.joining(","));
    }

    /** The last request; else, for an IP seen only in auth logs or on the wire, what it did there. */
    private static String last(IpView v) {
        if (!v.lastRequests().isEmpty()) {
            var r = v.lastRequests().getLast();
            return (r.status() < 0 ? "-" : String.valueOf(r.status())) + " "
                    + (r.method().isEmpty() ? "" : r.method() + " ") + r.target(); // scanner bytes: no method
        }
        String ssh = v.auth().describe();
        if (!ssh.isEmpty()) {
            return ssh;
        }
        var w = v.wire();
        if (w != null) {
            return String.format(
                    Locale.ROOT,
                    "wire: %d pkts %s, SYN %d (%d unanswered%s%s%s), RST %d, %d ports",
                    w.packets(),
                    human(w.bytes()),
                    w.syn(),
                    w.unansweredSyn(),
                    w.refusedSyn() > 0 ? ", " + w.refusedSyn() + " of them refused by RST" : "",
                    // the handshakes left hanging, and a SYN scan's open ports: its SYN-ACKs it reset
                    w.halfOpen() > 0 ? ", " + w.halfOpen() + " half-open" : "",
                    w.synAckReset() > 0 ? ", " + Plural.of(w.synAckReset(), "SYN-ACK") + " reset by it" : "",
                    w.rst(),
                    w.portsTouched());
        }
        return "";
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String units = "KMGTPE";
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length() - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f%sB", v, units.charAt(i));
    }
}
