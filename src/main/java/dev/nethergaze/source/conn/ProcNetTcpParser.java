package dev.nethergaze.source.conn;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.TcpState;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Decodes the bytes of {@code /proc/net/tcp} or {@code /proc/net/tcp6} by hand: no regex, no
 * per-line strings. Columns: {@code sl local rem st tx_queue:rx_queue tr:tm->when retrnsmt uid
 * timeout inode ...}. An address is 32-bit words printed by the kernel in host order (one word for
 * IPv4, four for IPv6), a port is big-endian hex, the state hex per {@code tcp_states.h}.
 *
 * <p>Header and blank lines are not rows. A row that cannot be decoded (bad hex, wrong field
 * length, unknown state, missing column) is counted as malformed and skipped.
 */
final class ProcNetTcpParser {

    /** How many data rows one file had, and how many of them could not be decoded. */
    record Counts(long rows, long malformed) {}

    private static final byte[] HEX = new byte[256];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = (byte) (10 + i);
            HEX['A' + i] = (byte) (10 + i);
        }
    }

    private final byte[] buf;
    private final int end;
    private final int addrLen;
    private final boolean littleEndian;
    private int pos;
    private int limit;
    private int ts;
    private int te;

    private ProcNetTcpParser(byte[] buf, int len, boolean v6, ByteOrder kernelOrder) {
        this.buf = buf;
        this.end = len;
        this.addrLen = v6 ? 32 : 8;
        this.littleEndian = kernelOrder == ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Parses {@code buf[0, len)} as a tcp ({@code v6} false) or tcp6 table written by a kernel of
     * the given byte order, handing each decoded row to {@code out}.
     */
    static Counts parse(byte[] buf, int len, boolean v6, ByteOrder kernelOrder, Consumer<TcpRow> out) {
        return new ProcNetTcpParser(buf, len, v6, kernelOrder).run(out);
    }

    private Counts run(Consumer<TcpRow> out) {
        long rows = 0;
        long malformed = 0;
        while (pos < end) {
            limit = lineEnd(pos);
            if (nextToken() && !isHeader()) {
                rows++;
                TcpRow row = decodeRow();
                if (row == null) {
                    malformed++;
                } else {
                    out.accept(row);
                }
            }
            pos = limit + 1;
        }
        return new Counts(rows, malformed);
    }

    private int lineEnd(int from) {
        for (int i = from; i < end; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return end;
    }

    private boolean isHeader() {
        return te - ts == 2 && buf[ts] == 's' && buf[ts + 1] == 'l';
    }

    /** Decodes the current line, whose first token (the slot number) is already read; null if bad. */
    private TcpRow decodeRow() {
        if (buf[te - 1] != ':' || !nextToken()) {
            return null;
        }
        IpKey local = endpointAddress();
        int localPort = endpointPort();
        if (local == null || localPort < 0 || !nextToken()) {
            return null;
        }
        IpKey remote = endpointAddress();
        int remotePort = endpointPort();
        if (remote == null || remotePort < 0 || !nextToken() || te - ts != 2) {
            return null;
        }
        long code = hex(ts, 2);
        TcpState state = code < 0 ? null : TcpState.ofCode((int) code);
        if (state == null || !nextToken()) {
            return null;
        }
        int colon = indexOfColon();
        long tx = colon < 0 ? -1 : hexVar(ts, colon);
        long rx = colon < 0 ? -1 : hexVar(colon + 1, te);
        // tr:tm->when and retrnsmt are not kept
        if (tx < 0 || rx < 0 || !nextToken() || !nextToken() || !nextToken()) {
            return null;
        }
        long uid = decimal();
        // timeout is not kept
        if (uid < 0 || uid > 0xFFFFFFFFL || !nextToken() || !nextToken()) {
            return null;
        }
        long inode = decimal();
        if (inode < 0) {
            return null;
        }
        return new TcpRow(local, localPort, remote, remotePort, state, tx, rx, (int) uid, inode, null);
    }

    private IpKey endpointAddress() {
        if (te - ts != addrLen + 5 || buf[ts + addrLen] != ':') {
            return null;
        }
        if (addrLen == 8) {
            long w = hex(ts, 8);
            return w < 0 ? null : IpKey.ofV4(word(w));
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            long w = hex(ts + 8 * i, 8);
            if (w < 0) {
                return null;
            }
            long a = word(w) & 0xFFFFFFFFL;
            if (i < 2) {
                hi = (hi << 32) | a;
            } else {
                lo = (lo << 32) | a;
            }
        }
        // An IPv4-mapped address lands in IpKey's IPv4 form by construction.
        return new IpKey(hi, lo);
    }

    private int endpointPort() {
        return (int) hex(ts + addrLen + 1, 4);
    }

    private int word(long w) {
        return littleEndian ? Integer.reverseBytes((int) w) : (int) w;
    }

    private int indexOfColon() {
        for (int i = ts; i < te; i++) {
            if (buf[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /** Advances to the next space-separated token on the current line; false at the line's end. */
    private boolean nextToken() {
        int p = pos;
        while (p < limit && isSpace(buf[p])) {
            p++;
        }
        ts = p;
        while (p < limit && !isSpace(buf[p])) {
            p++;
        }
        te = p;
        pos = p;
        return te > ts;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    /** Exactly {@code n} hex digits at {@code at}, or -1. */
    private long hex(int at, int n) {
        long v = 0;
        for (int i = at; i < at + n; i++) {
            int d = HEX[buf[i] & 0xFF];
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }

    /** 1 to 15 hex digits in {@code [from, to)}, or -1. */
    private long hexVar(int from, int to) {
        int n = to - from;
        return n < 1 || n > 15 ? -1 : hex(from, n);
    }

    /** The current token as an unsigned decimal of at most 18 digits, or -1. */
    private long decimal() {
        if (te - ts > 18) {
            return -1;
        }
        long v = 0;
        for (int i = ts; i < te; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
