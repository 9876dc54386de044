package dev.nethergaze.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.SourceEvent;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FutureStampsTest {

    private static HttpHit hit(Instant t) {
        IpKey k = IpKey.parse("198.51.100.7");
        return new HttpHit("access.log", t, k, k, "GET", "/", "HTTP/1.1", 200, 1L, "", "ua", "", false);
    }

    /**
     * A line up to the tolerance (5 s) ahead of the clock is taken as it is, one further ahead is
     * stamped now, to the nanosecond at the edge; the clock reads between whole seconds, as it does.
     */
    @ParameterizedTest
    @CsvSource({
        "-3600, false",
        "0, false",
        "4.999999999, false",
        "5, false",
        "5.000000001, true",
        "5.3, true",
        "6, true",
        "10800, true",
    })
    void linesMoreThanTheToleranceAheadAreStampedNow(double aheadSeconds, boolean restamped) {
        Instant now = Instant.parse("2026-12-06T12:00:00.700Z");
        FutureStamps stamps = new FutureStamps(InstantSource.fixed(now));
        Instant at = now.plusNanos(Math.round(aheadSeconds * 1e9));
        HttpHit h = hit(at);

        SourceEvent out = stamps.clamp(h);

        assertThat(out.time()).isEqualTo(restamped ? now : at);
        assertThat(stamps.health() != null).isEqualTo(restamped);
    }

    @Test
    void aBackfillLeavesOutWhatIsAhead() {
        Instant now = Instant.parse("2026-12-06T12:00:00.200Z");
        FutureStamps stamps = new FutureStamps(InstantSource.fixed(now));
        assertThat(stamps.leaveOut(hit(now.plusSeconds(5)))).isFalse();
        assertThat(stamps.leaveOut(hit(now.plusSeconds(7)))).isTrue();
    }
}
