package dev.nethergaze.source.conn;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.TcpHealth;
import dev.nethergaze.model.TcpState;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * Decodes sock_diag reply datagrams: {@code nlmsghdr}, then per socket an {@code inet_diag_msg}
 * (72 bytes) followed by {@code rtattr}s, of which INET_DIAG_INFO carries {@code struct tcp_info}.
 * Headers are in host byte order, addresses and ports in network order. Each datagram is copied
 * once into a reused array and decoded from there; allocates only the rows it emits.
 *
 * <p>NLMSG_DONE ends a dump, NLMSG_ERROR with a non-zero code fails it, messages of another
 * sequence number are skipped, and a socket message too short to decode is counted as malformed.
 */
final class InetDiagDecoder {

    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    private static final int NLMSG_HDRLEN = 16;
    private static final int INET_DIAG_MSG_LEN = 72;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    // offsets in struct tcp_info (include/uapi/linux/tcp.h)
    private static final int TI_UNACKED = 24;
    private static final int TI_LOST = 32;
    private static final int TI_RTT = 68;
    private static final int TI_RTTVAR = 72;
    private static final int TI_TOTAL_RETRANS = 100;
    private static final int TI_MIN_LEN = TI_TOTAL_RETRANS + 4;

    private long rows;
    private long malformed;
    private static final int KEY_BITS = 12;
    /** The low word of IpKey's IPv4 form without the address (the ::ffff:0:0/96 tag). */
    private static final long V4_LO = IpKey.ofV4(0).lo();
    /**
     * The addresses decoded lately, by hash: the same local and remote addresses recur on row after
     * row, and one shared key per address spares an allocation each (and makes later map lookups hit
     * on identity).
     */
    private final IpKey[] keys = new IpKey[1 << KEY_BITS];
    /** Each datagram is copied here once and decoded from the array. */
    private byte[] buf = new byte[64 * 1024];

    /** Socket messages seen since construction (decoded or not). */
    long rows() {
        return rows;
    }

    /** Starts counting afresh for the next dump; the buffer stays. */
    void reset() {
        rows = 0;
        malformed = 0;
    }

    /** Socket messages that could not be decoded. */
    long malformed() {
        return malformed;
    }

