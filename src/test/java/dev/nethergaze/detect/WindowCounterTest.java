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
            advance(Math.floorDiv(sec, bucketSeconds));
            long s = 0;
            for (long b = head - n + 1; b <= head; b++) {
                s += counts.getOrDefault(b, 0L);
            }
            return s;
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
                assertThat(w.sum(probe))
                        .as("round %d step %d window %d/%d at %d", round, step, window, buckets, probe)
                        .isEqualTo(m.sum(probe));
                t = Math.max(t, probe - rnd.nextInt(2));
            }
        }
    }
}
