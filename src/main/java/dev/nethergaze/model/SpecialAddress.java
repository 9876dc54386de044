package dev.nethergaze.model;

import java.util.List;
import java.util.Optional;

/**
 * Why no Internet registry holds an address: the blocks of the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries (RFC 6890, RFC 8190 and the RFCs that added to them) that are not globally
 * reachable, the IETF protocol assignment blocks 192.0.0.0/24 and 2001::/23 whole (their few
 * anycast addresses are IANA's, not an RIR's), the deprecated 6to4 relay anycast block, IPv4
 * multicast and class E, and all IPv6 space outside global unicast 2000::/3 except what RFC 4291
 * gives a use. A 6to4 (2002::/16) or NAT64 (64:ff9b::/96, and the local-use 64:ff9b:1::/96) address
 * is classified by the IPv4 address it carries, and one carrying a public address is looked up as that
 * ({@link #carried}). RDAP and port-43 whois are never asked about these.
 *
 * <p>Not the same question as {@link IpKey#isNonPublic()}, which decides what a view shows as a
 * visitor: documentation addresses are visitors there (the demo's are), but no registry knows them.
 *
 * @param name what the block is for ("documentation")
 * @param rfc where it is defined ("RFC 5737")
 */
public record SpecialAddress(String name, String rfc) {

    /** "reserved (documentation, RFC 5737)". */
    public String describe() {
        return "reserved (" + name + ", " + rfc + ")";
    }

    /** What a lookup says instead of asking a registry. */
    public String whoisReason() {
        return describe() + ": no registry holds it";
    }

    /**
     * An IPv4 address an IPv6 one carries: a NAT64 translation (64:ff9b::/96, RFC 6052, or the
     * local-use 64:ff9b:1::/96, RFC 8215) or a 6to4 tunnel (2002::/16, RFC 3056). Where it comes
     * from, who holds it and its AS are the IPv4 address's: that is what is looked up.
     *
     * @param how "NAT64", "local-use NAT64" or "6to4"
     * @param v4 the IPv4 address inside
     */
    public record Carried(String how, IpKey v4) {
        /** "via NAT64 of 198.51.100.7". */
        public String describe() {
            return "via " + how + " of " + v4;
        }
    }

    /** The IPv4 address {@code ip} carries (NAT64, 6to4), or empty: an IPv4 address, or another IPv6 one. */
    public static Optional<Carried> carried(IpKey ip) {
        if (ip.isV4()) {
            return Optional.empty();
        }
        V6 best = best(ip);
        if (best == null || best.embeds() == Embeds.NONE) {
            return Optional.empty();
        }
        int v4 = best.embeds() == Embeds.SIX_TO_FOUR ? (int) (ip.hi() >>> 16) : (int) ip.lo();
        return Optional.of(new Carried(best.what().name(), IpKey.ofV4(v4)));
    }

    /**
     * What to look up for {@code ip} (geo, AS, RDAP/whois): the IPv4 address it carries ({@link
     * #carried}), else {@code ip} itself.
     */
    public static IpKey lookupKey(IpKey ip) {
        return carried(ip).map(Carried::v4).orElse(ip);
    }

    private enum Embeds {
        NONE,
        SIX_TO_FOUR,
        NAT64
    }

    private record V4(int start, int bits, SpecialAddress what) {}

    private record V6(long hi, long lo, int bits, SpecialAddress what, Embeds embeds) {}

    private static final List<V4> V4_BLOCKS = List.of(
            v4("0.0.0.0", 8, "this network", "RFC 1122"),
            v4("0.0.0.0", 32, "unspecified", "RFC 1122"),
            v4("10.0.0.0", 8, "private use", "RFC 1918"),
            v4("100.64.0.0", 10, "shared address space", "RFC 6598"),
            v4("127.0.0.0", 8, "loopback", "RFC 1122"),
            v4("169.254.0.0", 16, "link-local", "RFC 3927"),
            v4("172.16.0.0", 12, "private use", "RFC 1918"),
            v4("192.0.0.0", 24, "IETF protocol assignments", "RFC 6890"),
            v4("192.0.2.0", 24, "documentation", "RFC 5737"),
            v4("192.88.99.0", 24, "deprecated 6to4 relay anycast", "RFC 7526"),
            v4("192.168.0.0", 16, "private use", "RFC 1918"),
            v4("198.18.0.0", 15, "benchmarking", "RFC 2544"),
            v4("198.51.100.0", 24, "documentation", "RFC 5737"),
            v4("203.0.113.0", 24, "documentation", "RFC 5737"),
            v4("224.0.0.0", 4, "multicast", "RFC 5771"),
            v4("240.0.0.0", 4, "reserved for future use", "RFC 1112"),
            v4("255.255.255.255", 32, "limited broadcast", "RFC 919"));

