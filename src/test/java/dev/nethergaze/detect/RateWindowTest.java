package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateWindowTest {

    @Test
    void sumsWithinTheWindowAndForgetsAfterIt() {
        WindowCounter c = WindowCounter.of(60, 60);
        for (int s = 0; s < 60; s++) {
            c.add(1000 + s, 2);
        }
        assertThat(c.sum(1059)).isEqualTo(120);
        assertThat(c.sumLast(1059, 10)).isEqualTo(20);
        assertThat(c.sum(1069)).isEqualTo(100);
        assertThat(c.sum(2000)).isZero();
    }

    @Test
    void ignoresEventsOlderThanTheWindowAndKeepsLateOnesInside() {
        WindowCounter c = WindowCounter.perMinute();
        c.add(1000, 1);
        c.add(900, 5); // too old
        c.add(990, 3); // late but inside
        assertThat(c.sum(1000)).isEqualTo(4);
    }

    /**
     * A steady 2 requests a second: the last minute holds 120 at every second, whichever second of its
     * 5 s bucket it is (12 buckets summed whole gave 110 to 120: R/MIN up to 8 % low); the last 10 s
     * hold 20 (new connections per second); one bucket's events alone count by the share inside.
     */
    @Test
    void withinCountsTheWholeSpanAtEveryPhaseOfABucket() {
        WindowCounter c = WindowCounter.perMinute();
        for (int s = 0; s < 120; s++) {
            c.add(1000 + s, 2);
            if (s >= 60) {
                assertThat(c.within(1000 + s, 60)).as("at +%d s", s).isEqualTo(120);
                assertThat(c.within(1000 + s, 10)).as("at +%d s", s).isEqualTo(20);
            }
        }
        WindowCounter one = WindowCounter.perMinute();
        one.add(1000, 10); // bucket 1000..1004, all at its first second
        assertThat(one.within(1004, 60)).isEqualTo(10);
        assertThat(one.within(1059, 60)).as("the whole bucket inside").isEqualTo(10);
        assertThat(one.within(1062, 60)).as("2 of its 5 s inside").isEqualTo(4);
        assertThat(one.within(1064, 60)).isZero();
        assertThat(one.within(2000, 60)).isZero();
    }
}
