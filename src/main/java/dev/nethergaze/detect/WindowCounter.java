package dev.nethergaze.detect;

/**
 * Counts events in fixed time buckets over a sliding window, so a count decays to zero when the
 * traffic stops. Time is the engine's clock in epoch seconds (event time in replay).
 */
final class WindowCounter {

    private final int bucketSeconds;
    private final int[] buckets;
    private long head = Long.MIN_VALUE;

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
        long b = Math.floorDiv(epochSecond, bucketSeconds);
        advance(b);
        if (b <= head - buckets.length) {
            return;
        }
        int i = Math.floorMod(b, buckets.length);
        if (buckets[i] < Integer.MAX_VALUE) {
            buckets[i]++;
        }
    }

    long sum(long epochSecond) {
        advance(Math.floorDiv(epochSecond, bucketSeconds));
        long total = 0;
        for (int b : buckets) {
            total += b;
        }
        return total;
    }

    int windowSeconds() {
        return bucketSeconds * buckets.length;
    }

    private void advance(long b) {
        if (head == Long.MIN_VALUE) {
            head = b;
            return;
        }
        if (b <= head) {
            return;
        }
        long steps = Math.min(b - head, buckets.length);
        for (long k = 1; k <= steps; k++) {
            buckets[Math.floorMod(head + k, buckets.length)] = 0;
        }
        head = b;
    }
}
