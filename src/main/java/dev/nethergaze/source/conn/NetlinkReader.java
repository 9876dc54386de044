package dev.nethergaze.source.conn;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the TCP table through NETLINK_SOCK_DIAG: one dump of both families (or, on a kernel that
 * refuses that request, one for IPv4 and one for IPv6), each socket
 * with its {@code tcp_info} (RTT, retransmits, lost, unacked) and, for listeners, the backlog. The
 * socket, its buffers and the row list are kept between polls; the socket is opened on the first
 * read and reopened after a failed one (a half-read dump must not leak into the next). Not
 * thread-safe: one poller.
 */
public final class NetlinkReader implements ConnectionReader, AutoCloseable {

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    private final ArrayList<TcpRow> rows = new ArrayList<>();
    private final InetDiagDecoder decoder = new InetDiagDecoder();
    private SockDiagSocket socket;
    private int lastSize = 16;
    /** Set when the kernel refused the single dump of both families; then one dump per family. */
    private boolean perFamily;

    @Override
    public String name() {
        return "netlink";
    }

    /**
     * Reads the table.
     *
     * @throws AccessDeniedException when the netlink socket may not be opened
     * @throws NetlinkException when a call or the kernel fails, with the errno's reason
     */
    @Override
    public ReadResult read(Instant now) throws IOException {
        if (socket == null) {
            socket = openSocket();
        }
        try {
            return readOpen(now);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static SockDiagSocket openSocket() throws IOException {
        try {
            return SockDiagSocket.open();
        } catch (NetlinkException e) {
            if (e.isPermission()) {
                AccessDeniedException denied = new AccessDeniedException("netlink sock_diag");
                denied.initCause(e);
                throw denied;
            }
            throw e;
        }
    }

    private ReadResult readOpen(Instant now) throws IOException {
        rows.clear();
        rows.ensureCapacity(lastSize + lastSize / 8);
        decoder.reset();
        if (!perFamily) {
            try {
                socket.dumpBothFamilies((chunk, seq) -> decoder.chunk(chunk, seq, rows::add));
            } catch (NetlinkException e) {
                if (decoder.rows() > 0 || e.isPermission()) {
                    throw e;
                }
                perFamily = true; // a kernel without the original request type: one dump per family
            }
        }
        if (perFamily) {
            dump(AF_INET);
            dump(AF_INET6);
        }
        lastSize = rows.size();
        List<TcpRow> snapshot = rows;
        return new ReadResult(
                ConnTableAssembler.assemble(name(), now, snapshot, true), decoder.rows(), decoder.malformed());
    }

    private void dump(int family) throws IOException {
        socket.dump(family, (chunk, seq) -> decoder.chunk(chunk, seq, rows::add));
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
        rows.clear();
        rows.trimToSize();
    }
}
