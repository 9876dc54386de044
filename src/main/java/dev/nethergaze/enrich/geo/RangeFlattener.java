package dev.nethergaze.enrich.geo;

import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns possibly nested or overlapping ranges into disjoint segments, each owned by the smallest
 * range covering it (ties: the later line wins). A sweep over the sorted boundaries, O(n log n).
 */
final class RangeFlattener {

    record Segment(IpKey start, IpKey end, GeoInfo info) {}

    private record Range(BigInteger start, BigInteger end, BigInteger size, int order, GeoInfo info) {}

    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final List<Range> ranges = new ArrayList<>();

    void add(BigInteger start, BigInteger end, GeoInfo info) {
        ranges.add(new Range(start, end, end.subtract(start), ranges.size(), info));
    }

    List<Segment> flatten() {
        TreeMap<BigInteger, List<Range>> opens = new TreeMap<>();
        TreeMap<BigInteger, List<Range>> closes = new TreeMap<>();
        for (Range r : ranges) {
            opens.computeIfAbsent(r.start(), k -> new ArrayList<>()).add(r);
            closes.computeIfAbsent(r.end().add(BigInteger.ONE), k -> new ArrayList<>())
                    .add(r);
        }
        TreeSet<BigInteger> points = new TreeSet<>(opens.keySet());
        points.addAll(closes.keySet());
        TreeSet<Range> active = new TreeSet<>(Comparator.comparing(Range::size)
                .thenComparing(Comparator.comparingInt(Range::order).reversed()));
        List<Segment> out = new ArrayList<>();
        BigInteger prev = null;
        for (BigInteger p : points) {
            if (prev != null && !active.isEmpty()) {
                emit(out, prev, p.subtract(BigInteger.ONE), active.first().info());
            }
            closes.getOrDefault(p, List.of()).forEach(active::remove);
            opens.getOrDefault(p, List.of()).forEach(active::add);
            prev = p;
        }
        return out;
    }

    private static void emit(List<Segment> out, BigInteger start, BigInteger end, GeoInfo info) {
        if (!out.isEmpty()) {
            Segment last = out.getLast();
            if (last.info().equals(info) && big(last.end()).add(BigInteger.ONE).equals(start)) {
                out.set(out.size() - 1, new Segment(last.start(), key(end), info));
                return;
            }
        }
        out.add(new Segment(key(start), key(end), info));
    }

    static BigInteger big(IpKey k) {
        return new BigInteger(Long.toUnsignedString(k.hi()))
                .shiftLeft(64)
                .or(new BigInteger(Long.toUnsignedString(k.lo())));
    }

    static IpKey key(BigInteger v) {
        return new IpKey(v.shiftRight(64).and(MASK64).longValue(), v.and(MASK64).longValue());
    }
}
