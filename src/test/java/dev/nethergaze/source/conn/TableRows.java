package dev.nethergaze.source.conn;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.TcpState;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** What two readers must agree on, one line per row, sorted, optionally only the rows of some ports. */
final class TableRows {

    private TableRows() {}

    static List<String> of(ConnTable t, Set<Integer> ports) {
        Stream<String> conns = t.connections().stream()
                .filter(c -> ports == null || ports.contains(c.localPort()) || ports.contains(c.remotePort()))
                .map(TableRows::line);
        Stream<String> ls = t.listeners().stream()
                .filter(l -> ports == null || ports.contains(l.port()))
                .map(TableRows::line);
        return Stream.concat(ls, conns).sorted().toList();
    }

    static String line(Connection c) {
        return c.state() + " " + c.local() + ":" + c.localPort() + " " + c.remote() + ":" + c.remotePort() + " "
                + c.direction() + " inode=" + c.inode() + " uid=" + c.uid();
    }

    static String line(Listener l) {
        return TcpState.LISTEN + " " + l.local() + ":" + l.port() + " accept=" + l.acceptQueue() + " syn="
                + l.synQueue();
    }

    static long count(ConnTable t, Set<Integer> ports, TcpState st) {
        return t.connections().stream()
                .filter(c -> c.state() == st)
                .filter(c -> ports == null || ports.contains(c.localPort()) || ports.contains(c.remotePort()))
                .count();
    }
}
