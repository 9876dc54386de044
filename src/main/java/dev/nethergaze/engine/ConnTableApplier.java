package dev.nethergaze.engine;

import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.TcpState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns one full kernel table into per-IP connection summaries and host-wide counts, and finds the
 * connections that are new since the previous table (for new-connections-per-second).
 */
final class ConnTableApplier {

    /** A connection's identity across polls. */
    private record ConnId(IpKey remote, int remotePort, IpKey local, int localPort) {}

    /** What one table says, grouped per visible remote IP. */
    record Result(
            Map<IpKey, ConnSummary> summaries,
            Map<IpKey, List<ServiceCount>> services,
            Map<IpKey, Integer> newConnections,
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
    }

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
        aggs.forEach((ip, a) -> {
            summaries.put(ip, new ConnSummary(a.total, a.inbound, a.total - a.inbound, a.byState));
            services.put(ip, servicesOf(a, settings));
            if (a.fresh > 0) {
                fresh.put(ip, a.fresh);
            }
        });
        return new Result(summaries, services, fresh, table.connections().size(), established, byState, hidden);
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
