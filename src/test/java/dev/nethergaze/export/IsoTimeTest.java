package dev.nethergaze.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IsoTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The fast timestamp writer prints exactly what {@link Instant#toString()} prints. */
class IsoTimeTest {

    @Property(tries = 5000)
    void sameAsInstantToString(@ForAll @LongRange(min = -100_000_000_000L, max = 300_000_000_000L) long sec) {
        Instant t = Instant.ofEpochSecond(sec);
        assertThat(IsoTime.text(t)).isEqualTo(t.toString());
        assertThat(IsoTime.text(t.plusMillis(5))).isEqualTo(t.plusMillis(5).toString());
    }

    /** Through one scratch that keeps the last date: same days, next days, jumps back, fractions. */
    @Property(tries = 500)
    void sameInSequence(
            @ForAll @LongRange(min = 0, max = 250_000_000_000L) long start,
            @ForAll @Size(max = 40) List<@LongRange(min = -200_000, max = 200_000) Long> steps) {
        List<Instant> times = new ArrayList<>();
        long sec = start;
        for (long step : steps) {
            sec = Math.max(0, sec + step);
            times.add(step % 7 == 0 ? Instant.ofEpochSecond(sec, 1_000_000) : Instant.ofEpochSecond(sec));
        }
        assertThat(SnapshotJson.isoInSequence(times))
                .isEqualTo(times.stream().map(Instant::toString).toList());
    }
}
