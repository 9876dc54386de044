package dev.nethergaze.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What the host's firewall blocks, as address ranges (a single address, a prefix and an nftables
 * range are all one), indexed for lookup by address: immutable, built once per read of the firewall
 * off the engine thread. A lookup is a binary search plus a walk back over the ranges that can still
 * reach the address (a running maximum of their ends bounds it), so nested and overlapping ranges
 * (a /24 in one set and an address of it in another) are all found.
 */
public final class BlockTable {

    /** The addresses {@code first}..{@code last} (inclusive, one family) are blocked by {@code block}. */
    public record Range(IpKey first, IpKey last, Block block) {
        public Range {
            if (first.isV4() != last.isV4() || first.compareTo(last) > 0) {
                throw new IllegalArgumentException("not a range: " + first + "-" + last);
            }
        }

        /** The range of a prefix. */
        public static Range prefix(IpKey network, int bits, Block block) {
            return new Range(network.prefix(bits), network.prefixEnd(bits), block);
        }
    }

    public static final BlockTable EMPTY = new BlockTable(List.of());

    private final Range[] ranges;
    /** {@code reach[i]}: the greatest {@code last} among {@code ranges[0..i]}. */
    private final IpKey[] reach;

    private BlockTable(List<Range> all) {
        ranges = all.toArray(new Range[0]);
        Arrays.sort(ranges, Comparator.comparing(Range::first).thenComparing(Range::last, Comparator.reverseOrder()));
        reach = new IpKey[ranges.length];
        IpKey max = null;
        for (int i = 0; i < ranges.length; i++) {
            IpKey l = ranges[i].last();
            max = max == null || l.compareTo(max) > 0 ? l : max;
            reach[i] = max;
        }
    }

    public static BlockTable of(List<Range> ranges) {
        return ranges.isEmpty() ? EMPTY : new BlockTable(ranges);
    }

    /** How many ranges (set elements, addresses and prefixes of rules) the table holds. */
    public int size() {
        return ranges.length;
    }

    /**
     * Every rule that blocks any address of {@code first}..{@code last} (one family), by where its
     * range starts: what still holds part of a prefix. A walk over the ranges that start by {@code last}.
     */
    public List<Block> anyOf(IpKey first, IpKey last) {
        List<Block> out = new ArrayList<>();
        for (Range r : ranges) {
            if (r.first().compareTo(last) > 0) {
                break;
            }
            if (r.first().isV4() == first.isV4() && r.last().compareTo(first) >= 0 && !out.contains(r.block())) {
                out.add(r.block());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Every rule that blocks {@code ip}, by where its range starts (of two that start together, the
     * wider first); empty when none does.
     */
    public List<Block> find(IpKey ip) {
        int lo = 0;
        int hi = ranges.length - 1;
        int at = -1; // the last range starting at or before ip
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ranges[mid].first().compareTo(ip) <= 0) {
                at = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        List<Block> out = null;
        for (int i = at; i >= 0 && reach[i].compareTo(ip) >= 0; i--) {
            if (ranges[i].last().compareTo(ip) >= 0 && ranges[i].first().isV4() == ip.isV4()) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                if (!out.contains(ranges[i].block())) {
                    out.add(0, ranges[i].block());
                }
            }
        }
        return out == null ? List.of() : List.copyOf(out);
    }
}
