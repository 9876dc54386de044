package dev.nethergaze.detect;

import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Half-open connections judged per prefix ({@code detect.syn.prefix_v4}, {@code prefix_v6}: /24 and
 * /64 by default): a flood spread over many addresses, each below the per-IP threshold, is still one
 * flood. Rebuilt from each kernel table.
 */
final class PrefixFloods {

    static final String ID = "syn_flood_prefix";

    private static final class Agg {
        int syn;
        final TreeSet<IpKey> members = new TreeSet<>();
        final List<String> rows = new ArrayList<>();
    }

    private final DetectSettings s;
    /** Per prefix flooding now or within the hold, when its episode started. */
    private final Map<Cidr, HeldSince> since = new HashMap<>();

    private Map<Cidr, Finding> current = Map.of();

    PrefixFloods(DetectSettings s) {
        this.s = s;
    }

    Cidr prefixOf(IpKey ip) {
        return new Cidr(ip, ip.isV4() ? s.syn().prefixV4() : s.syn().prefixV6());
    }

    void table(List<Connection> inbound, Instant t) {
        Map<Cidr, Agg> aggs = new HashMap<>();
        for (Connection c : inbound) {
            if (c.state() != TcpState.SYN_RECV) {
                continue;
            }
            Agg a = aggs.computeIfAbsent(prefixOf(c.remote()), k -> new Agg());
            a.syn++;
            a.members.add(c.remote());
            if (a.rows.size() < s.evidenceItems()) {
                a.rows.add(Evidence.of(c));
            }
        }
        Map<Cidr, Finding> out = new HashMap<>();
        for (Map.Entry<Cidr, Agg> e : aggs.entrySet()) {
            Agg a = e.getValue();
            if (a.syn < s.syn().perPrefix() || a.members.size() < 2) {
                continue; // one address alone is the per-IP rule's business
            }
            Instant from =
                    since.computeIfAbsent(e.getKey(), k -> new HeldSince()).firing(t);
            String reason = a.syn + " half-open connections (SYN_RECV) from " + a.members.size() + " addresses in "
                    + e.getKey() + " (threshold " + s.syn().perPrefix() + " per prefix)";
            out.put(
                    e.getKey(),
                    new Finding(
                            ID,
                            Severity.HIGH,
                            e.getKey().toString(),
                            reason,
                            a.syn,
                            s.syn().perPrefix(),
                            Duration.ZERO,
                            from,
                            a.rows));
        }
        for (Iterator<Map.Entry<Cidr, HeldSince>> it = since.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Cidr, HeldSince> e = it.next();
            if (!out.containsKey(e.getKey())) {
                e.getValue().quiet(t);
                if (e.getValue().over(t)) {
                    it.remove();
                }
            }
        }
        current = out;
    }

    /** The prefix finding covering {@code ip}, or null. */
    Finding forIp(IpKey ip) {
        return current.isEmpty() ? null : current.get(prefixOf(ip));
    }

    List<Finding> all() {
        List<Finding> l = new ArrayList<>(current.values());
        l.sort((a, b) -> a.subject().compareTo(b.subject()));
        return l;
    }
}
