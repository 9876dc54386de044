package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;

/**
 * A full poll of the kernel TCP table: every non-listening connection and every listener. The
 * engine replaces its view of connections with each table, so a closed socket disappears.
 */
public record ConnTable(String source, Instant time, List<Connection> connections, List<Listener> listeners)
        implements SourceEvent {

    public ConnTable {
        connections = List.copyOf(connections);
        listeners = List.copyOf(listeners);
    }
}
