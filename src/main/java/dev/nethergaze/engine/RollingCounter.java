package dev.nethergaze.engine;

/**
 * Counts events in fixed time buckets over a sliding window, so a rate decays to zero when traffic
 * stops. Time is in seconds of the engine's clock (event time in replay). Events older than the
 * window are ignored; the newest bucket is the partial current one.
 */
final class RollingCounter {

    private final int bucketSeconds;
    private final int[] buckets;
    private long head = Long.MIN_VALUE; // absolute bucket index of the newest bucket

    RollingCounter(int bucketSeconds, int bucketCount) {
        this.bucketSeconds = bucketSeconds;
        this.buckets = new int[bucketCount];
    }

    /** 60 s in 5 s buckets: the per-IP window (small: 12 ints). */
    static RollingCounter perMinute() {
        return new RollingCounter(5, 12);
    }

    void add(long epochSecond, int n) {
        long b = Math.floorDiv(epochSecond, bucketSeconds);
        advance(b);
        if (b <= head - buckets.length) {
            return; // older than the window
        }
        int i = Math.floorMod(b, buckets.length);
        buckets[i] = (int) Math.min((long) buckets[i] + n, Integer.MAX_VALUE);
    }

    /** Sum over the whole window ending at {@code epochSecond}. */
    long sum(long epochSecond) {
        return sumLast(epochSecond, buckets.length * bucketSeconds);
    }

    /** Sum over the last {@code seconds} (rounded up to whole buckets) ending at {@code epochSecond}. */
    long sumLast(long epochSecond, int seconds) {
        advance(Math.floorDiv(epochSecond, bucketSeconds));
        int n = Math.min(buckets.length, Math.max(1, (seconds + bucketSeconds - 1) / bucketSeconds));
        long total = 0;
        for (int k = 0; k < n; k++) {
            total += buckets[Math.floorMod(head - k, buckets.length)];
        }
        return total;
    }

    boolean isZero(long epochSecond) {
        return sum(epochSecond) == 0;
    }

    int windowSeconds() {
        return buckets.length * bucketSeconds;
    }

    private void advance(long b) {
        if (head == Long.MIN_VALUE) {
            head = b;
            return;
        }
        if (b <= head) {
            return;
        }
        int n = buckets.length;
        if (b - head >= n) {
            java.util.Arrays.fill(buckets, 0);
        } else {
            int i = (int) Math.floorMod(head, (long) n);
            for (long k = head; k < b; k++) {
                i = i + 1 == n ? 0 : i + 1;
                buckets[i] = 0;
            }
        }
        head = b;
    }
}
