package dev.nethergaze.source.conn;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.TcpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns decoded socket rows into a {@link ConnTable}: LISTEN rows become {@link Listener}s, the
 * rest {@link Connection}s whose direction comes from the listeners. A connection is INBOUND when
 * its local port is listened on at its local address or on any wildcard address (0.0.0.0 or ::, as
 * a dual-stack :: listener also takes IPv4 clients); otherwise OUTBOUND. Rows with an unspecified
 * remote (0.0.0.0 or :: with port 0, e.g. CLOSE sockets) are not connections and are dropped.
 *
 * <p>A listener's SYN queue is the number of SYN_RECV rows for it: those on its exact address, or
 * for a wildcard listener those on its port that no exact listener takes (IPv4 ones go to a
 * 0.0.0.0 listener when there is one, else to ::).
 */
final class ConnTableAssembler {

    private record Endpoint(IpKey address, int port) {}

    private static final IpKey V4_ANY = IpKey.ofV4(0);
    private static final IpKey V6_ANY = new IpKey(0, 0);

    private ConnTableAssembler() {}

    /**
     * Builds the table. procfs does not expose a listener's maximum backlog (the tx_queue column of
     * a LISTEN row is not it): with {@code txIsBacklog} false, {@link Listener#backlog()} is -1.
     */
    static ConnTable assemble(String source, Instant time, List<TcpRow> rows, boolean txIsBacklog) {
        boolean[] wildcardPorts = new boolean[65536];
        boolean[] listenPorts = new boolean[65536];
        boolean[] exactPorts = new boolean[65536];
        Set<Endpoint> exact = new HashSet<>();
        List<TcpRow> listenRows = new ArrayList<>();
        for (TcpRow r : rows) {
            if (r.state() == TcpState.LISTEN) {
                listenRows.add(r);
                listenPorts[r.localPort()] = true;
                if (r.local().isUnspecified()) {
                    wildcardPorts[r.localPort()] = true;
                } else {
                    exactPorts[r.localPort()] = true;
                    exact.add(new Endpoint(r.local(), r.localPort()));
                }
            }
        }
        Map<Endpoint, Integer> synQueues = new HashMap<>();
        List<Connection> connections = new ArrayList<>(rows.size() - listenRows.size());
        for (TcpRow r : rows) {
            if (r.state() == TcpState.LISTEN || (r.remote().isUnspecified() && r.remotePort() == 0)) {
                continue;
            }
            int port = r.localPort();
            // the set lookup (and its key) only where an address-specific listener has this port
            boolean isExact = exactPorts[port] && exact.contains(new Endpoint(r.local(), port));
            boolean inbound = listenPorts[port] && (wildcardPorts[port] || isExact);
            if (r.state() == TcpState.SYN_RECV && inbound) {
                Endpoint owner = isExact ? new Endpoint(r.local(), port) : wildcardKey(r.local(), port);
                synQueues.merge(owner, 1, Integer::sum);
            }
            connections.add(new Connection(
                    r.local(),
                    port,
                    r.remote(),
                    r.remotePort(),
                    r.state(),
                    inbound ? Direction.INBOUND : Direction.OUTBOUND,
                    r.inode(),
                    r.uid(),
                    r.health()));
        }
        List<Listener> listeners = new ArrayList<>(listenRows.size());
        boolean[] v4Wildcard = new boolean[65536];
        for (TcpRow r : listenRows) {
            if (r.local().isUnspecified() && r.local().isV4()) {
                v4Wildcard[r.localPort()] = true;
            }
        }
        for (TcpRow r : listenRows) {
            Endpoint self = new Endpoint(r.local(), r.localPort());
            int syn = synQueues.getOrDefault(self, 0);
            if (r.local().isUnspecified() && !r.local().isV4() && !v4Wildcard[r.localPort()]) {
                syn += synQueues.getOrDefault(new Endpoint(V4_ANY, r.localPort()), 0);
            }
            listeners.add(new Listener(r.local(), r.localPort(), r.rxQueue(), txIsBacklog ? r.txQueue() : -1, syn));
        }
        return new ConnTable(source, time, connections, listeners);
    }

    private static Endpoint wildcardKey(IpKey local, int port) {
        return new Endpoint(local.isV4() ? V4_ANY : V6_ANY, port);
    }
}
