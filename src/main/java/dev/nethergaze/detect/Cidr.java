package dev.nethergaze.detect;

import dev.nethergaze.model.IpKey;

/**
 * An address prefix: {@code 203.0.113.0/24}, {@code 2001:db8::/32}, or a single address (/32, /128).
 * The network is always normalised (host bits cleared), so {@code 203.0.113.7/24} equals {@code
 * 203.0.113.0/24}.
 */
public record Cidr(IpKey network, int bits) {

    public Cidr {
        int max = network.isV4() ? 32 : 128;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("prefix length must be 0.." + max + ": " + bits);
        }
        network = network.prefix(bits);
    }

    /** One address as a full-length prefix. */
    public static Cidr of(IpKey ip) {
        return new Cidr(ip, ip.isV4() ? 32 : 128);
    }

    /** Parses {@code ADDR} or {@code ADDR/BITS}; throws {@link IllegalArgumentException} naming the text. */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        IpKey ip = IpKey.tryParse(slash < 0 ? s : s.substring(0, slash));
        if (ip == null) {
            throw new IllegalArgumentException("not an IP address or CIDR: '" + text + "'");
        }
        if (slash < 0) {
            return of(ip);
        }
        String len = s.substring(slash + 1);
        if (!len.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        int bits = Integer.parseInt(len);
        if (bits > (ip.isV4() ? 32 : 128)) {
            throw new IllegalArgumentException("prefix length too long in '" + text + "'");
        }
        return new Cidr(ip, bits);
    }

    public boolean isV4() {
        return network.isV4();
    }

    /** Whether this is one address rather than a range. */
    public boolean isSingle() {
        return bits == (isV4() ? 32 : 128);
    }

    public boolean contains(IpKey ip) {
        return ip.isV4() == isV4() && ip.prefix(bits).equals(network);
    }

    /** Whether the two ranges share at least one address. */
    public boolean overlaps(Cidr other) {
        if (other.isV4() != isV4()) {
            return false;
        }
        int shorter = Math.min(bits, other.bits);
        return network.prefix(shorter).equals(other.network.prefix(shorter));
    }

    @Override
    public String toString() {
        return isSingle() ? network.toString() : network + "/" + bits;
    }
}
