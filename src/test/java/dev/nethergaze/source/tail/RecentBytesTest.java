package dev.nethergaze.source.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ring of bytes read before the position, as it grows from a few KiB up to its capacity. */
class RecentBytesTest {

    @Test
    void holdsTheLastCapacityBytesAtTheirOffsetsAcrossGrowth() {
        Random random = new Random(7);
        byte[] file = new byte[100_000];
        random.nextBytes(file);
        int capacity = 20_000;
        RecentBytes r = new RecentBytes(capacity);
        int at = 0;
        while (at < file.length) {
            int n = Math.min(file.length - at, 1 + random.nextInt(3_000));
            r.add(at, file, at, n);
            at += n;
            int lo = Math.max(0, at - capacity);
            for (int k = 0; k < 20 && at - lo >= 64; k++) { // ranges inside what is held: held; ranges before it: not
                int end = lo + 32 + random.nextInt(at - lo - 31);
                assertThat(r.holds(end, Arrays.copyOfRange(file, end - 32, end)))
                        .as("%d..%d after %d", end - 32, end, at)
                        .isTrue();
                byte[] other = Arrays.copyOfRange(file, end - 32, end);
                other[random.nextInt(32)] ^= 1;
                assertThat(r.holds(end, other)).isFalse();
            }
            if (lo > 40) {
                assertThat(r.holds(lo - 1, Arrays.copyOfRange(file, lo - 33, lo - 1)))
                        .as("dropped: before the last %d bytes", capacity)
                        .isFalse();
            }
        }
    }
}
