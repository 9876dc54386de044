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
}
