package dev.nethergaze.detect;

/**
 * Counts events in fixed time buckets over a sliding window, so a count decays to zero when the
 * traffic stops. Time is the engine's clock in epoch seconds (event time in replay). Events older
 * than the window (behind the newest bucket seen) are ignored; a bucket saturates at {@link
 * Integer#MAX_VALUE}. Used per IP by the detector's rules and the engine's rates.
 *
 * <p>Most IPs are sparse: while every count of the window sits in one bucket, that bucket and its
 * count are fields, and the bucket array is made only when a second bucket inside the window gets
 * events. A log with tens of thousands of clients, each seen a few times an hour, then keeps no
 * array per window, and an event touches one object instead of two.
 */
public final class WindowCounter {

    private static final long NONE = Long.MIN_VALUE;

    private final int bucketSeconds;
    private final int count;
    /** Null while at most one bucket holds events ({@link #single}). */
    private int[] buckets;

    private long head = NONE;
    /** Where {@link #head} sits in {@link #buckets} (its index modulo their count), kept as time moves. */
    private int headIndex;
    /** The sum of the buckets, kept as they change: a rule reading the window does not add them up. */
    private long total;
    /** Without the array: the one bucket holding {@link #total}, or {@link #NONE}. */
    private long single = NONE;

    /** A window of {@code windowSeconds} split into {@code bucketCount} buckets (rounded up). */
    public static WindowCounter of(int windowSeconds, int bucketCount) {
        int n = Math.max(1, Math.min(bucketCount, windowSeconds));
        return new WindowCounter((windowSeconds + n - 1) / n, n);
    }

    /**
     * A window of {@code windowSeconds} as a rule counts it: {@code bucketCount} buckets (rounded up)
     * and one more, so an event is counted until at least the whole window has passed after it (up to
     * a bucket longer), never less. A plain bucketed window ({@link #of}) drops its oldest bucket
     * whole, up to a bucket before the window has passed for its events: a finding ended while its
     * evidence was still inside its window (ssh_bruteforce ~10 s early with 30 s buckets).
     */
    public static WindowCounter covering(int windowSeconds, int bucketCount) {
        int n = Math.max(1, Math.min(bucketCount, windowSeconds));
        return new WindowCounter((windowSeconds + n - 1) / n, n + 1);
    }

    /**
     * The per-IP rate window: 5 s buckets covering a minute and one bucket more, read with {@link
     * #within} (12 buckets summed whole covered 55 to 60 s: R/MIN read up to 8 % low).
     */
    public static WindowCounter perMinute() {
        return new WindowCounter(5, 13);
    }

    /** A counter with this one's window and counts, changed apart from it from now on. */
    WindowCounter copy() {
        WindowCounter c = new WindowCounter(bucketSeconds, count);
        c.buckets = buckets == null ? null : buckets.clone();
        c.head = head;
        c.headIndex = headIndex;
        c.total = total;
        c.single = single;
        return c;
    }

    private WindowCounter(int bucketSeconds, int bucketCount) {
        this.bucketSeconds = bucketSeconds;
        this.count = bucketCount;
    }

    void add(long epochSecond) {
        add(epochSecond, 1);
    }

    /** Adds {@code n} events at {@code epochSecond}. */
    public void add(long epochSecond, long n) {
        long b = bucket(epochSecond);
        advance(b);
        if (b <= head - count || n <= 0) {
            return;
        }
        if (buckets == null) {
            if (single == NONE || single == b) {
                single = b;
                total = Math.min(Integer.MAX_VALUE, total + n);
                return;
            }
            spread();
        }
        int i = headIndex - (int) (head - b); // b is within the window: at most count - 1 behind the head
        if (i < 0) {
            i += count;
        }
        int before = buckets[i];
        buckets[i] = (int) Math.min(Integer.MAX_VALUE, before + n);
        total += buckets[i] - before;
    }

    /** The busiest bucket of the window ending at {@code epochSecond}. */
    long max(long epochSecond) {
        advance(bucket(epochSecond));
        if (buckets == null) {
            return total;
        }
        long max = 0;
        for (int b : buckets) {
            max = Math.max(max, b);
        }
        return max;
    }

    /** The buckets of the window ending at {@code epochSecond}, oldest first. */
    long[] buckets(long epochSecond) {
        advance(bucket(epochSecond));
        if (buckets == null) {
            spread();
        }
        long[] out = new long[count];
        int start = (int) Math.floorMod(head + 1, (long) count);
        for (int k = 0; k < count; k++) {
            out[k] = buckets[(start + k) % count];
        }
        return out;
    }

    /** Events in the window ending at {@code epochSecond}. */
    public long sum(long epochSecond) {
        advance(bucket(epochSecond));
        return total;
    }

    /** Events in the last {@code seconds} (rounded up to whole buckets) ending at {@code epochSecond}. */
    public long sumLast(long epochSecond, int seconds) {
        advance(bucket(epochSecond));
        int k = Math.min(count, Math.max(1, (seconds + bucketSeconds - 1) / bucketSeconds));
        if (buckets == null) {
            return single != NONE && head - single < k ? total : 0;
        }
        long s = 0;
        int i = headIndex;
        for (int j = 0; j < k; j++) {
            s += buckets[i];
            i = i == 0 ? count - 1 : i - 1;
        }
        return s;
    }

