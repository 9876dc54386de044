package dev.nethergaze.engine;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives the engine on the events' own timestamps ("time machine"): no wall clock, no threads.
 * Maintenance runs each time event time crosses a tick boundary, so windows behave as they did live.
 */
public final class ReplayDriver implements EventSink {

    private final Engine engine;
    private final long tickMillis;
    private Instant nextTick;

    public ReplayDriver(Engine engine, Duration tick) {
        this.engine = engine;
        this.tickMillis = tick.toMillis();
    }

    @Override
    public void emit(SourceEvent event) {
        Instant t = event.time();
        if (nextTick == null) {
            nextTick = t.plusMillis(tickMillis);
        } else if (!t.isBefore(nextTick)) {
            engine.maintain(t);
            nextTick = t.plusMillis(tickMillis);
        }
        engine.apply(event);
    }

    /** Runs each source to its end, in order, then returns the final snapshot. */
    public Snapshot run(List<Source> sources) throws InterruptedException {
        for (Source s : sources) {
            s.run(this);
        }
        List<SourceHealth> health = new ArrayList<>();
        sources.forEach(s -> health.add(s.health()));
        return engine.snapshot(health);
    }
}
