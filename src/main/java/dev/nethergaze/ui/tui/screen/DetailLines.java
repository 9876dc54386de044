package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.HistoryInfo;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.WhoisInfo;
import dev.nethergaze.model.WireSummary;
import dev.nethergaze.ui.tui.draw.Text;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.widget.StyledLine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sections of the IP detail view as styled lines: who, why, connections, activity. */
final class DetailLines {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private DetailLines() {}

    /**
     * Who the IP is; {@code whoisAsks}: whether {@code w} can ask whois in this run (said only then);
     * {@code historyKept}: whether this run keeps history (else no earlier session can be known).
     */
    static List<StyledLine> identity(IpView v, Instant now, boolean whoisAsks, boolean historyKept, Theme t) {
        List<StyledLine> out = new ArrayList<>();
        heading(out, "Who", t);
        GeoInfo g = v.geo();
        WhoisInfo w = v.whois();
        kv(out, "country", g == null ? null : join(g.country(), g.countryName(), g.city()), t);
        kv(out, "network", g == null ? null : g.network(), t);
        kv(out, "whois org", w == null ? null : join(w.org(), w.network(), w.cidr()), t);
        kv(out, "abuse", w == null ? null : w.abuseEmail(), t);
        if (g != null || w != null) { // a NAT64 or 6to4 address: what is shown is its IPv4 address's
            dev.nethergaze.model.SpecialAddress.carried(v.ip())
                    .ifPresent(c -> kv(out, "looked up", c.v4() + " (" + c.describe() + ")", t));
        }
        if (g == null && w == null) {
            out.add(new StyledLine()
                    .add(
                            whoisAsks
                                    ? "  no geo or whois yet (w asks for whois now)"
                                    : "  no geo or whois (whois is off in this run)",
                            t.dim()));
        }
        kv(out, "first seen", ago(v.firstSeen(), now), t);
        kv(out, "last seen", ago(v.lastSeen(), now), t);
        HistoryInfo h = v.history();
        kv(
                out,
                "history",
                h == null && v.group() != null
                        ? "kept per IP (P: one row per IP)"
                        : h == null && !historyKept
                                ? "not kept in this run"
                                : h == null || h.sessions() <= 0 || h.firstSeenEver() == null
                                        ? "no earlier sessions recorded" // the store's answer for an IP it never saw
                                        : h.sessions() + " sessions since " + DAY.format(h.firstSeenEver()) + ", "
                                                + Text.count(h.requestsTotal()) + " requests, flagged "
                                                + h.flaggedTotal()
                                                + "×",
                t);
        return out;
    }

    static List<StyledLine> findings(IpView v, Instant now, Theme t) {
        List<StyledLine> out = new ArrayList<>();
        heading(out, "Why", t);
        boolean group = v.group() != null; // its members' findings: each says whose it is
        for (Finding f : v.findings()) {
            int st = f.severity().compareTo(Severity.MEDIUM) >= 0 ? t.bad() : t.warn();
            out.add(new StyledLine()
                    .add("  ● " + f.severity().json().toUpperCase(java.util.Locale.ROOT) + " ", st)
                    .add(f.rule() + "  ", t.accent())
                    .add(group ? f.subject() + "  " : "", t.text())
                    .add(f.reason(), t.text())
                    .hang(REASON_HANG, t.text()));
            for (String e : f.evidence()) {
                out.add(evidence(e, t));
            }
        }
        for (PastFinding p : v.earlierFindings()) {
            Finding f = p.finding();
            out.add(new StyledLine()
                    .add(
                            (p.held() ? "  ● " : "  ○ ") + f.severity().json().toUpperCase(java.util.Locale.ROOT) + " ",
                            t.warn())
                    .add(f.rule() + "  ", t.accent())
                    .add(group ? f.subject() + "  " : "", t.text())
                    .add((p.held() ? "below threshold since " : "ended ") + ago(p.ended(), now) + ": ", t.dim())
                    .add(f.reason(), t.text())
                    .hang(REASON_HANG, t.text()));
            // held, the row is still ●; ended, the question is why it was: the evidence answers both
            for (String e : f.evidence()) {
                out.add(evidence(e, t));
            }
        }
        if (!Findings.flagged(v)) {
            out.add(new StyledLine().add("  nothing suspicious", t.ok()));
        }
        for (dev.nethergaze.model.Block b : v.blocked()) { // what the firewall already does about it
            out.add(new StyledLine()
                    .add(b.whole() ? "  ⊘ BLOCKED " : "  ⊖ BLOCKED IN PART ", t.info())
                    .add(BlockLines.summary(b, now), t.text())
                    .hang(REASON_HANG, t.text()));
            out.add(evidence(b.rule(), t));
        }
        return out;
    }

    /** Where a finding's reason goes on when it wraps: under its rule name, past the bullet. */
    private static final String REASON_HANG = "      ";

