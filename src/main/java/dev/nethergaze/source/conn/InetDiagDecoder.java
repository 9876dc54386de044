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
 * Headers are in host byte order, addresses and ports in network order. Reads straight from the
 * segment (native buffer or recorded bytes); allocates only the rows it emits.
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

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt BE32 = U32.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort BE16 = U16.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong BE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    // offsets in struct tcp_info (include/uapi/linux/tcp.h)
    private static final int TI_UNACKED = 24;
    private static final int TI_LOST = 32;
    private static final int TI_RTT = 68;
    private static final int TI_RTTVAR = 72;
    private static final int TI_TOTAL_RETRANS = 100;
    private static final int TI_MIN_LEN = TI_TOTAL_RETRANS + 4;

    private long rows;
    private long malformed;

    /** Socket messages seen since construction (decoded or not). */
    long rows() {
        return rows;
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
        long end = seg.byteSize();
        long off = 0;
        while (off + NLMSG_HDRLEN <= end) {
            int len = seg.get(U32, off);
            int type = Short.toUnsignedInt(seg.get(U16, off + 4));
            int msgSeq = seg.get(U32, off + 8);
            if (len < NLMSG_HDRLEN || off + len > end) {
                throw new IOException(
                        "netlink: message of length " + len + " at offset " + off + " overruns " + end + "-byte reply");
            }
            if (seq == 0 || msgSeq == seq) {
                if (type == NLMSG_DONE) {
                    return true;
                }
                if (type == NLMSG_ERROR) {
                    int err = len >= NLMSG_HDRLEN + 4 ? seg.get(U32, off + NLMSG_HDRLEN) : 0;
                    if (err != 0) {
                        throw new NetlinkException("netlink sock_diag dump", -err);
                    }
                } else if (type == SockDiagSocket.SOCK_DIAG_BY_FAMILY || type == SockDiagSocket.TCPDIAG_GETSOCK) {
                    rows++;
                    TcpRow row = decode(seg, off + NLMSG_HDRLEN, len - NLMSG_HDRLEN);
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

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }

    /** One inet_diag_msg and its attributes at {@code at}, or null when it cannot be decoded. */
    static TcpRow decode(MemorySegment seg, long at, long len) {
        if (len < INET_DIAG_MSG_LEN) {
            return null;
        }
        int family = Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, at));
        TcpState state = TcpState.ofCode(Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, at + 1)));
        if (state == null || (family != AF_INET && family != AF_INET6)) {
            return null;
        }
        int localPort = Short.toUnsignedInt(seg.get(BE16, at + 4));
        int remotePort = Short.toUnsignedInt(seg.get(BE16, at + 6));
        IpKey local = address(seg, at + 8, family);
        IpKey remote = address(seg, at + 24, family);
        long rqueue = Integer.toUnsignedLong(seg.get(U32, at + 56));
        long wqueue = Integer.toUnsignedLong(seg.get(U32, at + 60));
        int uid = seg.get(U32, at + 64);
        long inode = Integer.toUnsignedLong(seg.get(U32, at + 68));
        TcpHealth health = null;
        long a = at + INET_DIAG_MSG_LEN;
        long end = at + len;
        while (a + 4 <= end) {
            int rtaLen = Short.toUnsignedInt(seg.get(U16, a));
            int rtaType = Short.toUnsignedInt(seg.get(U16, a + 2));
            if (rtaLen < 4 || a + rtaLen > end) {
                return null;
            }
            if (rtaType == SockDiagSocket.INET_DIAG_INFO && rtaLen - 4 >= TI_MIN_LEN && state != TcpState.LISTEN) {
                health = health(seg, a + 4, wqueue, rqueue);
            }
            a += align4(rtaLen);
        }
        return new TcpRow(local, localPort, remote, remotePort, state, wqueue, rqueue, uid, inode, health);
    }

    private static TcpHealth health(MemorySegment seg, long ti, long sendQueue, long recvQueue) {
        return new TcpHealth(
                Integer.toUnsignedLong(seg.get(U32, ti + TI_RTT)),
                Integer.toUnsignedLong(seg.get(U32, ti + TI_RTTVAR)),
                Integer.toUnsignedLong(seg.get(U32, ti + TI_TOTAL_RETRANS)),
                Integer.toUnsignedLong(seg.get(U32, ti + TI_LOST)),
                Integer.toUnsignedLong(seg.get(U32, ti + TI_UNACKED)),
                sendQueue,
                recvQueue);
    }

    private static IpKey address(MemorySegment seg, long at, int family) {
        if (family == AF_INET) {
            return IpKey.ofV4(seg.get(BE32, at));
        }
        // An IPv4-mapped address lands in IpKey's IPv4 form by construction.
        return new IpKey(seg.get(BE64, at), seg.get(BE64, at + 8));
    }
}
