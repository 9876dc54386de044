package dev.nethergaze.model;

import java.nio.charset.StandardCharsets;

/**
 * The one identity type for an address. 128 bits; IPv4 is held in its IPv4-mapped IPv6 form
 * ({@code ::ffff:a.b.c.d}), so a v4-mapped address from a dual-stack socket and the plain IPv4 from
 * a log line are the same key. {@link #toString()} prints IPv4 dotted and IPv6 in RFC 5952 form.
 *
 * <p>Parsing never resolves host names (unlike {@code InetAddress.getByName}).
 */
public record IpKey(long hi, long lo) implements Comparable<IpKey> {

    private static final long V4_MAPPED_TAG = 0xFFFFL << 32;

    public static IpKey ofV4(int v4) {
        return new IpKey(0, V4_MAPPED_TAG | (v4 & 0xFFFFFFFFL));
    }

    /** From 4 or 16 network-order bytes. IPv4-mapped IPv6 becomes IPv4 by construction. */
    public static IpKey ofBytes(byte[] b) {
        if (b.length == 4) {
            return ofV4(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
        }
        if (b.length != 16) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes, got " + b.length);
        }
        long h = 0;
        long l = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (b[i] & 0xFF);
            l = (l << 8) | (b[i + 8] & 0xFF);
        }
        return new IpKey(h, l);
    }

    /** Parses an IPv4 or IPv6 literal (optionally bracketed); throws on anything else. */
    public static IpKey parse(String s) {
        IpKey k = tryParse(s);
        if (k == null) {
            throw new IllegalArgumentException("not an IP address: " + s);
        }
        return k;
    }

    /** Parses an IPv4 or IPv6 literal (optionally bracketed, with an IPv6 zone dropped); null if invalid. */
    public static IpKey tryParse(String s) {
        if (s == null) {
            return null;
        }
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return tryParse(b, 0, b.length);
    }

    /** Byte-level parse for hot paths; null if the range is not an address literal. */
    public static IpKey tryParse(byte[] b, int off, int len) {
        return IpLiteralParser.parse(b, off, len);
    }

    public boolean isV4() {
        return hi == 0 && (lo & 0xFFFFFFFF00000000L) == V4_MAPPED_TAG;
    }

    /** The IPv4 address as an int; only meaningful when {@link #isV4()}. */
    public int v4() {
        return (int) lo;
    }

    public byte[] toBytes() {
        if (isV4()) {
            int v = v4();
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }

    public boolean isUnspecified() {
        return isV4() ? v4() == 0 : hi == 0 && lo == 0;
    }

    public boolean isLoopback() {
        return isV4() ? (v4() >>> 24) == 127 : hi == 0 && lo == 1;
    }

    public boolean isLinkLocal() {
        if (isV4()) {
            return (v4() >>> 16) == 0xA9FE; // 169.254/16
        }
        return (hi >>> 54) == (0xFE80L >>> 6); // fe80::/10
    }

    /** RFC 1918, CGNAT 100.64/10, and IPv6 unique-local fc00::/7. */
    public boolean isPrivate() {
        if (isV4()) {
            int v = v4();
            return (v >>> 24) == 10
                    || (v >>> 20) == 0xAC1 // 172.16/12
                    || (v >>> 16) == 0xC0A8 // 192.168/16
                    || (v >>> 22) == (0x6440 >>> 6); // 100.64/10
        }
        return (hi >>> 57) == (0xFC00L >>> 9);
    }

    /** A multicast group (224.0.0.0/4, ff00::/8) or the IPv4 broadcast address: where packets go, not a peer. */
    public boolean isGroup() {
        if (isV4()) {
            return (v4() >>> 28) == 0xE || v4() == -1;
        }
        return (hi >>> 56) == 0xFF;
    }

    /** Loopback, link-local, private, unspecified, multicast or broadcast: not a public internet peer. */
    public boolean isNonPublic() {
        return isUnspecified() || isLoopback() || isLinkLocal() || isPrivate() || isGroup();
    }

    /** The network address of this IP's prefix of the given length (IPv4: 0..32, IPv6: 0..128). */
    public IpKey prefix(int bits) {
        if (isV4()) {
            if (bits < 0 || bits > 32) {
                throw new IllegalArgumentException("IPv4 prefix length must be 0..32: " + bits);
            }
            int mask = bits == 0 ? 0 : -1 << (32 - bits);
            return ofV4(v4() & mask);
        }
        if (bits < 0 || bits > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 0..128: " + bits);
        }
        long h = bits >= 64 ? hi : bits == 0 ? 0 : hi & (-1L << (64 - bits));
        long l = bits <= 64 ? 0 : bits == 128 ? lo : lo & (-1L << (128 - bits));
        return new IpKey(h, l);
    }

    /** The last address of this IP's prefix of the given length: {@link #prefix} with every host bit set. */
    public IpKey prefixEnd(int bits) {
        IpKey start = prefix(bits);
        if (isV4()) {
            return ofV4(start.v4() | (bits == 0 ? -1 : ~(-1 << (32 - bits))));
        }
        long h = bits >= 64 ? start.hi : bits == 0 ? -1L : start.hi | (-1L >>> bits);
        long l = bits >= 128 ? start.lo : bits <= 64 ? -1L : start.lo | (-1L >>> (bits - 64));
        return new IpKey(h, l);
    }

    /** Plain field comparison: the record's generated equals goes through a method handle on hot paths. */
    @Override
    public boolean equals(Object o) {
        return o instanceof IpKey k && k.hi == hi && k.lo == lo;
    }

    @Override
    public int hashCode() {
        long x = hi * 0x9E3779B97F4A7C15L + lo;
        x ^= x >>> 29;
        x *= 0xBF58476D1CE4E5B9L;
        return (int) (x ^ (x >>> 32));
    }

    @Override
    public int compareTo(IpKey o) {
        return compare(hi, lo, o.hi, o.lo);
    }

    /** The order of {@link #compareTo} for two addresses given as their halves. */
    public static int compare(long hiA, long loA, long hiB, long loB) {
        int c = Long.compareUnsigned(hiA, hiB);
        return c != 0 ? c : Long.compareUnsigned(loA, loB);
    }

    @Override
    public String toString() {
        return IpFormat.format(this);
    }
}