    private static final List<V6> V6_BLOCKS = List.of(
            v6("::", 3, "outside global unicast 2000::/3", "RFC 4291", Embeds.NONE),
            v6("4000::", 2, "outside global unicast 2000::/3", "RFC 4291", Embeds.NONE),
            v6("8000::", 1, "outside global unicast 2000::/3", "RFC 4291", Embeds.NONE),
            v6("::", 128, "unspecified", "RFC 4291", Embeds.NONE),
            v6("::1", 128, "loopback", "RFC 4291", Embeds.NONE),
            v6("64:ff9b::", 96, "NAT64", "RFC 6052", Embeds.NAT64),
            v6("64:ff9b:1::", 48, "local-use IPv4/IPv6 translation", "RFC 8215", Embeds.NONE),
            // its /96 as RFC 6052's /96 format: the IPv4 address in the last 32 bits
            v6("64:ff9b:1::", 96, "local-use NAT64", "RFC 8215", Embeds.NAT64),
            v6("100::", 64, "discard-only", "RFC 6666", Embeds.NONE),
            v6("2001::", 23, "IETF protocol assignments", "RFC 2928", Embeds.NONE),
            v6("2001::", 32, "Teredo", "RFC 4380", Embeds.NONE),
            v6("2001:2::", 48, "benchmarking", "RFC 5180", Embeds.NONE),
            v6("2001:db8::", 32, "documentation", "RFC 3849", Embeds.NONE),
            v6("2002::", 16, "6to4", "RFC 3056", Embeds.SIX_TO_FOUR),
            v6("3fff::", 20, "documentation", "RFC 9637", Embeds.NONE),
            v6("5f00::", 16, "SRv6 segment identifiers", "RFC 9602", Embeds.NONE),
            v6("fc00::", 7, "unique local", "RFC 4193", Embeds.NONE),
            v6("fe80::", 10, "link-local", "RFC 4291", Embeds.NONE),
            v6("fec0::", 10, "deprecated site-local", "RFC 3879", Embeds.NONE),
            v6("ff00::", 8, "multicast", "RFC 4291", Embeds.NONE));

    /** The special purpose of {@code ip}'s most specific block, or empty when a registry may hold it. */
    public static Optional<SpecialAddress> of(IpKey ip) {
        return ip.isV4() ? ofV4(ip.v4()) : ofV6(ip);
    }

    private static Optional<SpecialAddress> ofV4(int v) {
        V4 best = null;
        for (V4 b : V4_BLOCKS) {
            if ((best == null || b.bits() > best.bits()) && ((v ^ b.start()) & mask32(b.bits())) == 0) {
                best = b;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.what());
    }

    private static Optional<SpecialAddress> ofV6(IpKey ip) {
        V6 best = best(ip);
        if (best == null) {
            return Optional.empty();
        }
        if (best.embeds() == Embeds.NONE) {
            return Optional.of(best.what());
        }
        // a tunnel or translator address is as routable as the IPv4 address inside it
        Carried c = carried(ip).orElseThrow();
        String outer = c.how() + " of " + c.v4();
        return ofV4(c.v4().v4()).map(inner -> new SpecialAddress(outer + ", " + inner.name(), inner.rfc()));
    }

    /** The most specific IPv6 block {@code ip} is in, or null. */
    private static V6 best(IpKey ip) {
        V6 best = null;
        for (V6 b : V6_BLOCKS) {
            if ((best == null || b.bits() > best.bits()) && within(ip, b)) {
                best = b;
            }
        }
        return best;
    }

    private static boolean within(IpKey ip, V6 b) {
        if (b.bits() <= 64) {
            return ((ip.hi() ^ b.hi()) & mask64(b.bits())) == 0;
        }
        return ip.hi() == b.hi() && ((ip.lo() ^ b.lo()) & mask64(b.bits() - 64)) == 0;
    }

    private static int mask32(int bits) {
        return bits == 0 ? 0 : -1 << (32 - bits);
    }

    private static long mask64(int bits) {
        return bits == 0 ? 0 : -1L << (64 - bits);
    }

    private static V4 v4(String start, int bits, String name, String rfc) {
        return new V4(IpKey.parse(start).v4(), bits, new SpecialAddress(name, rfc));
    }

    private static V6 v6(String start, int bits, String name, String rfc, Embeds embeds) {
        IpKey k = IpKey.parse(start);
        return new V6(k.hi(), k.lo(), bits, new SpecialAddress(name, rfc), embeds);
    }
}