    /**
     * Events in the {@code seconds} seconds ending at {@code epochSecond} (that second included): the
     * buckets inside them whole, and the oldest bucket they reach into by the share of its seconds they
     * cover (rounded), as if its events were spread evenly over it. A rate read this way covers its
     * whole span, where whole buckets alone cover up to a bucket less. {@code seconds} at most the
     * window less a bucket, plus one.
     */
    public long within(long epochSecond, int seconds) {
        advance(bucket(epochSecond));
        if (head == NONE) {
            return 0;
        }
        long r = epochSecond - head * bucketSeconds; // seconds of the head bucket before this one
        if (r < 0) {
            return total; // asked of a time before its newest event: all it holds
        }
        long older = Math.max(0, seconds - (r + 1)); // seconds before the head bucket's start
        int whole = (int) Math.min(count - 1, older / bucketSeconds);
        long part = whole < count - 1 ? older % bucketSeconds : 0;
        if (buckets == null) {
            if (single == NONE || head - single > whole + (part > 0 ? 1 : 0)) {
                return 0;
            }
            return head - single <= whole ? total : Math.round((double) total * part / bucketSeconds);
        }
        long sum = 0;
        int i = headIndex;
        for (int j = 0; j <= whole; j++) {
            sum += buckets[i];
            i = i == 0 ? count - 1 : i - 1;
        }
        return part == 0 ? sum : sum + Math.round((double) buckets[i] * part / bucketSeconds);
    }

    /**
     * The first second, from {@code epochSecond} on, at which the window's count is below {@code
     * threshold} if no event is added: when enough of its oldest buckets have left the window.
     */
    public long belowAt(long threshold, long epochSecond) {
        advance(bucket(epochSecond));
        if (total < threshold) {
            return epochSecond;
        }
        if (buckets == null) { // the one bucket leaves the window whole
            return (single + count) * bucketSeconds;
        }
        long left = total;
        int i = headIndex;
        for (int k = 0; k < count; k++) { // from the oldest bucket of the window, head - count + 1
            i = i + 1 == count ? 0 : i + 1;
            left -= buckets[i];
            if (left < threshold) {
                return (head - count + 1 + k + count) * bucketSeconds; // that bucket leaves at (b + count) * width
            }
        }
        return (head + count) * bucketSeconds; // not reached: every bucket gone leaves 0 < threshold
    }

    /**
     * The count the window ending at {@code laterSecond} (not before the newest second seen) will hold
     * if no event is added; nothing changes now.
     */
    long sumAt(long laterSecond) {
        long b = bucket(laterSecond);
        if (head == NONE || b <= head) {
            return total;
        }
        if (buckets == null) {
            return single != NONE && b - single < count ? total : 0;
        }
        long gone = b - head; // the oldest buckets of the window leave, one per bucket width
        if (gone >= count) {
            return 0;
        }
        long left = total;
        int i = headIndex;
        for (long k = 0; k < gone; k++) {
            i = i + 1 == count ? 0 : i + 1;
            left -= buckets[i];
        }
        return left;
    }

    /** The first second after {@code epochSecond} at which the window's oldest bucket leaves it. */
    long nextStep(long epochSecond) {
        return (bucket(epochSecond) + 1) * bucketSeconds;
    }

    public int windowSeconds() {
        return bucketSeconds * count;
    }

    private long bucket(long epochSecond) {
        if (bucketSeconds == 1) {
            return epochSecond;
        }
        // nearly every call asks for the head's bucket or the next one: two multiplications instead of
        // a 64-bit division (which C1 leaves as a call; it was 5% of a replay's engine time)
        if (head != NONE) {
            long start = head * bucketSeconds;
            long d = epochSecond - start;
            if (d >= 0 && d < 2L * bucketSeconds) {
                return d < bucketSeconds ? head : head + 1;
            }
        }
        return Math.floorDiv(epochSecond, bucketSeconds);
    }

    /** Makes the bucket array (a second bucket of the window gets events), the single count in place. */
    private void spread() {
        buckets = new int[count];
        headIndex = (int) Math.floorMod(head, (long) count);
        if (single != NONE) {
            buckets[(int) Math.floorMod(single, (long) count)] = (int) total;
            single = NONE;
        }
    }

    private void advance(long b) {
        if (head == NONE) {
            head = b;
            return;
        }
        if (b <= head) {
            return;
        }
        if (buckets == null) { // one bucket at most: it leaves the window, or stays
            if (single != NONE && b - single >= count) {
                single = NONE;
                total = 0;
            }
            head = b;
            return;
        }
        int n = count;
        if (b - head >= n) {
            java.util.Arrays.fill(buckets, 0);
            total = 0;
            headIndex = (int) Math.floorMod(b, (long) n);
        } else {
            int i = headIndex;
            for (long k = head; k < b; k++) {
                i = i + 1 == n ? 0 : i + 1;
                total -= buckets[i];
                buckets[i] = 0;
            }
            headIndex = i;
        }
        head = b;
    }
}