    /**
     * Decodes one datagram of the dump with sequence number {@code seq} (0 accepts any), handing
     * each socket to {@code out}. Returns true when the datagram ends the dump (NLMSG_DONE).
     *
     * @throws NetlinkException when the kernel answered with an error
     * @throws IOException when a message header is inconsistent with the datagram
     */
    boolean chunk(MemorySegment seg, int seq, Consumer<TcpRow> out) throws IOException {
        int end = (int) Math.min(seg.byteSize(), Integer.MAX_VALUE);
        if (buf.length < end) {
            buf = new byte[Math.max(end, 2 * buf.length)];
        }
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, 0, buf, 0, end);
        return chunk(buf, end, seq, out);
    }

    /** As {@link #chunk(MemorySegment, int, Consumer)}, on the first {@code end} bytes of {@code b}. */
    private boolean chunk(byte[] b, int end, int seq, Consumer<TcpRow> out) throws IOException {
        int off = 0;
        while (off + NLMSG_HDRLEN <= end) {
            int len = host32(b, off);
            int type = host16(b, off + 4);
            int msgSeq = host32(b, off + 8);
            if (len < NLMSG_HDRLEN || len > end - off) {
                throw new IOException(
                        "netlink: message of length " + len + " at offset " + off + " overruns " + end + "-byte reply");
            }
            if (seq == 0 || msgSeq == seq) {
                if (type == NLMSG_DONE) {
                    return true;
                }
                if (type == NLMSG_ERROR) {
                    int err = len >= NLMSG_HDRLEN + 4 ? host32(b, off + NLMSG_HDRLEN) : 0;
                    if (err != 0) {
                        throw new NetlinkException("netlink sock_diag dump", -err);
                    }
                } else if (type == SockDiagSocket.SOCK_DIAG_BY_FAMILY || type == SockDiagSocket.TCPDIAG_GETSOCK) {
                    rows++;
                    TcpRow row = decode(b, off + NLMSG_HDRLEN, len - NLMSG_HDRLEN);
                    if (row == null) {
                        malformed++;
                    } else {
                        out.accept(row);
                    }
                }
            }
            off += align4(len);
        }
        return false;
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    /** One inet_diag_msg and its attributes at {@code at}, or null when it cannot be decoded. */
    private TcpRow decode(byte[] b, int at, int len) {
        if (len < INET_DIAG_MSG_LEN) {
            return null;
        }
        int family = b[at] & 0xff;
        TcpState state = TcpState.ofCode(b[at + 1] & 0xff);
        if (state == null || (family != AF_INET && family != AF_INET6)) {
            return null;
        }
        int localPort = be16(b, at + 4);
        int remotePort = be16(b, at + 6);
        IpKey local = address(b, at + 8, family);
        IpKey remote = address(b, at + 24, family);
        long rqueue = Integer.toUnsignedLong(host32(b, at + 56));
        long wqueue = Integer.toUnsignedLong(host32(b, at + 60));
        int uid = host32(b, at + 64);
        long inode = Integer.toUnsignedLong(host32(b, at + 68));
        TcpHealth health = null;
        int a = at + INET_DIAG_MSG_LEN;
        int end = at + len;
        while (a + 4 <= end) {
            int rtaLen = host16(b, a);
            int rtaType = host16(b, a + 2);
            if (rtaLen < 4 || rtaLen > end - a) {
                return null;
            }
            if (rtaType == SockDiagSocket.INET_DIAG_INFO && rtaLen - 4 >= TI_MIN_LEN && state != TcpState.LISTEN) {
                health = health(b, a + 4, wqueue, rqueue);
            }
            a += align4(rtaLen);
        }
        return new TcpRow(local, localPort, remote, remotePort, state, wqueue, rqueue, uid, inode, health);
    }

    private static TcpHealth health(byte[] b, int ti, long sendQueue, long recvQueue) {
        return new TcpHealth(
                Integer.toUnsignedLong(host32(b, ti + TI_RTT)),
                Integer.toUnsignedLong(host32(b, ti + TI_RTTVAR)),
                Integer.toUnsignedLong(host32(b, ti + TI_TOTAL_RETRANS)),
                Integer.toUnsignedLong(host32(b, ti + TI_LOST)),
                Integer.toUnsignedLong(host32(b, ti + TI_UNACKED)),
                sendQueue,
                recvQueue);
    }

    private IpKey address(byte[] b, int at, int family) {
        IpKey k;
        int slot;
        if (family == AF_INET) {
            int v4 = be32(b, at);
            slot = (v4 * 0x9E3779B9) >>> (32 - KEY_BITS);
            k = keys[slot];
            if (k != null && k.hi() == 0 && k.lo() == (V4_LO | Integer.toUnsignedLong(v4))) {
                return k;
            }
            k = IpKey.ofV4(v4);
        } else {
            long hi = be64(b, at);
            long lo = be64(b, at + 8);
            slot = (int) (((hi ^ lo ^ (lo >>> 32)) * 0x9E3779B97F4A7C15L) >>> (64 - KEY_BITS));
            k = keys[slot];
            if (k != null && k.hi() == hi && k.lo() == lo) {
                return k;
            }
            // An IPv4-mapped address lands in IpKey's IPv4 form by construction.
            k = new IpKey(hi, lo);
        }
        keys[slot] = k;
        return k;
    }

    // Netlink headers are in host order, addresses and ports in network order. Plain shifts on an
    // array: cheap even before the JIT has compiled them, which is what a one-shot snapshot runs on.

    private static int host16(byte[] b, int i) {
        return LITTLE_ENDIAN ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 : be16(b, i);
    }

    private static int host32(byte[] b, int i) {
        return LITTLE_ENDIAN
                ? (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | b[i + 3] << 24
                : be32(b, i);
    }

    private static int be16(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
    }

    private static int be32(byte[] b, int i) {
        return b[i] << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
    }

    private static long be64(byte[] b, int i) {
        return (long) be32(b, i) << 32 | Integer.toUnsignedLong(be32(b, i + 4));
    }
}
