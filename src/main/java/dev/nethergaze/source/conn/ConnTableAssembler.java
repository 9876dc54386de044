package dev.nethergaze.source.conn;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.TcpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns decoded socket rows into a {@link ConnTable}: LISTEN rows become {@link Listener}s, the
 * rest {@link Connection}s whose direction comes from the listeners. A connection is INBOUND when
 * its local port is listened on at its local address or on any wildcard address (0.0.0.0 or ::, as
 * a dual-stack :: listener also takes IPv4 clients); otherwise OUTBOUND. Rows with an unspecified
 * remote (0.0.0.0 or :: with port 0, e.g. CLOSE sockets) are not connections and are dropped.
 */
final class ConnTableAssembler {

    private record Endpoint(IpKey address, int port) {}

    private ConnTableAssembler() {}

    /**
     * Builds the table. procfs does not expose a listener's maximum backlog (the tx_queue column of
     * a LISTEN row is not it), so {@link Listener#backlog()} is -1 (unknown).
     */
    static ConnTable assemble(String source, Instant time, List<TcpRow> rows) {
        boolean[] wildcardPorts = new boolean[65536];
        boolean[] listenPorts = new boolean[65536];
        Set<Endpoint> exact = new HashSet<>();
        List<Listener> listeners = new ArrayList<>();
        for (TcpRow r : rows) {
            if (r.state() == TcpState.LISTEN) {
                listeners.add(new Listener(r.local(), r.localPort(), r.rxQueue(), -1));
                listenPorts[r.localPort()] = true;
                if (r.local().isUnspecified()) {
                    wildcardPorts[r.localPort()] = true;
                } else {
                    exact.add(new Endpoint(r.local(), r.localPort()));
                }
            }
        }
        List<Connection> connections = new ArrayList<>(rows.size() - listeners.size());
        for (TcpRow r : rows) {
            if (r.state() == TcpState.LISTEN || (r.remote().isUnspecified() && r.remotePort() == 0)) {
                continue;
            }
            int port = r.localPort();
            boolean inbound =
                    listenPorts[port] && (wildcardPorts[port] || exact.contains(new Endpoint(r.local(), port)));
            connections.add(new Connection(
                    r.local(),
                    port,
                    r.remote(),
                    r.remotePort(),
                    r.state(),
                    inbound ? Direction.INBOUND : Direction.OUTBOUND,
                    r.inode(),
                    r.uid(),
                    null));
        }
        return new ConnTable(source, time, connections, listeners);
    }
}
