package dev.nethergaze.source.conn;

import dev.nethergaze.source.sys.LibC;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A NETLINK_SOCK_DIAG socket that dumps the kernel's TCP sockets of one address family with an
 * {@code inet_diag_req_v2} request. The request, the receive buffer and the errno slot are
 * allocated once and reused by every dump. Not thread-safe: one poller.
 *
 * <p>A dump is a sequence of datagrams, each holding whole netlink messages; they are handed to a
 * {@link ChunkHandler} until it reports NLMSG_DONE. EINTR is retried; a datagram larger than the
 * buffer (MSG_TRUNC) is an error rather than a silent loss.
 */
final class SockDiagSocket implements AutoCloseable {

    /** Receives the datagrams of one dump. */
    @FunctionalInterface
    interface ChunkHandler {
        /** Handles {@code chunk} (valid until the next call); returns true once NLMSG_DONE was seen. */
        boolean chunk(MemorySegment chunk, int seq) throws IOException;
    }

    static final int NETLINK_SOCK_DIAG = 4;
    static final int SOCK_DIAG_BY_FAMILY = 20;
    /** The original inet_diag request type for TCP; its dump covers IPv4 and IPv6 in one walk. */
    static final int TCPDIAG_GETSOCK = 18;

    static final int IPPROTO_TCP = 6;
    static final int INET_DIAG_INFO = 2;
    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_DUMP = 0x300;
    private static final int REQUEST_LEN = 16 + 56; // nlmsghdr + inet_diag_req_v2
    private static final int COMPAT_REQUEST_LEN = 16 + 60; // nlmsghdr + inet_diag_req (v1)
    /** The kernel caps one dump datagram at 32 KiB; twice that leaves room. */
    private static final int BUFFER = 64 * 1024;

    private final Arena arena;
    private final MemorySegment errno;
    private final MemorySegment request;
    private final MemorySegment kernel;
    private final MemorySegment buf;
    private int fd;
    private int seq;

    private SockDiagSocket(Arena arena, int fd) {
        this.arena = arena;
        this.fd = fd;
        this.errno = LibC.newErrnoSegment(arena);
        this.request = arena.allocate(Math.max(REQUEST_LEN, COMPAT_REQUEST_LEN), 8);
        this.kernel = arena.allocate(12, 4); // sockaddr_nl {family, pad, pid 0, groups 0}
        this.kernel.set(ValueLayout.JAVA_SHORT, 0, (short) LibC.AF_NETLINK);
        this.buf = arena.allocate(BUFFER, 8);
    }

    /** Opens the socket; fails with the errno's reason (e.g. "permission denied"). */
    static SockDiagSocket open() throws NetlinkException {
        Arena arena = Arena.ofShared();
        MemorySegment err = LibC.newErrnoSegment(arena);
        int fd = LibC.socket(err, LibC.AF_NETLINK, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
        if (fd < 0) {
            int e = LibC.errno(err);
            arena.close();
            throw new NetlinkException("netlink socket", e);
        }
        return new SockDiagSocket(arena, fd);
    }

    /**
     * Dumps every TCP socket of {@code family} (AF_INET 2 or AF_INET6 10) in every state, asking for
     * {@code tcp_info}, and feeds the reply to {@code handler}.
     */
    void dump(int family, ChunkHandler handler) throws IOException {
        int s = begin(REQUEST_LEN, SOCK_DIAG_BY_FAMILY);
        request.set(ValueLayout.JAVA_BYTE, 16, (byte) family);
        request.set(ValueLayout.JAVA_BYTE, 17, (byte) IPPROTO_TCP);
        request.set(ValueLayout.JAVA_BYTE, 18, (byte) (1 << (INET_DIAG_INFO - 1)));
        request.set(ValueLayout.JAVA_INT, 20, -1); // idiag_states: all, including NEW_SYN_RECV
        run(REQUEST_LEN, s, handler);
    }

    /**
     * Dumps every TCP socket of both families in every state, with {@code tcp_info}, through the
     * original {@code inet_diag_req} (TCPDIAG_GETSOCK, as {@code ss} does): the kernel walks its
     * socket tables once, where two {@link #dump}s walk them twice (each skips the other family's
     * sockets, ~40 ms at 100k sockets). Replies carry type {@link #TCPDIAG_GETSOCK}.
     */
    void dumpBothFamilies(ChunkHandler handler) throws IOException {
        int s = begin(COMPAT_REQUEST_LEN, TCPDIAG_GETSOCK);
        // idiag_family (16) 0: the kernel dumps both families for this request type
        request.set(ValueLayout.JAVA_BYTE, 19, (byte) (1 << (INET_DIAG_INFO - 1))); // idiag_ext
        request.set(ValueLayout.JAVA_INT, 68, -1); // idiag_states: all, after the 48-byte socket id
        run(COMPAT_REQUEST_LEN, s, handler);
    }

    private int begin(int len, int type) throws IOException {
        if (fd < 0) {
            throw new IOException("netlink socket is closed");
        }
        int s = ++seq;
        request.fill((byte) 0);
        request.set(ValueLayout.JAVA_INT, 0, len);
        request.set(ValueLayout.JAVA_SHORT, 4, (short) type);
        request.set(ValueLayout.JAVA_SHORT, 6, (short) (NLM_F_REQUEST | NLM_F_DUMP));
        request.set(ValueLayout.JAVA_INT, 8, s);
        return s;
    }

    private void run(int len, int s, ChunkHandler handler) throws IOException {
        send(len);
        boolean done = false;
        while (!done) {
            done = handler.chunk(receive(), s);
        }
    }

    private void send(int len) throws NetlinkException {
        while (true) {
            long n = LibC.sendto(errno, fd, request, len, kernel, (int) kernel.byteSize());
            if (n >= 0) {
                return;
            }
            int e = LibC.errno(errno);
            if (e != LibC.EINTR) {
                throw new NetlinkException("netlink send", e);
            }
        }
    }

    private MemorySegment receive() throws IOException {
        while (true) {
            long n = LibC.recv(errno, fd, buf, BUFFER, LibC.MSG_TRUNC);
            if (n > BUFFER) {
                throw new IOException(
                        "netlink: reply datagram of " + n + " bytes exceeds the " + BUFFER + "-byte buffer");
            }
            if (n >= 0) {
                return buf.asSlice(0, n);
            }
            int e = LibC.errno(errno);
            if (e != LibC.EINTR) {
                throw new NetlinkException("netlink receive", e);
            }
        }
    }

    @Override
    public void close() {
        if (fd >= 0) {
            LibC.close(fd);
            fd = -1;
            arena.close();
        }
    }
}
