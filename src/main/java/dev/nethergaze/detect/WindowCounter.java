package dev.nethergaze.detect;

/**
 * Counts events in fixed time buckets over a sliding window, so a count decays to zero when the
 * traffic stops. Time is the engine's clock in epoch seconds (event time in replay).
 */
final class WindowCounter {

    private final int bucketSeconds;
    private final int[] buckets;
    private long head = Long.MIN_VALUE;
    /** Where {@link #head} sits in {@link #buckets} (its index modulo their count), kept as time moves. */
    private int headIndex;
    /** The sum of the buckets, kept as they change: a rule reading the window does not add them up. */
    private long total;

    /** A window of {@code windowSeconds} split into {@code bucketCount} buckets (rounded up). */
    static WindowCounter of(int windowSeconds, int bucketCount) {
        int n = Math.max(1, Math.min(bucketCount, windowSeconds));
        return new WindowCounter((windowSeconds + n - 1) / n, n);
    }

    private WindowCounter(int bucketSeconds, int bucketCount) {
        this.bucketSeconds = bucketSeconds;
        this.buckets = new int[bucketCount];
    }

    void add(long epochSecond) {
        add(epochSecond, 1);
    }

    /** Adds {@code n} events at {@code epochSecond} (a bucket saturates at {@link Integer#MAX_VALUE}). */
    void add(long epochSecond, long n) {
        long b = bucket(epochSecond);
        advance(b);
        if (b <= head - buckets.length || n <= 0) {
            return;
        }
        int i = headIndex - (int) (head - b); // b is within the window: at most n - 1 behind the head
        if (i < 0) {
            i += buckets.length;
        }
        int before = buckets[i];
        buckets[i] = (int) Math.min(Integer.MAX_VALUE, before + n);
        total += buckets[i] - before;
    }

    /** The busiest bucket of the window ending at {@code epochSecond}. */
    long max(long epochSecond) {
        advance(bucket(epochSecond));
        long max = 0;
        for (int b : buckets) {
            max = Math.max(max, b);
        }
        return max;
    }

    /** The buckets of the window ending at {@code epochSecond}, oldest first. */
    long[] buckets(long epochSecond) {
        advance(bucket(epochSecond));
        int n = buckets.length;
        long[] out = new long[n];
        int start = (int) Math.floorMod(head + 1, (long) n);
        for (int k = 0; k < n; k++) {
            out[k] = buckets[(start + k) % n];
        }
        return out;
    }

    long sum(long epochSecond) {
        advance(bucket(epochSecond));
        return total;
    }

    private long bucket(long epochSecond) {
        return bucketSeconds == 1 ? epochSecond : Math.floorDiv(epochSecond, bucketSeconds);
    }

    int windowSeconds() {
        return bucketSeconds * buckets.length;
    }

    private void advance(long b) {
        if (head == Long.MIN_VALUE) {
            head = b;
            headIndex = (int) Math.floorMod(b, (long) buckets.length);
            return;
        }
        if (b <= head) {
            return;
        }
        int n = buckets.length;
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