    /** An evidence line; when it wraps, its next rows are indented past the bar. */
    private static StyledLine evidence(String e, Theme t) {
        return new StyledLine().add("      │ ", t.dim()).add(e, t.dim()).hang("      │   ", t.dim());
    }

    /** The most IPs of a group its detail lists. */
    static final int MAX_MEMBERS = 30;

    /**
     * A group's IPs, in the table's order: connections, requests, SSH failures and the worst finding
     * of each (the first {@value #MAX_MEMBERS}).
     */
    static List<StyledLine> members(IpView v, Theme t) {
        List<StyledLine> out = new ArrayList<>();
        List<IpView> members = v.group().members();
        heading(out, "IPs in it (" + members.size() + ")", t);
        int w = 2;
        for (IpView m : members) {
            w = Math.max(w, m.ip().toString().length());
        }
        out.add(new StyledLine()
                .add(
                        "  " + Text.left("IP", w) + Text.right("CONN", 6) + Text.right("REQS", 7)
                                + Text.right("AUTHF", 6),
                        t.dim()));
        for (IpView m : members.subList(0, Math.min(MAX_MEMBERS, members.size()))) {
            Finding worst = m.findings().isEmpty() ? null : m.findings().get(0);
            out.add(new StyledLine()
                    .add("  " + Text.left(m.ip().toString(), w), Findings.flagged(m) ? t.warn() : t.text())
                    .add(Text.right(Integer.toString(m.connections().total()), 6), t.text())
                    .add(Text.right(Text.count(m.requests()), 7), t.text())
                    .add(
                            Text.right(Long.toString(m.auth().failures()), 6),
                            m.auth().failures() > 0 ? t.warn() : t.text())
                    .add(worst == null ? "" : "  " + worst.rule(), t.accent()));
        }
        if (members.size() > MAX_MEMBERS) {
            out.add(new StyledLine()
                    .add("  … and " + (members.size() - MAX_MEMBERS) + " more (P: one row per IP)", t.dim()));
        }
        return out;
    }

    static List<StyledLine> connections(IpView v, Theme t) {
        List<StyledLine> out = new ArrayList<>();
        heading(out, "Connections", t);
        var c = v.connections();
        out.add(new StyledLine()
                .add("  " + c.total() + " total", t.text())
                .add("  in " + c.inbound() + " · out " + c.outbound(), t.dim())
                .add(String.format(java.util.Locale.ROOT, "  new %.1f/s", v.newConnsPerSec()), t.dim()));
        for (Map.Entry<TcpState, Integer> e : new java.util.TreeMap<>(c.byState()).entrySet()) {
            int st = e.getKey() == TcpState.SYN_RECV ? t.bad() : e.getKey() == TcpState.ESTABLISHED ? t.ok() : t.info();
            out.add(new StyledLine()
                    .add("  " + Text.left(e.getKey().name(), 12), st)
                    .add(Text.right(e.getValue().toString(), 5), t.text()));
        }
        for (ServiceCount s : v.services()) {
            out.add(new StyledLine()
                    .add("  → :" + s.port() + " ", t.dim())
                    .add(s.name() == null ? "" : s.name(), t.info())
                    .add(" ×" + s.count(), t.text()));
        }
        AuthSummary a = v.auth();
        if (!a.isEmpty()) {
            heading(out, "SSH", t);
            out.add(new StyledLine()
                    .add("  failed " + a.failures(), a.failures() > 0 ? t.warn() : t.text())
                    .add("  invalid users " + a.invalidUsers(), t.text())
                    .add("  accepted " + a.accepted(), a.accepted() > 0 ? t.bad() : t.text()));
            if (a.preauthDisconnects() > 0 || a.handshakeFailures() > 0) {
                out.add(new StyledLine()
                        .add("  left before auth " + a.preauthDisconnects(), t.text())
                        .add(
                                "  failed handshakes " + a.handshakeFailures(),
                                a.handshakeFailures() > 0 ? t.warn() : t.text()));
            }
            if (!a.users().isEmpty()) {
                out.add(new StyledLine()
                        .add("  tried: ", t.dim())
                        .add(String.join(", ", a.users()), t.text())
                        .hang("         ", t.text()));
            }
        }
        wire(out, v.wire(), t);
        return out;
    }

