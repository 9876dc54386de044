package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;

/**
 * A full poll of the kernel TCP table: every non-listening connection and every listener. The
 * engine replaces its view of connections with each table, so a closed socket disappears. {@code
 * syn} carries the host's SYN-flood counters read with the table, or null when not read.
 */
public record ConnTable(
        String source, Instant time, List<Connection> connections, List<Listener> listeners, SynCounters syn)
        implements SourceEvent {

    /** A table without SYN counters. */
    public ConnTable(String source, Instant time, List<Connection> connections, List<Listener> listeners) {
        this(source, time, connections, listeners, null);
    }

    public ConnTable {
        connections = List.copyOf(connections);
        listeners = List.copyOf(listeners);
    }
}
