package dev.nethergaze.model;

/** Allocation-light parser of IPv4/IPv6 literals from bytes. Never resolves names. */
final class IpLiteralParser {

    private IpLiteralParser() {}

    static IpKey parse(byte[] b, int off, int len) {
        if (len <= 0 || off < 0 || off + len > b.length) {
            return null;
        }
        int end = off + len;
        if (b[off] == '[') {
            if (b[end - 1] != ']') {
                return null;
            }
            off++;
            end--;
        }
        for (int i = off; i < end; i++) {
            if (b[i] == '%') { // zone id: fe80::1%eth0
                end = i;
                break;
            }
        }
        if (end - off < 2) {
            return null;
        }
        for (int i = off; i < end; i++) {
            if (b[i] == ':') {
                return parseV6(b, off, end);
            }
        }
        long v4 = parseV4(b, off, end);
        return v4 < 0 ? null : IpKey.ofV4((int) v4);
    }

    /** Dotted quad to an unsigned 32-bit value, or -1. Rejects leading zeros in multi-digit octets. */
    static long parseV4(byte[] b, int off, int end) {
        long value = 0;
        int octets = 0;
        int i = off;
        while (i < end) {
            int start = i;
            int octet = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                octet = octet * 10 + (b[i] - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && b[start] == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            octets++;
            if (i < end) {
                if (b[i] != '.' || octets == 4) {
                    return -1;
                }
                i++;
                if (i == end) {
                    return -1;
                }
            }
        }
        return octets == 4 ? value : -1;
    }

    private static IpKey parseV6(byte[] b, int off, int end) {
        // the groups shift into a 128-bit register (hi, lo), the last in the lowest 16 bits; "::" is
        // put in at the end. No array per address: replay parses one per line, and C1 keeps them all
        long hi = 0;
        long lo = 0;
        int n = 0; // groups seen
        int gap = -1; // groups before "::", or -1 without one
        int i = off;
        if (end - off >= 2 && b[off] == ':' && b[off + 1] == ':') {
            gap = 0;
            i = off + 2;
        } else if (b[off] == ':') {
            return null;
        }
        while (i < end) {
            int start = i;
            int v = 0;
            while (i < end && HexDigit.value(b[i]) >= 0) {
                v = (v << 4) | HexDigit.value(b[i]);
                i++;
                if (i - start > 4) {
                    return null;
                }
            }
            if (i < end && b[i] == '.') { // embedded IPv4 tail: its two groups
                long v4 = parseV4(b, start, end);
                if (v4 < 0 || n > 6) {
                    return null;
                }
                hi = (hi << 32) | (lo >>> 32);
                lo = (lo << 32) | v4;
                n += 2;
                break;
            }
            if (i == start || n == 8) {
                return null;
            }
            hi = (hi << 16) | (lo >>> 48);
            lo = (lo << 16) | v;
            n++;
            if (i == end) {
                break;
            }
            if (b[i] != ':') {
                return null;
            }
            i++;
            if (i < end && b[i] == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i++;
            } else if (i == end) {
                return null;
            }
        }
        if (gap < 0) {
            return n == 8 ? new IpKey(hi, lo) : null;
        }
        if (n > 7) {
            return null;
        }
        // the groups after "::" stay; those before it move up by the zero groups "::" stands for
        int tail = 16 * (n - gap); // 0..112
        int zeros = 16 * (8 - n); // 16..128
        long tailHi = tail >= 64 ? (1L << (tail - 64)) - 1 : 0;
        long tailLo = tail >= 64 ? -1L : (1L << tail) - 1;
        long headHi = hi & ~tailHi;
        long headLo = lo & ~tailLo;
        long upHi;
        long upLo;
        if (zeros >= 128) {
            upHi = 0;
            upLo = 0;
        } else if (zeros >= 64) {
            upHi = headLo << (zeros - 64);
            upLo = 0;
        } else {
            upHi = (headHi << zeros) | (headLo >>> (64 - zeros));
            upLo = headLo << zeros;
        }
        return new IpKey(upHi | (hi & tailHi), upLo | (lo & tailLo));
    }
}
