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

    /** Whole-second log stamps one second apart are steady traffic; a wider step is a quiet spell. */
    private static final Duration MIN_QUIET = Duration.ofSeconds(2);

    private final long tickMillis;
    private final Duration quiet;
    private Instant next;
    /** The latest event time seen. */
    private Instant last;

    private Instant before;

    ReplayTicks(Duration tick) {
        this.tickMillis = tick.toMillis();
        // plus(), not multipliedBy(2): that goes through BigDecimal, whose class set-up alone was ~10% of
        // a small replay's start-up
        Duration twoTicks = tick.plus(tick);
        this.quiet = twoTicks.compareTo(MIN_QUIET) > 0 ? twoTicks : MIN_QUIET;
    }

    /**
     * True when {@code event} crosses the next tick boundary: maintain at its time before applying it
     * (after maintaining at {@link #beforeQuiet}, if any).
     */
    boolean crossed(SourceEvent event) {
        before = null;
        if (event instanceof Enriched) {
            return false;
        }
        Instant t = event.time();
        if (next == null) {
            next = t.plusMillis(tickMillis);
            last = t;
            return false;
        }
        Instant previous = last;
        if (t.isAfter(last)) {
            last = t;
        }
        if (t.isBefore(next)) {
            return false;
        }
        if (Duration.between(previous, t).compareTo(quiet) >= 0) {
            before = previous;
        }
        next = t.plusMillis(tickMillis);
        return true;
    }

    /**
     * When the event that {@link #crossed} a boundary ends a quiet spell (no event for two ticks and
     * at least two seconds: a pause in the log, or the gap between two logs), the time of the last
     * event before it. Live, ticks during the spell judged those events in their own window, and
     * ended findings as their windows passed; so maintain at that time first, then catch up with what
     * fell due in the spell. Otherwise a burst followed by silence is judged only after the silence,
     * when its window has passed (six failed logins in one second, then an hour without lines, were
     * never flagged). Null otherwise.
     */
    Instant beforeQuiet() {
        return before;
    }

    /** The latest event time seen (lookup answers aside), or null before the first event. */
    Instant last() {
        return last;
    }
}
