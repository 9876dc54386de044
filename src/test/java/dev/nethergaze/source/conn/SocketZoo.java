package dev.nethergaze.source.conn;

import dev.nethergaze.model.IpKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Real loopback sockets in known states, created in the calling thread's network namespace: a
 * listener per address with ESTABLISHED pairs, pairs closed so the client sits in TIME_WAIT, and
 * half-closed pairs (client FIN_WAIT2, server CLOSE_WAIT). Sockets are opened with the family of
 * their address (AF_INET for IPv4: Java's default would be a dual-stack AF_INET6 socket), so IPv4
 * rows land in the IPv4 table and a "::" listener's IPv4 clients in the IPv6 one as v4-mapped.
 * Every port it uses is in {@link #ports()}; {@link #close()} resets what is still open.
 */
final class SocketZoo implements AutoCloseable {

    static final int BACKLOG = 4096;

    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<SocketChannel> open = new ArrayList<>();
    private final Set<Integer> ports = new HashSet<>();
    private final Set<Integer> listenerPorts = new HashSet<>();

    /** A listener on {@code bind} reached at {@code connectTo}, with the given pairs in each state. */
    SocketZoo add(String bind, String connectTo, int established, int timeWait, int halfClosed) throws IOException {
        ServerSocketChannel ls = ServerSocketChannel.open(family(bind));
        listeners.add(ls);
        ls.bind(new InetSocketAddress(addr(bind), 0), BACKLOG);
        int port = ((InetSocketAddress) ls.getLocalAddress()).getPort();
        ports.add(port);
        listenerPorts.add(port);
        InetSocketAddress target = new InetSocketAddress(addr(connectTo), port);
        for (int i = 0; i < established + timeWait + halfClosed; i++) {
            SocketChannel c = SocketChannel.open(family(connectTo));
            c.connect(target);
            SocketChannel s = ls.accept();
            ports.add(((InetSocketAddress) c.getLocalAddress()).getPort());
            if (i < established) {
                open.add(c);
                open.add(s);
            } else if (i < established + timeWait) {
                c.close(); // the active closer ends in TIME_WAIT
                s.close();
            } else {
                c.close(); // client FIN_WAIT2, server CLOSE_WAIT until it closes
                open.add(s);
            }
        }
        return this;
    }

    /** An address literal, never resolved as a host name. */
    static InetAddress addr(String literal) throws IOException {
        return InetAddress.getByAddress(IpKey.parse(literal).toBytes());
    }

    static ProtocolFamily family(String literal) {
        return IpKey.parse(literal).isV4() ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    Set<Integer> ports() {
        return Set.copyOf(ports);
    }

    /** The listeners' ports: every row of this zoo has one of them at one end. */
    Set<Integer> listenerPorts() {
        return Set.copyOf(listenerPorts);
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel s : open) {
            s.setOption(StandardSocketOptions.SO_LINGER, 0);
            s.close();
        }
        for (ServerSocketChannel l : listeners) {
            l.close();
        }
    }
}
