package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The window's kept total always equals the sum of its live buckets, however time moves. */
class WindowCounterTest {

    /** A plain model of the same semantics: every bucket kept, the window summed on demand. */
    private static final class Model {
        final int bucketSeconds;
        final int n;
        final Map<Long, Long> counts = new HashMap<>();
        long head = Long.MIN_VALUE;

        Model(int windowSeconds, int bucketCount) {
            n = Math.max(1, Math.min(bucketCount, windowSeconds));
            bucketSeconds = (windowSeconds + n - 1) / n;
        }

        void advance(long b) {
            head = head == Long.MIN_VALUE ? b : Math.max(head, b);
        }

        void add(long sec, long k) {
            long b = Math.floorDiv(sec, bucketSeconds);
            advance(b);
            if (b > head - n && k > 0) {
                counts.merge(b, k, Long::sum);
            }
        }

        long sum(long sec) {
            return sumLast(sec, n * bucketSeconds);
        }

        long bucketOf(long sec) {
            return Math.floorDiv(sec, bucketSeconds);
        }

        long sumLast(long sec, int seconds) {
            advance(Math.floorDiv(sec, bucketSeconds));
            int k = Math.min(n, Math.max(1, (seconds + bucketSeconds - 1) / bucketSeconds));
            long s = 0;
            for (long b = head - k + 1; b <= head; b++) {
                s += counts.getOrDefault(b, 0L);
            }
            return s;
        }

        long max(long sec) {
            advance(Math.floorDiv(sec, bucketSeconds));
            long m = 0;
            for (long b = head - n + 1; b <= head; b++) {
                m = Math.max(m, counts.getOrDefault(b, 0L));
            }
            return m;
        }
    }

    /**
     * Sparse traffic (one bucket at a time, the array never made) and dense traffic, switching: every
     * answer as the plain model gives it, and the buckets listed as the model holds them.
     */
    @Test
    void sparseAndDenseTrafficMatchThePlainModel() {
        Random rnd = new Random(11);
        for (int round = 0; round < 300; round++) {
            int window = 1 + rnd.nextInt(90);
            int buckets = 1 + rnd.nextInt(12);
            WindowCounter w = WindowCounter.of(window, buckets);
            Model m = new Model(window, buckets);
            long t = 1_700_000_000L;
            for (int step = 0; step < 200; step++) {
                boolean sparse = (step / 50) % 2 == 0;
                t += sparse ? window + rnd.nextInt(2 * window + 1) : rnd.nextInt(3);
                long k = 1L + rnd.nextInt(3);
                w.add(t, k);
                m.add(t, k);
                String at = "round %d step %d window %d/%d".formatted(round, step, window, buckets);
                assertThat(w.sum(t)).as(at).isEqualTo(m.sum(t));
                assertThat(w.max(t)).as(at).isEqualTo(m.max(t));
                if (rnd.nextInt(10) == 0) {
                    long[] listed = w.buckets(t);
                    long sum = 0;
                    for (long x : listed) {
                        sum += x;
                    }
                    assertThat(listed[listed.length - 1])
                            .as(at + " newest bucket")
                            .isEqualTo(m.sumLast(t, 1));
                    assertThat(sum).as(at + " listed").isEqualTo(m.sum(t));
                }
            }
        }
    }

    /** A few or a few dozen events, going forward, into both; returns the last one's second. */
    private static long fill(Random rnd, int window, WindowCounter w, Model m) {
        long t = 1_700_000_000L + rnd.nextInt(1000);
        int events = 1 + rnd.nextInt(rnd.nextBoolean() ? 2 : 30);
        for (int i = 0; i < events; i++) {
            t += rnd.nextInt(Math.max(1, window / 4));
            long k = 1L + rnd.nextInt(3);
            w.add(t, k);
            m.add(t, k);
        }
        return t;
    }

    /**
     * {@code belowAt}: the first second from which the count is below a threshold if nothing is added,
     * as found by asking the plain model second after second (sparse and dense windows).
     */
    @Test
    void belowAtIsTheFirstSecondTheCountIsUnderTheThreshold() {
        Random rnd = new Random(23);
        for (int round = 0; round < 400; round++) {
            int window = 1 + rnd.nextInt(120);
            int buckets = 1 + rnd.nextInt(16);
            WindowCounter w = WindowCounter.of(window, buckets);
            Model m = new Model(window, buckets);
            long t = fill(rnd, window, w, m);
            long ask = t + rnd.nextInt(window / 2 + 1);
            long threshold = 1L + rnd.nextInt((int) Math.max(1, m.sum(ask)) + 1);
            long expected = ask;
            while (m.sum(expected) >= threshold) {
                expected++;
            }
            String at = "round %d window %d/%d threshold %d".formatted(round, window, buckets, threshold);
            assertThat(w.belowAt(threshold, ask)).as(at).isEqualTo(expected);
        }
    }

