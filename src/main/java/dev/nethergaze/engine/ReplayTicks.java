package dev.nethergaze.engine;

import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.SourceEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * The tick clock of a replay: maintenance is due each time event time crosses a tick boundary, as
 * it would have been live. Lookup answers carry wall-clock time, not traffic time, so they never
 * move it (as {@link Engine#apply} does not let them move the engine's clock).
 */
final class ReplayTicks {

    private final long tickMillis;
    private Instant next;

    ReplayTicks(Duration tick) {
        this.tickMillis = tick.toMillis();
    }

    /** True when {@code event} crosses the next tick boundary: maintain at its time before applying it. */
    boolean crossed(SourceEvent event) {
        if (event instanceof Enriched) {
            return false;
        }
        Instant t = event.time();
        if (next == null) {
            next = t.plusMillis(tickMillis);
            return false;
        }
        if (t.isBefore(next)) {
            return false;
        }
        next = t.plusMillis(tickMillis);
        return true;
    }
}
