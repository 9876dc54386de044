package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A control-socket reset reaches the engine as the next tick's reset flag, once. */
class WireAggregatorResetTest {

    @Test
    void theTickAfterAResetSaysSoAndTheOneAfterDoesNot() {
        WireAggregator agg = new WireAggregator(CaptureLimits.DEFAULTS, null);
        Instant t = Instant.parse("2026-11-22T03:00:00Z");
        assertThat(agg.tick("cap", t, 0).reset()).isFalse();
        agg.reset();
        assertThat(agg.tick("cap", t.plusSeconds(1), 1_000_000_000L).reset()).isTrue();
        assertThat(agg.tick("cap", t.plusSeconds(2), 2_000_000_000L).reset()).isFalse();
    }
}
