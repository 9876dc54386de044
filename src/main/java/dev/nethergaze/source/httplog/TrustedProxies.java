package dev.nethergaze.source.httplog;

import dev.nethergaze.model.IpKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The CIDR ranges whose forwarded headers are believed. Entries are {@code a.b.c.d/n}, {@code
 * v6::/n} (an IPv4-mapped {@code ::ffff:a.b.c.d/n}, n &ge; 96, is its IPv4 range), a bare address, or the preset {@code cloudflare} (Cloudflare's published ranges, from
 * https://www.cloudflare.com/ips-v4 and ips-v6). Lookup is a linear scan over a handful of ranges.
 */
public final class TrustedProxies {

    /** Cloudflare's published edge ranges (ips-v4, ips-v6). */
    static final List<String> CLOUDFLARE = List.of(
            "173.245.48.0/20",
            "103.21.244.0/22",
            "103.22.200.0/22",
            "103.31.4.0/22",
            "141.101.64.0/18",
            "108.162.192.0/18",
            "190.93.240.0/20",
            "188.114.96.0/20",
            "197.234.240.0/22",
            "198.41.128.0/17",
            "162.158.0.0/15",
            "104.16.0.0/13",
            "104.24.0.0/14",
            "172.64.0.0/13",
            "131.0.72.0/22",
            "2400:cb00::/32",
            "2606:4700::/32",
            "2803:f800::/32",
            "2405:b500::/32",
            "2405:8100::/32",
            "2a06:98c0::/29",
            "2c0f:f248::/32");

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private record Range(long hi, long lo, long maskHi, long maskLo) {
        boolean contains(IpKey ip) {
            return (ip.hi() & maskHi) == hi && (ip.lo() & maskLo) == lo;
        }
    }

    private final Range[] ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges.toArray(new Range[0]);
    }

    /** Parses the configured list; throws IllegalArgumentException naming the bad entry. */
    public static TrustedProxies parse(List<String> entries) {
        List<Range> out = new ArrayList<>();
        for (String e : entries) {
            String t = e.strip();
            if (t.equalsIgnoreCase("cloudflare")) {
                CLOUDFLARE.forEach(c -> out.add(range(c)));
            } else if (!t.isEmpty()) {
                out.add(range(t));
            }
        }
        return new TrustedProxies(out);
    }

    public boolean isEmpty() {
        return ranges.length == 0;
    }

    public boolean contains(IpKey ip) {
        for (Range r : ranges) {
            if (r.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private static Range range(String cidr) {
        int slash = cidr.indexOf('/');
        IpKey base = IpKey.tryParse(slash < 0 ? cidr : cidr.substring(0, slash));
        if (base == null) {
            throw new IllegalArgumentException("not an address or CIDR range: " + cidr);
        }
        // the prefix counts the bits of the form written: ::ffff:10.0.0.0/104 is 10.0.0.0/8, as IPv4
        // keys live in ::ffff:0:0/96 (a v4-mapped peer is the same key as its IPv4 form)
        boolean v6Form = cidr.indexOf(':') >= 0;
        int max = v6Form ? 128 : 32;
        String len = slash < 0 ? null : cidr.substring(slash + 1);
        // digits only: Integer.parseInt took "+8" (and "٨", Arabic-Indic digits) as a length
        int bits = len == null ? max : len.matches("[0-9]{1,3}") ? Integer.parseInt(len) : -1;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("bad prefix length in " + cidr);
        }
        if (v6Form && base.isV4() && bits < 96) { // ::ffff:10.0.0.0/8 would trust every IPv4 peer there is
            throw new IllegalArgumentException("an IPv4-mapped range needs a prefix of 96 or more, not " + cidr
                    + " (::ffff:10.0.0.0/104 is 10.0.0.0/8)");
        }
        int b128 = v6Form ? bits : 96 + bits;
        long maskHi = b128 >= 64 ? -1L : b128 == 0 ? 0 : -1L << (64 - b128);
        long maskLo = b128 <= 64 ? 0 : b128 == 128 ? -1L : -1L << (128 - b128);
        return new Range(base.hi() & maskHi, base.lo() & maskLo, maskHi, maskLo);
    }
}
