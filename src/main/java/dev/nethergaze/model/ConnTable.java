package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;

/**
 * A full poll of the kernel TCP table: every non-listening connection and every listener. The
 * engine replaces its view of connections with each table, so a closed socket disappears. {@code
 * syn} carries the host's SYN-flood counters read with the table, or null when not read; {@code
 * interfaces} the network interfaces' traffic read with it (empty when not read).
 */
public record ConnTable(
        String source,
        Instant time,
        List<Connection> connections,
        List<Listener> listeners,
        SynCounters syn,
        List<InterfaceRates> interfaces)
        implements SourceEvent {

    /** A table without SYN counters. */
    public ConnTable(String source, Instant time, List<Connection> connections, List<Listener> listeners) {
        this(source, time, connections, listeners, null);
    }

    /** A table without interface counters. */
    public ConnTable(
            String source, Instant time, List<Connection> connections, List<Listener> listeners, SynCounters syn) {
        this(source, time, connections, listeners, syn, List.of());
    }

    /** About 200 bytes per connection and listener (a full table at 100k sockets is ~20 MB). */
    @Override
    public long weight() {
        return 256L + 200L * ((long) connections.size() + listeners.size());
    }

    public ConnTable {
        connections = List.copyOf(connections);
        listeners = List.copyOf(listeners);
        interfaces = List.copyOf(interfaces);
    }
}
