package dev.nethergaze.source.conn;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Real loopback sockets in known states, created in the calling thread's network namespace: a
 * listener per address with ESTABLISHED pairs, pairs closed so the client sits in TIME_WAIT, and
 * half-closed pairs (client FIN_WAIT2, server CLOSE_WAIT). Every port it uses is in {@link
 * #ports()} so a test can pick its own rows out of a busy host table. {@link #close()} resets
 * what is still open.
 */
final class SocketZoo implements AutoCloseable {

    static final int BACKLOG = 4096;

    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Socket> open = new ArrayList<>();
    private final Set<Integer> ports = new HashSet<>();

    /** A listener on {@code bind} reached at {@code connectTo}, with the given pairs in each state. */
    SocketZoo add(String bind, String connectTo, int established, int timeWait, int halfClosed) throws IOException {
        ServerSocket ls = new ServerSocket();
        listeners.add(ls);
        ls.bind(new InetSocketAddress(addr(bind), 0), BACKLOG);
        ports.add(ls.getLocalPort());
        InetSocketAddress target = new InetSocketAddress(addr(connectTo), ls.getLocalPort());
        for (int i = 0; i < established + timeWait + halfClosed; i++) {
            Socket c = new Socket();
            c.connect(target, 5000);
            Socket s = ls.accept();
            ports.add(c.getLocalPort());
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
        return InetAddress.getByAddress(
                dev.nethergaze.model.IpKey.parse(literal).toBytes());
    }

    Set<Integer> ports() {
        return Set.copyOf(ports);
    }

    @Override
    public void close() throws IOException {
        for (Socket s : open) {
            s.setSoLinger(true, 0);
            s.close();
        }
        for (ServerSocket l : listeners) {
            l.close();
        }
    }
}