    /**
     * {@code sumAt} tells the count at later seconds without changing the window, and {@code nextStep}
     * the next second at which it can change, as the plain model finds second after second.
     */
    @Test
    void sumAtAndNextStepForeseeTheWindowWithoutChangingIt() {
        Random rnd = new Random(29);
        for (int round = 0; round < 300; round++) {
            int window = 1 + rnd.nextInt(120);
            int buckets = 1 + rnd.nextInt(16);
            WindowCounter w = WindowCounter.of(window, buckets);
            Model m = new Model(window, buckets);
            long t = fill(rnd, window, w, m);
            long now = t;
            long before = w.sum(now);
            for (long x = now; x <= now + 2L * window + 2; x++) {
                String at = "round %d window %d/%d at +%d".formatted(round, window, buckets, x - now);
                assertThat(w.sumAt(x)).as(at).isEqualTo(m.sum(x));
                long step = w.nextStep(x);
                assertThat(step).as(at).isGreaterThan(x);
                for (long y = x + 1; y < step; y++) {
                    assertThat(new Model(window, buckets).bucketOf(y))
                            .as(at + ": no bucket boundary before the next step")
                            .isEqualTo(new Model(window, buckets).bucketOf(x));
                }
                assertThat(new Model(window, buckets).bucketOf(step)).as(at).isEqualTo(m.bucketOf(x) + 1);
            }
            assertThat(w.sum(now)).as("sumAt changed nothing").isEqualTo(before);
        }
    }

    @Test
    void keptTotalMatchesThePlainModel() {
        Random rnd = new Random(7);
        for (int round = 0; round < 200; round++) {
            int window = 1 + rnd.nextInt(120);
            int buckets = 1 + rnd.nextInt(16);
            WindowCounter w = WindowCounter.of(window, buckets);
            Model m = new Model(window, buckets);
            long t = 1_700_000_000L + rnd.nextInt(1000);
            for (int step = 0; step < 500; step++) {
                switch (rnd.nextInt(6)) {
                    case 0 -> t += rnd.nextInt(3); // mostly forward, small steps
                    case 1 -> t += rnd.nextInt(window * 3 + 1); // sometimes past the whole window
                    case 2 -> t -= rnd.nextInt(window + 5); // late events, some older than the window
                    default -> {}
                }
                long k = rnd.nextInt(4);
                w.add(t, k);
                m.add(t, k);
                long probe = t + rnd.nextInt(window + 2);
                String at = "round %d step %d window %d/%d at %d".formatted(round, step, window, buckets, probe);
                switch (rnd.nextInt(3)) { // each question moves the window too: ask them in any order
                    case 0 -> assertThat(w.sum(probe)).as(at).isEqualTo(m.sum(probe));
                    case 1 -> {
                        int last = 1 + rnd.nextInt(window + 5);
                        assertThat(w.sumLast(probe, last))
                                .as(at + " last " + last)
                                .isEqualTo(m.sumLast(probe, last));
                    }
                    default -> assertThat(w.max(probe)).as(at + " max").isEqualTo(m.max(probe));
                }
                t = Math.max(t, probe - rnd.nextInt(2));
            }
        }
    }

    /**
     * A covering window counts every event for at least its whole window after it and at most a bucket
     * longer: never an event still inside the window left out (a plain bucketed window drops its
     * oldest bucket whole, up to a bucket early).
     */
    @Test
    void aCoveringWindowNeverDropsAnEventBeforeItsWindowHasPassed() {
        Random rnd = new Random(5);
        for (int round = 0; round < 200; round++) {
            int window = 2 + rnd.nextInt(900);
            int buckets = 1 + rnd.nextInt(24);
            int n = Math.min(buckets, window);
            int width = (window + n - 1) / n; // n buckets of it cover the window, rounded up
            WindowCounter w = WindowCounter.covering(window, buckets);
            java.util.List<Long> events = new java.util.ArrayList<>();
            long t = 1_700_000_000L + rnd.nextInt(10_000);
            for (int step = 0; step < 300; step++) {
                t += rnd.nextInt(Math.max(1, window / 5));
                if (rnd.nextBoolean()) {
                    w.add(t);
                    events.add(t);
                }
                long now = t;
                long inside = events.stream().filter(e -> now - e <= window).count();
                long nearly = events.stream()
                        .filter(e -> now - e < (long) (n + 1) * width)
                        .count();
                String at = "round %d step %d window %d/%d".formatted(round, step, window, buckets);
                assertThat(w.sum(now)).as(at).isBetween(inside, nearly);
            }
        }
    }
}
