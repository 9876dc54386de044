package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;

/** The window questions answer as a walk over every key would, in order and out of order. */
class LastSeenTest {

    private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");

    @Test
    void answersAsAFullWalkWouldUnderRandomTouches() {
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            int cap = 1 + rnd.nextInt(40);
            boolean late = seed % 2 == 0; // half the runs see late (out-of-order) times
            LastSeen<Integer> seen = new LastSeen<>(cap);
            LinkedHashMap<Integer, Instant> reference = new LinkedHashMap<>();
            long ms = 0;
            for (int i = 0; i < 300; i++) {
                ms += rnd.nextInt(2000);
                long at = late && rnd.nextInt(10) == 0 ? ms - rnd.nextInt(20_000) : ms;
                Instant t = T0.plusMillis(at);
                int key = rnd.nextInt(60);
                seen.touch(key, t);
                touch(reference, key, t, cap);
                Instant cutoff = T0.plusMillis(ms - rnd.nextInt(30_000));
                List<Integer> expected = since(reference, cutoff);
                assertThat(seen.keysSince(cutoff))
                        .as("seed %d step %d", seed, i)
                        .isEqualTo(expected);
                assertThat(seen.countSince(cutoff))
                        .as("seed %d step %d", seed, i)
                        .isEqualTo(expected.size());
                assertThat(seen.size()).isEqualTo(reference.size());
                if (!late) { // in order: the k-th newest key's time, as the reference ranks them
                    int k = 1 + rnd.nextInt(cap + 1);
                    List<Instant> times = new ArrayList<>(reference.values());
                    Instant kth = k <= times.size() ? times.get(times.size() - k) : null;
                    assertThat(seen.newest(k))
                            .as("seed %d step %d k %d", seed, i, k)
                            .isEqualTo(kth);
                }
            }
        }
    }

    @Test
    void aLateTimeIsStillCountedAfterNewerKeys() {
        LastSeen<String> seen = new LastSeen<>(8);
        seen.touch("root", T0.plusSeconds(100));
        seen.touch("admin", T0.plusSeconds(50)); // a late line: seen after root, but older
        assertThat(seen.countSince(T0.plusSeconds(40))).isEqualTo(2);
        assertThat(seen.keysSince(T0.plusSeconds(60))).containsExactly("root");
        assertThat(seen.keysSince(T0.plusSeconds(40))).containsExactly("root", "admin");
        assertThat(seen.newest(1))
                .as("out of order: no rank says when a window drops a key")
                .isNull();
    }

    /**
     * As rules ask: a window whose cutoff mostly moves forward (re-judged every tick, sometimes ahead
     * of the newest key, sometimes by another rule with a wider window), and the first few keys only.
     */
    @Test
    void aMovingWindowAnswersAsAFullWalkWould() {
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            int cap = 1 + rnd.nextInt(40);
            LastSeen<Integer> seen = new LastSeen<>(cap);
            LinkedHashMap<Integer, Instant> reference = new LinkedHashMap<>();
            long ms = 0;
            for (int i = 0; i < 400; i++) {
                ms += rnd.nextInt(1500);
                Instant t = T0.plusMillis(ms);
                int key = rnd.nextInt(50);
                seen.touch(key, t);
                touch(reference, key, t, cap);
                int window = rnd.nextInt(8) == 0 ? 60_000 : 10_000; // now and then another rule's wider window
                Instant cutoff = T0.plusMillis(ms + rnd.nextInt(3000) - window); // judged up to 3 s after the key
                List<Integer> expected = since(reference, cutoff);
                int limit = 1 + rnd.nextInt(10);
                assertThat(seen.countSince(cutoff))
                        .as("seed %d step %d", seed, i)
                        .isEqualTo(expected.size());
                assertThat(seen.keysSince(cutoff, limit))
                        .as("seed %d step %d", seed, i)
                        .isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
                if (rnd.nextBoolean()) {
                    assertThat(seen.keysSince(cutoff)).isEqualTo(expected);
                }
            }
        }
    }

    /** The reference model: a map in order of last sight, capped, walked in full. */
    private static void touch(SequencedMap<Integer, Instant> reference, int key, Instant t, int cap) {
        reference.remove(key);
        reference.put(key, t);
        if (reference.size() > cap) {
            Iterator<Integer> eldest = reference.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private static List<Integer> since(SequencedMap<Integer, Instant> reference, Instant cutoff) {
        List<Integer> expected = new ArrayList<>();
        for (Map.Entry<Integer, Instant> e : reference.entrySet()) {
            if (!e.getValue().isBefore(cutoff)) {
                expected.add(e.getKey());
            }
        }
        return expected;
    }
}
