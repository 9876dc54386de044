package dev.nethergaze.model;

import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of recent requests kept compactly: per request four references (time, method,
 * target, user agent), the vhost in an array of its own that exists only once a request had one, the
 * source file once for all or, when they came from several files, in an array of its own,
 * and two numbers (bytes; status with the malformed flag), in ring order. The
 * {@link RequestView}s are made on access, so an engine holding many IPs' recent requests keeps no
 * objects per request. The arrays are never written after this list is made (the engine copies
 * before it writes again).
 */
public final class RecentRequests extends AbstractList<RequestView> implements RandomAccess {

    /** References per request in {@code refs}. */
    public static final int REFS = 4;
    /** Numbers per request in {@code nums}. */
    public static final int NUMS = 2;

    private static final long MALFORMED = 1L << 32;

    private final Object[] refs;
    private final long[] nums;
    private final String[] vhosts;
    private final String[] sources;
    private final String source;
    private final int first;
    private final int size;
    private final int slots;

    /**
     * @param vhosts each slot's vhost, or null when no request named one
     * @param sources each slot's source file, or null when all came from {@code source}
     * @param source the source file of every request when {@code sources} is null
     * @param first the slot of the oldest request
     * @param slots the ring's slot count ({@code refs.length / REFS} or fewer)
     */
    public RecentRequests(
            Object[] refs,
            long[] nums,
            String[] vhosts,
            String[] sources,
            String source,
            int first,
            int size,
            int slots) {
        this.refs = refs;
        this.nums = nums;
        this.vhosts = vhosts;
        this.sources = sources;
        this.source = source;
        this.first = first;
        this.size = size;
        this.slots = slots;
    }

    /**
     * Stores {@code h} in slot {@code at} of ring arrays laid out as this class reads them, its texts
     * bounded as {@link RequestView#kept} does.
     */
    public static void store(Object[] refs, long[] nums, int at, HttpHit h) {
        int r = at * REFS;
        refs[r] = h.time();
        refs[r + 1] = RequestView.kept(h.method());
        refs[r + 2] = RequestView.kept(h.target());
        refs[r + 3] = RequestView.kept(h.userAgent());
        int n = at * NUMS;
        nums[n] = h.bytes();
        nums[n + 1] = (h.status() & 0xFFFF_FFFFL) | (h.malformedRequest() ? MALFORMED : 0);
    }

    @Override
    public RequestView get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        int at = (first + i) % slots;
        int r = at * REFS;
        int n = at * NUMS;
        long packed = nums[n + 1];
        return new RequestView(
                (Instant) refs[r],
                (String) refs[r + 1],
                (String) refs[r + 2],
                (int) packed,
                nums[n],
                (String) refs[r + 3],
                (packed & MALFORMED) != 0,
                vhosts == null || vhosts[at] == null ? "" : vhosts[at],
                sources == null ? source : sources[at]);
    }

    @Override
    public int size() {
        return size;
    }

    /** Immutable lists pass through; others are copied. */
    public static List<RequestView> copyOf(List<RequestView> list) {
        return list instanceof RecentRequests ? list : List.copyOf(list);
    }
}
