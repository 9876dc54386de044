package dev.nethergaze.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The fast timestamp writer prints exactly what {@link Instant#toString()} prints. */
class IsoTimeTest {

    @Property(tries = 5000)
    void sameAsInstantToString(@ForAll @LongRange(min = -100_000_000_000L, max = 300_000_000_000L) long sec) {
        Instant t = Instant.ofEpochSecond(sec);
        assertThat(SnapshotJson.iso(t)).isEqualTo(t.toString());
        assertThat(SnapshotJson.iso(t.plusMillis(5))).isEqualTo(t.plusMillis(5).toString());
    }
}
