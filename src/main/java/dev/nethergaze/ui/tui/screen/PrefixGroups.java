package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpGroup;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.ProcessCount;
import dev.nethergaze.model.ProcessOwner;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.WireSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The console's rows grouped by prefix: the addresses of one IPv4 /24 or one IPv6 /64 become one row
 * when there are two or more of them (a botnet's subnet, an IPv6 client hopping through its /64);
 * an address alone in its prefix stays as it is. A group's figures are its members' added up
 * (connections by state, requests, bytes, statuses, rates, SSH attempts, packets), its findings those
 * of every member (each rule and subject once, most severe first), its recent requests the newest of
 * all members, its location and owner those of its most active member. What has no sum (round trips,
 * history across sessions) is left out of the group's row; its members keep theirs.
 */
public final class PrefixGroups {

    /** The prefix lengths rows are grouped by. */
    public static final int V4_BITS = 24;

    public static final int V6_BITS = 64;

    /** The most user names a group row lists, as an address's own summary does at most. */
    private static final int MAX_USERS = 10;

    private PrefixGroups() {}

    /**
     * {@code views} (filtered already) as rows: one per prefix with two or more members, the others as
     * they are; in no particular order (the caller sorts). Members are in the order {@code memberOrder}
     * gives them.
     */
    public static List<IpView> group(List<IpView> views, UnaryOperator<List<IpView>> memberOrder) {
        Map<IpKey, List<IpView>> byPrefix = new LinkedHashMap<>();
        for (IpView v : views) {
            byPrefix.computeIfAbsent(prefixOf(v.ip()), k -> new ArrayList<>(1)).add(v);
        }
        List<IpView> rows = new ArrayList<>(byPrefix.size());
        for (Map.Entry<IpKey, List<IpView>> e : byPrefix.entrySet()) {
            List<IpView> members = e.getValue();
            if (members.size() == 1) {
                rows.add(members.get(0));
            } else {
                rows.add(of(e.getKey(), memberOrder.apply(members)));
            }
        }
        return rows;
    }

    /** The network address of the prefix {@code ip} is grouped in. */
    public static IpKey prefixOf(IpKey ip) {
        return ip.prefix(ip.isV4() ? V4_BITS : V6_BITS);
    }

    /** The row of {@code network}'s members (two or more, the most active first). */
    static IpView of(IpKey network, List<IpView> members) {
        IpView lead = members.get(0);
        Instant first = lead.firstSeen();
        Instant last = lead.lastSeen();
        int total = 0;
        int inbound = 0;
        int outbound = 0;
        Map<TcpState, Integer> byState = new EnumMap<>(TcpState.class);
        Map<Integer, ServiceCount> services = new LinkedHashMap<>();
        long requests = 0;
        long bytes = 0;
        Map<String, Long> status = new HashMap<>();
        Map<String, Long> methods = new HashMap<>();
        long perMin = 0;
        double newConns = 0;
        List<RequestView> recent = new ArrayList<>();
        int recentMax = 0;
        long[] auth = new long[5];
        Set<String> users = new LinkedHashSet<>();
        Map<ProcessOwner, Integer> processes = new LinkedHashMap<>();
        Set<IpKey> via = new LinkedHashSet<>();
        Set<dev.nethergaze.model.Block> blocked = new LinkedHashSet<>(); // each rule once, whoever it holds
        Set<String> seen = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        Set<String> seenEarlier = new HashSet<>();
        List<PastFinding> earlier = new ArrayList<>();
        WireSummary wire = null;
        for (IpView v : members) {
            first = v.firstSeen().isBefore(first) ? v.firstSeen() : first;
            last = v.lastSeen().isAfter(last) ? v.lastSeen() : last;
            ConnSummary c = v.connections();
            total += c.total();
            inbound += c.inbound();
            outbound += c.outbound();
            c.byState().forEach((k, n) -> byState.merge(k, n, Integer::sum));
            for (ServiceCount s : v.services()) {
                services.merge(s.port(), s, (a, b) -> new ServiceCount(a.port(), a.name(), a.count() + b.count()));
            }
            requests += v.requests();
            bytes += v.bytes();
            v.status().forEach((k, n) -> status.merge(k, n, Long::sum));
            v.methods().forEach((k, n) -> methods.merge(k, n, Long::sum));
            perMin += v.requestsPerMin();
            newConns += v.newConnsPerSec();
            recent.addAll(v.lastRequests());
            recentMax = Math.max(recentMax, v.lastRequests().size());
            AuthSummary a = v.auth();
            auth[0] += a.failures();
            auth[1] += a.invalidUsers();
            auth[2] += a.accepted();
            auth[3] += a.preauthDisconnects();
            auth[4] += a.handshakeFailures();
            for (String u : a.users()) {
                if (users.size() < MAX_USERS) {
                    users.add(u);
                }
            }
            for (ProcessCount p : v.processes()) {
                processes.merge(p.owner(), p.connections(), Integer::sum);
            }
            via.addAll(v.via());
            blocked.addAll(v.blocked());
            for (Finding f : v.findings()) { // a prefix's own finding is on each member: once here
                if (seen.add(f.rule() + '\0' + f.subject())) {
                    findings.add(f);
                }
            }
            for (PastFinding p : v.earlierFindings()) {
                if (seenEarlier.add(p.finding().rule() + '\0' + p.finding().subject())) {
                    earlier.add(p);
                }
            }
            wire = v.wire() == null ? wire : wire == null ? v.wire() : add(wire, v.wire());
        }
        findings.sort(Findings.MOST_SEVERE_FIRST);
        earlier.sort(Comparator.comparing(PastFinding::finding, Findings.MOST_SEVERE_FIRST));
        recent.sort(Comparator.comparing(RequestView::time)); // oldest first, as an address's own
        List<RequestView> newest = recent.subList(Math.max(0, recent.size() - recentMax), recent.size());
        List<ServiceCount> svc = new ArrayList<>(services.values());
        svc.sort(Comparator.comparingInt(ServiceCount::count).reversed());
        List<ProcessCount> procs = new ArrayList<>();
        processes.forEach((o, n) -> procs.add(new ProcessCount(o, n)));
        procs.sort(Comparator.comparingInt(ProcessCount::connections).reversed());
        return new IpView(
                network,
                first,
                last,
                new ConnSummary(total, inbound, outbound, byState),
                svc,
                requests,
                bytes,
                status,
                methods,
                perMin,
                newConns,
                newest,
                new AuthSummary(auth[0], auth[1], auth[2], auth[3], auth[4], List.copyOf(users)),
                lead.geo(),
                lead.whois(),
                null,
                findings,
                wire,
                null,
                procs,
                List.copyOf(via),
                earlier,
                new IpGroup(network.isV4() ? V4_BITS : V6_BITS, members),
                List.copyOf(blocked));
    }

    /**
     * Two members' packets: counters and current rates added; the peak and low the higher and lower
     * member's (a group's own would need its seconds); no handshake time or MAC (per address).
     */
    private static WireSummary add(WireSummary a, WireSummary b) {
        return new WireSummary(
                a.packets() + b.packets(),
                a.bytes() + b.bytes(),
                a.rxPackets() + b.rxPackets(),
                a.pps() + b.pps(),
                a.pps10s() + b.pps10s(),
                a.pps60s() + b.pps60s(),
                Math.max(a.peakPps(), b.peakPps()),
                Math.min(a.lowPps(), b.lowPps()),
                a.syn() + b.syn(),
                a.synAck() + b.synAck(),
                a.rst() + b.rst(),
                a.handshakes() + b.handshakes(),
                a.unansweredSyn() + b.unansweredSyn(),
                a.refusedSyn() + b.refusedSyn(),
                a.halfOpen() + b.halfOpen(),
                a.synAckReset() + b.synAckReset(),
                Double.NaN,
                a.retrans() + b.retrans(),
                a.sackBlocks() + b.sackBlocks(),
                a.zeroWindow() + b.zeroWindow(),
                a.portsTouched() + b.portsTouched(),
                Math.min(a.firstSeenNanos(), b.firstSeenNanos()),
                Math.max(a.lastSeenNanos(), b.lastSeenNanos()),
                null);
    }
}
