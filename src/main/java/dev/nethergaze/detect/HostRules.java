package dev.nethergaze.detect;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.TcpState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Host-wide findings, for floods no single row explains: SYN_RECV over the whole table (including
 * remotes hidden from the per-IP list), listen queues that are full, and the kernel's syncookie and
 * listen-drop counters rising between two readings.
 */
final class HostRules {

    static final String SYN_HOST = "syn_flood_host";
    static final String LISTEN_FULL = "listen_queue_full";
    static final String SYN_COUNTERS = "syn_flood_counters";
    static final String HOST = "host";

    private final DetectSettings s;
    private List<Finding> tableFindings = List.of();
    private Finding counterFinding;
    private TcpCounters previous;
    private final HeldSince synSince = new HeldSince();
    /** When the accept queues were first seen full in this episode. */
    private final HeldSince listenSince = new HeldSince();

    private final HeldSince counterSince = new HeldSince();

    HostRules(DetectSettings s) {
        this.s = s;
    }

    void table(ConnTable t) {
        List<Finding> out = new ArrayList<>(2);
        int syn = 0;
        List<String> rows = new ArrayList<>();
        for (Connection c : t.connections()) {
            if (c.state() == TcpState.SYN_RECV) {
                syn++;
                if (rows.size() < s.evidenceItems()) {
                    rows.add(Evidence.of(c));
                }
            }
        }
        if (syn >= s.syn().host()) {
            out.add(new Finding(
                    SYN_HOST,
                    Severity.HIGH,
                    HOST,
                    syn + " half-open connections (SYN_RECV) on this host (threshold "
                            + s.syn().host() + ")",
                    syn,
                    s.syn().host(),
                    Duration.ZERO,
                    synSince.firing(t.time()),
                    rows));
        } else {
            synSince.quiet(t.time());
        }
        List<String> full = new ArrayList<>();
        for (Listener l : t.listeners()) {
            if (l.backlog() > 0 && l.acceptQueue() >= l.backlog() && full.size() < s.evidenceItems()) {
                full.add(Evidence.of(l));
            }
        }
        if (full.isEmpty()) {
            listenSince.quiet(t.time());
        } else {
            out.add(new Finding(
                    LISTEN_FULL,
                    Severity.HIGH,
                    HOST,
                    Plural.of(full.size(), "listening socket")
                            + " with a full accept queue: new connections are dropped",
                    full.size(),
                    1,
                    Duration.ZERO,
                    listenSince.firing(t.time()),
                    full));
        }
        tableFindings = List.copyOf(out);
    }

    void counters(TcpCounters c) {
        TcpCounters p = previous;
        previous = c;
        if (p == null || !c.time().isAfter(p.time())) {
            return;
        }
        long cookies = Math.max(0, c.syncookiesSent() - p.syncookiesSent());
        long drops = Math.max(0, c.listenDrops() - p.listenDrops());
        long overflows = Math.max(0, c.listenOverflows() - p.listenOverflows());
        long worst = Math.max(cookies, drops);
        Duration window = Duration.between(p.time(), c.time());
        if (worst < s.syn().counterDelta()) {
            counterFinding = null;
            counterSince.quiet(c.time());
            return;
        }
        String reason = cookies + " SYN cookies sent and " + drops + " listen drops in " + window.toSeconds()
                + " s (threshold " + s.syn().counterDelta() + "): a SYN flood the connection table cannot show";
        counterFinding = new Finding(
                SYN_COUNTERS,
                Severity.HIGH,
                HOST,
                reason,
                worst,
                s.syn().counterDelta(),
                window,
                counterSince.firing(p.time()),
                List.of(
                        "TcpExt SyncookiesSent +" + cookies + " in " + window.toMillis() + " ms",
                        "TcpExt ListenDrops +" + drops + " in " + window.toMillis() + " ms",
                        "TcpExt ListenOverflows +" + overflows + " in " + window.toMillis() + " ms"));
    }

    List<Finding> findings() {
        if (counterFinding == null) {
            return tableFindings;
        }
        List<Finding> all = new ArrayList<>(tableFindings);
        all.add(counterFinding);
        return all;
    }
}