    /** What the packet capture saw of the IP: rates, handshakes and network quality, as numbers. */
    private static void wire(List<StyledLine> out, WireSummary w, Theme t) {
        if (w == null) {
            return;
        }
        heading(out, "Wire", t);
        String totals = String.format(
                java.util.Locale.ROOT,
                "peak %.0f   %s sent (%s) · %s received",
                w.peakPps(),
                Text.count(w.packets()),
                Text.bytes(w.bytes()),
                Text.count(w.rxPackets()));
        boolean counting = !Double.isNaN(w.pps()); // NaN: the capture counts nothing now, no rate to show
        out.add(new StyledLine()
                .add(counting ? String.format(java.util.Locale.ROOT, "  %.0f pkt/s", w.pps()) : "  — pkt/s", t.text())
                .add(
                        counting
                                ? String.format(
                                                java.util.Locale.ROOT,
                                                "  10s %.1f · 60s %.1f · ",
                                                w.pps10s(),
                                                w.pps60s())
                                        + totals
                                : "  capture not counting · " + totals,
                        t.dim()));
        boolean scanLike = w.unansweredSyn() > 0 && w.handshakes() == 0;
        out.add(new StyledLine()
                .add("  SYN " + w.syn() + " · SYN-ACK " + w.synAck() + " · RST " + w.rst(), t.text())
                .add(
                        "  handshakes " + w.handshakes() + " · unanswered " + w.unansweredSyn()
                                + (w.unansweredSyn() > 0
                                        ? " (no reply " + (w.unansweredSyn() - w.refusedSyn()) + ", refused by RST "
                                                + w.refusedSyn() + ")"
                                        : "")
                                + " · half-open " + w.halfOpen()
                                + (w.synAckReset() > 0 ? " · reset after SYN-ACK " + w.synAckReset() : ""),
                        scanLike ? t.warn() : t.dim())
                .add(
                        Double.isNaN(w.handshakeRttMsP50())
                                ? ""
                                : String.format(java.util.Locale.ROOT, " · rtt p50 %.2f ms", w.handshakeRttMsP50()),
                        t.dim()));
        out.add(new StyledLine()
                .add(
                        "  retrans " + w.retrans() + " · zero window " + w.zeroWindow() + " · SACK " + w.sackBlocks()
                                + " · ports " + w.portsTouched() + (w.mac().isEmpty() ? "" : " · MAC " + w.mac()),
                        t.dim()));
    }

    static List<StyledLine> requests(IpView v, Theme t) {
        List<StyledLine> out = new ArrayList<>();
        heading(out, "Requests", t);
        String mix = statusMix(v); // none for an IP known from SSH or the kernel only: no separator then
        out.add(new StyledLine()
                .add(
                        "  " + Text.count(v.requests()) + " total · " + v.requestsPerMin() + "/min · "
                                + Text.bytes(v.bytes()) + " sent" + (mix.isEmpty() ? "" : " · "),
                        t.dim())
                .add(mix, t.text()));
        List<RequestView> r = v.lastRequests();
        boolean files = r.stream().map(RequestView::source).distinct().limit(2).count() > 1;
        for (int i = r.size() - 1; i >= 0; i--) {
            RequestView q = r.get(i);
            StyledLine l = new StyledLine()
                    .add("  " + TIME.format(q.time()) + " ", t.dim())
                    .add(q.status() + " ", t.status(q.status()));
            if (q.vhost() != null && !q.vhost().isEmpty()) {
                l.add(q.vhost() + " ", t.dim());
            }
            l.add(Cells.request(q), q.status() >= 400 ? t.status(q.status()) : t.text())
                    .add("  " + nz(q.userAgent()), t.dim());
            if (files) { // which log, when this IP's requests are in several
                l.add("  [" + fileName(q.source()) + "]", t.dim());
            }
            out.add(l);
        }
        if (r.isEmpty()) {
            out.add(new StyledLine().add("  no HTTP requests", t.dim()));
        }
        return out;
    }

    private static String fileName(String source) {
        if (source == null) {
            return "";
        }
        int slash = source.lastIndexOf('/');
        return slash >= 0 && slash < source.length() - 1 ? source.substring(slash + 1) : source;
    }

    private static String statusMix(IpView v) {
        StringBuilder b = new StringBuilder();
        for (String k : List.of("2xx", "3xx", "4xx", "5xx")) {
            long n = v.status().getOrDefault(k, 0L);
            if (n > 0) {
                b.append(b.isEmpty() ? "" : " ").append(k).append(' ').append(n);
            }
        }
        return b.toString();
    }

    private static void heading(List<StyledLine> out, String title, Theme t) {
        if (!out.isEmpty()) {
            out.add(new StyledLine());
        }
        out.add(new StyledLine().add(title, t.title()));
    }

    private static void kv(List<StyledLine> out, String k, String v, Theme t) {
        if (v != null && !v.isBlank()) {
            out.add(new StyledLine()
                    .add("  " + Text.left(k, 11), t.dim())
                    .add(v, t.text())
                    .hang(" ".repeat(13), t.text()));
        }
    }

    /** {@code 02:10:33 (4m ago)}. */
    static String ago(Instant then, Instant now) {
        return TIME.format(then) + " ("
                + Text.duration(Duration.between(then, now).toSeconds()) + " ago)";
    }

    private static String join(String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                b.append(b.isEmpty() ? "" : " · ").append(p);
            }
        }
        return b.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
