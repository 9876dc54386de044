package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The unboxed inode set/map against java.util's, under random adds, puts, removes and retains. */
class InodeSetTest {

    @Test
    void behavesLikeAHashMapUnderRandomOperations() {
        for (long seed = 1; seed <= 20; seed++) {
            Random rnd = new Random(seed);
            InodeSet<String> ours = new InodeSet<>();
            Map<Long, String> ref = new HashMap<>();
            // a small key range forces collisions, long probe runs and deletions inside them
            int range = 8 + rnd.nextInt(2_000);
            for (int op = 0; op < 20_000; op++) {
                long k = 1L + rnd.nextInt(range);
                switch (rnd.nextInt(5)) {
                    case 0 -> assertThat(ours.add(k)).isEqualTo(!ref.containsKey(k) && ref.put(k, null) == null);
                    case 1 -> {
                        ours.put(k, "v" + op);
                        ref.put(k, "v" + op);
                    }
                    case 2 -> assertThat(ours.remove(k)).isEqualTo(ref.containsKey(k) && removed(ref, k));
                    case 3 -> assertThat(ours.get(k)).isEqualTo(ref.get(k));
                    default -> {
                        if (rnd.nextInt(200) == 0) { // now and then keep a random half
                            InodeSet<Void> keep = new InodeSet<>();
                            Set<Long> keepRef = new HashSet<>();
                            for (int i = 0; i < range / 2; i++) {
                                long x = 1L + rnd.nextInt(range);
                                keep.add(x);
                                keepRef.add(x);
                            }
                            ours.retainAll(keep);
                            ref.keySet().retainAll(keepRef);
                        }
                    }
                }
                assertThat(ours.size()).isEqualTo(ref.size());
            }
            for (long k = 0; k <= range + 1; k++) {
                assertThat(ours.contains(k)).as("seed %d key %d", seed, k).isEqualTo(ref.containsKey(k));
                assertThat(ours.get(k)).isEqualTo(ref.get(k));
            }
            InodeSet<Void> copy = InodeSet.copyOf(ours);
            assertThat(copy.size()).isEqualTo(ref.size());
            ref.keySet().forEach(k -> assertThat(copy.contains(k)).isTrue());
        }
    }

    private static boolean removed(Map<Long, String> ref, long k) {
        ref.remove(k);
        return true;
    }

    @Test
    void addAllAndTheZeroInode() {
        InodeSet<Void> a = new InodeSet<>();
        a.add(5);
        InodeSet<Void> b = new InodeSet<>(1000);
        for (long k = 1; k <= 1000; k++) {
            b.add(k * 7919);
        }
        a.addAll(b);
        assertThat(a.size()).isEqualTo(1001);
        assertThat(a.contains(0)).isFalse();
        assertThat(a.remove(0)).isFalse();
        assertThatThrownBy(() -> a.add(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(a.isEmpty()).isFalse();
    }
}
