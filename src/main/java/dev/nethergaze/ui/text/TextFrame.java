package dev.nethergaze.ui.text;

import dev.nethergaze.model.IpView;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.model.TcpState;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A compact plain-text frame of a snapshot (the console before the full-screen TUI, and a fallback
 * for dumb terminals): header, source health, totals and the most active IPs.
 */
public final class TextFrame {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private TextFrame() {}

    public static String render(Snapshot s, int maxRows, int width) {
        StringBuilder b = new StringBuilder(4096);
        b.append("Nethergaze — ")
                .append(s.host())
                .append("  ")
                .append(TIME.format(s.generatedAt()))
                .append(" UTC\n");
        b.append("sources: ")
                .append(s.sources().stream().map(TextFrame::health).collect(Collectors.joining("  ")))
                .append('\n');
        var t = s.totals();
        b.append(String.format(
                Locale.ROOT,
                "conns %d (established %d, SYN_RECV %d)  IPs %d  req/min %d  requests %d  bytes %s  ssh failures %d%n",
                t.connections(),
                t.established(),
                t.byState().getOrDefault(TcpState.SYN_RECV, 0),
                t.ipsShown(),
                t.requestsPerMin(),
                t.requests(),
                human(t.bytes()),
                t.authFailures()));
        b.append(String.format(
                Locale.ROOT,
                "%-39s %5s %-22s %-12s %7s %7s %5s  %s%n",
                "IP",
                "CONNS",
                "STATES",
                "SERVICES",
                "REQS",
                "REQ/MIN",
                "AUTHF",
                "LAST"));
        int n = 0;
        for (IpView v : s.ips()) {
            if (n++ >= maxRows) {
                b.append(String.format(Locale.ROOT, "… %d more%n", s.ips().size() - maxRows));
                break;
            }
            String line = String.format(
                    Locale.ROOT,
                    "%-39s %5d %-22s %-12s %7d %7d %5d  %s",
                    v.ip(),
                    v.connections().total(),
                    states(v),
                    services(v),
                    v.requests(),
                    v.requestsPerMin(),
                    v.auth().failures(),
                    last(v));
            b.append(line.length() > width ? line.substring(0, width) : line).append('\n');
        }
        return b.toString();
    }

    private static String health(SourceHealth h) {
        return h.name() + ":"
                + (h.status() == SourceStatus.OK
                        ? "ok"
                        : h.status().json() + (h.detail().isEmpty() ? "" : " (" + h.detail() + ")"));
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

    private static String last(IpView v) {
        if (v.lastRequests().isEmpty()) {
            return "";
        }
        var r = v.lastRequests().getLast();
        return r.status() + " " + r.method() + " " + r.target();
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
