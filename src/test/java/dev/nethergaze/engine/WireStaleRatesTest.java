package dev.nethergaze.engine;

import static dev.nethergaze.engine.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.WireDelta;
import dev.nethergaze.model.WireSummary;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wire rates of a live capture that stopped counting (it ended, stalled, was paused or waits for
 * its interface: its counted ticks stop) are unknown, not the last window's figures standing still:
 * a burst's 10 s rate stood for the rest of the window after the capture had died. Counters stay;
 * the rates come back with the capture's ticks. A replay's rates are never unknown.
 */
class WireStaleRatesTest {

    private static final IpKey IP = IpKey.parse("203.0.113.5");

    @Test
    void ratesAreUnknownOnceTheLiveCaptureStopsCountingAndBackWithItsTicks() {
        Engine e = new Engine(Fixtures.settings());
        Instant t = T0;
        e.apply(new PacketTick("capture", t, List.of(delta(100)), false, true));
        for (int q = 1; q <= 8; q++) { // 2 s of counted, empty ticks: a quiet interface
            t = T0.plusMillis(250L * q);
            e.apply(new PacketTick("capture", t, List.of(), false, true));
            e.maintain(t);
        }
        WireSummary quiet = wire(e);
        assertThat(quiet.pps10s())
                .as("a quiet interface: the burst in the 10 s window")
                .isEqualTo(10.0);
        assertThat(quiet.pps()).isZero();

        e.maintain(T0.plusSeconds(5)); // no tick for 3 s: the capture stopped counting
        WireSummary stale = wire(e);
        assertThat(stale.pps()).isNaN();
        assertThat(stale.pps10s()).isNaN();
        assertThat(stale.pps60s()).isNaN();
        assertThat(stale.packets()).as("counters stay").isEqualTo(100);
        assertThat(stale.peakPps()).isEqualTo(100.0);

        t = T0.plusSeconds(6);
        e.apply(new PacketTick("capture", t, List.of(delta(20)), false, true));
        e.maintain(t);
        WireSummary back = wire(e);
        assertThat(back.pps()).isEqualTo(20.0);
        assertThat(back.pps10s()).isEqualTo(12.0);
        assertThat(back.packets()).isEqualTo(120);
    }

    @Test
    void aReplaysRatesAreKnownAcrossQuietSpells() {
        Engine e = new Engine(Fixtures.settings());
        e.apply(new PacketTick("capture", T0, List.of(delta(100))));
        e.maintain(T0.plusSeconds(5));
        assertThat(wire(e).pps10s()).isEqualTo(10.0);
    }

    /**
     * The 60 s rate is the packets of the last 60 s (the second now among them) over 60, as the 10 s
     * one is over 10: a burst of 120 packets 59 s ago still counts, and is 2 pps. Before, the window was
     * 59 s over 59: the burst had left it and the rate read 0, and within the window every rate read
     * 1/59 high (1,016 packets: 17.22 pps, not 16.93).
     */
    @Test
    void theSixtySecondRateIsTheLastSixtySecondsOverSixty() {
        Engine e = new Engine(Fixtures.settings());
        e.apply(new PacketTick("capture", T0, List.of(delta(120))));
        e.maintain(T0.plusSeconds(59));
        assertThat(wire(e).pps60s()).isEqualTo(2.0);
        e.maintain(T0.plusSeconds(60));
        assertThat(wire(e).pps60s()).as("the burst has left the window").isZero();
    }

    private static WireSummary wire(Engine e) {
        IpView v = e.snapshot(List.of()).ips().stream()
                .filter(x -> x.ip().equals(IP))
                .findFirst()
                .orElseThrow();
        return v.wire();
    }

    /** {@code packets} sent by {@link #IP}, nothing else. */
    private static WireDelta delta(long packets) {
        return new WireDelta(
                IP, packets, 60 * packets, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), 0, 0, null);
    }
}
