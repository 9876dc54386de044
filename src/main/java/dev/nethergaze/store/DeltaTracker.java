package dev.nethergaze.store;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.TcpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a stream of snapshots (whose per-IP counters are cumulative for as long as the engine
 * tracks the IP) into per-IP deltas to add to the store.
 *
 * <p>The rule that keeps totals exact: for each IP the tracker remembers the counters it has
 * already accounted for (its <em>baseline</em>) together with the IP's {@code firstSeen}. An IP's
 * counters belong to one <em>incarnation</em> in the engine; when the engine evicts the IP and sees
 * it again, a new incarnation starts at zero with a later {@code firstSeen}. So the delta is
 * {@code current - baseline} when {@code firstSeen} is unchanged and no counter went down, and
 * {@code current} (against a zero baseline) otherwise. Deltas are therefore never negative and no
 * increment is counted twice. An IP missing from a snapshot has been evicted: its baseline is
 * dropped. The only loss is what an IP did between the last snapshot the tracker saw and its
 * eviction, so stored totals may be below, never above, what was fed.
 *
 * <p>SYN_RECV observations count distinct seconds (of snapshot time) in which the IP held at least
 * one half-open connection; "times flagged" counts each episode of a rule (a rule and the time it
 * started firing) the first time a snapshot shows it, among the IP's findings or among those that
 * already ended: a replay records only its final report, where an attack that was over before the
 * log ended is an earlier finding, and it was an attack all the same.
 */
final class DeltaTracker {

    private static final int LAST_PATHS = 5;

    private record Baseline(
            Instant firstSeen,
            Instant lastSeen,
            long requests,
            long bytes,
            long auth,
            Set<Episode> rules,
            long synSecond) {

        static Baseline zero(Instant firstSeen) {
            return new Baseline(firstSeen, null, 0, 0, 0, Set.of(), Long.MIN_VALUE);
        }
    }

    /** One stretch of a rule firing for an IP: the same while it fires and after it ended. */
    private record Episode(String rule, Instant since) {}

    private Map<IpKey, Baseline> baselines = new HashMap<>();
    private final Map<IpKey, PendingIp> pending = new LinkedHashMap<>();

    /** Accounts one snapshot. */
    void observe(Snapshot s) {
        long second = s.generatedAt().getEpochSecond();
        Map<IpKey, Baseline> next = HashMap.newHashMap(s.ips().size());
        for (IpView v : s.ips()) {
            next.put(v.ip(), observe(v, second, s.generatedAt()));
        }
        baselines = next; // IPs not in this snapshot were evicted by the engine
    }

    private Baseline observe(IpView v, long second, Instant now) {
        Baseline b = baselines.get(v.ip());
        long auth = v.auth().failures();
        if (b == null
                || !b.firstSeen().equals(v.firstSeen())
                || v.requests() < b.requests()
                || v.bytes() < b.bytes()
                || auth < b.auth()) {
            b = Baseline.zero(v.firstSeen());
        }
        Set<Episode> rules = episodes(v);
        boolean syn = v.connections().inState(TcpState.SYN_RECV) > 0 && b.synSecond() != second;
        boolean changed = b.lastSeen() == null
                || v.lastSeen().isAfter(b.lastSeen())
                || v.requests() != b.requests()
                || v.bytes() != b.bytes()
                || auth != b.auth()
                || syn
                || !b.rules().containsAll(rules);
        if (changed) {
            PendingIp p = pending.computeIfAbsent(v.ip(), ip -> new PendingIp(ip, v.firstSeen(), v.lastSeen()));
            p.seen(v.firstSeen(), v.lastSeen());
            p.requests += v.requests() - b.requests();
            p.bytes += v.bytes() - b.bytes();
            p.authFailures += auth - b.auth();
            p.synRecv += syn ? 1 : 0;
            p.peakConns = Math.max(p.peakConns, v.connections().total());
            for (Finding f : v.findings()) {
                if (!b.rules().contains(new Episode(f.rule(), f.since()))) {
                    p.flagged(f.rule(), now);
                }
            }
            for (PastFinding e : v.earlierFindings()) {
                Finding f = e.finding();
                if (!b.rules().contains(new Episode(f.rule(), f.since()))) {
                    p.flagged(f.rule(), e.ended());
                }
            }
            remember(p, v);
        } else {
            PendingIp p = pending.get(v.ip());
            if (p != null) {
                p.peakConns = Math.max(p.peakConns, v.connections().total());
            }
        }
        return new Baseline(
                v.firstSeen(), v.lastSeen(), v.requests(), v.bytes(), auth, rules, syn ? second : b.synSecond());
    }

    private static void remember(PendingIp p, IpView v) {
        if (v.geo() != null) {
            p.country = v.geo().country() != null ? v.geo().country() : p.country;
            p.asn = v.geo().asn() != null ? v.geo().asn() : p.asn;
            p.asOrg = v.geo().asOrg() != null ? v.geo().asOrg() : p.asOrg;
        }
        if (v.whois() != null && v.whois().org() != null) {
            p.org = v.whois().org();
        }
        if (!v.lastRequests().isEmpty()) {
            List<String> paths = new ArrayList<>(LAST_PATHS);
            List<RequestView> last = v.lastRequests();
            for (int i = last.size() - 1; i >= 0 && paths.size() < LAST_PATHS; i--) {
                String t = last.get(i).target();
                if (t != null && !paths.contains(t)) {
                    paths.add(t);
                }
            }
            p.lastPaths = List.copyOf(paths);
        }
    }

    private static Set<Episode> episodes(IpView v) {
        if (v.findings().isEmpty() && v.earlierFindings().isEmpty()) {
            return Set.of();
        }
        Set<Episode> out = new HashSet<>();
        for (Finding f : v.findings()) {
            out.add(new Episode(f.rule(), f.since()));
        }
        for (PastFinding e : v.earlierFindings()) {
            out.add(new Episode(e.finding().rule(), e.finding().since()));
        }
        return out;
    }

    int pendingSize() {
        return pending.size();
    }

    /** The changes since the last drain, oldest first; the tracker starts a fresh batch. */
    List<PendingIp> drain() {
        List<PendingIp> out = new ArrayList<>(pending.values());
        pending.clear();
        return out;
    }

    /** Puts changes back after a failed flush so the next flush retries them. */
    void restore(List<PendingIp> failed) {
        for (PendingIp f : failed) {
            PendingIp now = pending.get(f.ip);
            if (now == null) {
                pending.put(f.ip, f);
            } else {
                now.seen(f.firstSeen, f.lastSeen);
                now.requests += f.requests;
                now.bytes += f.bytes;
                now.authFailures += f.authFailures;
                now.synRecv += f.synRecv;
                now.peakConns = Math.max(now.peakConns, f.peakConns);
                f.flags.forEach((r, n) -> now.flags.merge(r, n, Long::sum));
                if (now.lastFlagged == null) {
                    now.lastFlagged = f.lastFlagged;
                }
            }
        }
    }
}
