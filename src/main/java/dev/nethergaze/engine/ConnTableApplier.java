package dev.nethergaze.engine;

import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.ProcessCount;
import dev.nethergaze.model.ProcessOwner;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.TcpHealth;
import dev.nethergaze.model.TcpQuality;
import dev.nethergaze.model.TcpState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns one full kernel table into per-IP connection summaries and host-wide counts, and finds the
 * connections that are new since the previous table (for new-connections-per-second). Where the
 * source gives tcp_info and owners, it also sums up each IP's TCP quality and owning processes.
 */
final class ConnTableApplier {

    /** A connection's identity across polls. */
    private record ConnId(IpKey remote, int remotePort, IpKey local, int localPort) {}

    /** What one table says, grouped per visible remote IP. */
    record Result(
            Map<IpKey, ConnSummary> summaries,
            Map<IpKey, List<ServiceCount>> services,
            Map<IpKey, Integer> newConnections,
            Map<IpKey, TcpQuality> tcp,
            Map<IpKey, List<ProcessCount>> processes,
            int total,
            int established,
            Map<TcpState, Integer> byState,
            int hidden) {}

    private static final class Agg {
        final EnumMap<TcpState, Integer> byState = new EnumMap<>(TcpState.class);
        final TreeMap<Integer, Integer> inboundPorts = new TreeMap<>();
        int total;
        int inbound;
        int fresh;
        long[] rtts; // ESTABLISHED sockets' smoothed RTT in microseconds, lazily
        int rttCount;
        int withHealth;
        long retrans;
        long lost;
        Map<ProcessOwner, Integer> owners; // lazily

        void health(TcpState st, TcpHealth h) {
            withHealth++;
            retrans += h.totalRetrans();
            lost += h.lost();
            if (st == TcpState.ESTABLISHED) {
                if (rtts == null) {
                    rtts = new long[4];
                } else if (rttCount == rtts.length) {
                    rtts = Arrays.copyOf(rtts, rttCount * 2);
                }
                rtts[rttCount++] = h.rttUs();
            }
        }

        TcpQuality quality() {
            if (withHealth == 0) {
                return null;
            }
            if (rttCount == 0) {
                return new TcpQuality(0, 0, retrans, lost, 0);
            }
            long[] r = Arrays.copyOf(rtts, rttCount);
            Arrays.sort(r);
            double p50 = rttCount % 2 == 1 ? r[rttCount / 2] : (r[rttCount / 2 - 1] + r[rttCount / 2]) / 2.0;
            return new TcpQuality(p50 / 1000.0, r[rttCount - 1] / 1000.0, retrans, lost, rttCount);
        }
    }

    /** How many owning processes are listed per IP (most connections first). */
    static final int MAX_PROCESSES_PER_IP = 5;

    private Set<ConnId> previous; // null before the first table: nothing counts as new then

    Result apply(ConnTable table, EngineSettings settings) {
        Map<IpKey, Agg> aggs = new HashMap<>();
        EnumMap<TcpState, Integer> byState = new EnumMap<>(TcpState.class);
        Set<ConnId> current = new HashSet<>(Math.max(16, table.connections().size() * 2));
        int established = 0;
        int hidden = 0;
        for (Connection c : table.connections()) {
            byState.merge(c.state(), 1, Integer::sum);
            if (c.state() == TcpState.ESTABLISHED) {
                established++;
            }
            if (!settings.showPrivateIps() && c.remote().isNonPublic()) {
                hidden++;
                continue;
            }
            Agg a = aggs.computeIfAbsent(c.remote(), k -> new Agg());
            a.total++;
            a.byState.merge(c.state(), 1, Integer::sum);
            if (c.direction() == Direction.INBOUND) {
                a.inbound++;
                a.inboundPorts.merge(c.localPort(), 1, Integer::sum);
            }
            if (c.health() != null) {
                a.health(c.state(), c.health());
            }
            if (c.owner() != null) {
                if (a.owners == null) {
                    a.owners = new HashMap<>();
                }
                a.owners.merge(c.owner(), 1, Integer::sum);
            }
            ConnId id = new ConnId(c.remote(), c.remotePort(), c.local(), c.localPort());
            current.add(id);
            if (previous != null && !previous.contains(id)) {
                a.fresh++;
            }
        }
        previous = current;
        Map<IpKey, ConnSummary> summaries = new HashMap<>(aggs.size() * 2);
        Map<IpKey, List<ServiceCount>> services = new HashMap<>(aggs.size() * 2);
        Map<IpKey, Integer> fresh = new HashMap<>();
        Map<IpKey, TcpQuality> tcp = new HashMap<>();
        Map<IpKey, List<ProcessCount>> processes = new HashMap<>();
        aggs.forEach((ip, a) -> {
            summaries.put(ip, new ConnSummary(a.total, a.inbound, a.total - a.inbound, a.byState));
            services.put(ip, servicesOf(a, settings));
            TcpQuality q = a.quality();
            if (q != null) {
                tcp.put(ip, q);
            }
            if (a.owners != null) {
                processes.put(ip, processesOf(a.owners));
            }
            if (a.fresh > 0) {
                fresh.put(ip, a.fresh);
            }
        });
        return new Result(
                summaries, services, fresh, tcp, processes, table.connections().size(), established, byState, hidden);
    }

    private static List<ProcessCount> processesOf(Map<ProcessOwner, Integer> owners) {
        List<ProcessCount> out = new ArrayList<>(owners.size());
        owners.forEach((o, n) -> out.add(new ProcessCount(o, n)));
        out.sort((x, y) -> x.connections() != y.connections()
                ? Integer.compare(y.connections(), x.connections())
                : Integer.compare(x.owner().pid(), y.owner().pid()));
        return List.copyOf(out.subList(0, Math.min(MAX_PROCESSES_PER_IP, out.size())));
    }

    private static List<ServiceCount> servicesOf(Agg a, EngineSettings settings) {
        if (a.inboundPorts.isEmpty()) {
            return List.of();
        }
        List<ServiceCount> out = new ArrayList<>(a.inboundPorts.size());
        a.inboundPorts.forEach((port, n) ->
                out.add(new ServiceCount(port, settings.serviceNames().apply(port), n)));
        out.sort((x, y) ->
                x.count() != y.count() ? Integer.compare(y.count(), x.count()) : Integer.compare(x.port(), y.port()));
        return List.copyOf(out);
    }
}
