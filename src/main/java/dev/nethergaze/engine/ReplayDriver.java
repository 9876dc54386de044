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
import java.util.function.Consumer;

/**
 * Drives the engine on the events' own timestamps ("time machine"): no wall clock, no threads.
 * Maintenance runs each time event time crosses a tick boundary, so windows behave as they did live.
 * Subscribers (alert sinks) get a snapshot at each of those ticks and the final one, as a live
 * runner would publish them; without subscribers no intermediate snapshot is built. Other threads
 * ask for the state now through {@link #requests()}: built on the replaying thread between events.
 */
public final class ReplayDriver implements EventSink {

    private final Engine engine;
    private final ReplayTicks ticks;
    private final List<Consumer<Snapshot>> subscribers = new ArrayList<>();
    private List<Source> running = List.of();
    /** Events that could not be applied and ticks that could not be judged: stepped over, and shown. */
    private final EngineFaults faults;

    private final SnapshotRequests requests = new SnapshotRequests();
    /** What a request gets, made once: {@link #idle} runs before every event. */
    private final java.util.function.Supplier<Snapshot> peek = this::peekNow;

    public ReplayDriver(Engine engine, Duration tick) {
        this(engine, tick, new EngineFaults());
    }

    /** As above, counting what fails in {@code faults} (a live runner's, for its backfill). */
    ReplayDriver(Engine engine, Duration tick, EngineFaults faults) {
        this.engine = engine;
        this.ticks = new ReplayTicks(tick);
        this.faults = faults;
    }

    /** Called on the replaying thread with each tick's snapshot, on packet or log time. */
    public void subscribe(Consumer<Snapshot> subscriber) {
        subscribers.add(subscriber);
    }

    /**
     * Where other threads (the control socket) ask this replay for its state now: served between
     * events and while a source {@linkplain #idle idles}, by a snapshot that judges nothing (the
     * replay finds what it would have found unasked); after the run, its final snapshot.
     */
    public SnapshotRequests requests() {
        return requests;
    }

    private Snapshot peekNow() {
        return engine.peek(health());
    }

    @Override
    public void idle() {
        requests.serve(peek);
    }

    /** Applies {@code event} after the ticks it crosses; one that fails is counted and left there. */
    @Override
    public void emit(SourceEvent event) {
        idle();
        if (ticks.crossed(event)) {
            try {
                if (ticks.beforeQuiet() != null) {
                    maintain(ticks.beforeQuiet());
                    engine.catchUp(event.time());
                }
                maintain(event.time());
            } catch (RuntimeException x) {
                faults.tick(x);
            }
        }
        try {
            engine.apply(event);
        } catch (RuntimeException x) {
            faults.event(event, x);
        }
    }

    /**
     * Ends a replay that live time follows (a backfill): judges what came after the last tick at the
     * last event's time, then runs the re-judgements that fell due before {@code until} at their own
     * times. Nothing to do if no event came.
     */
    public void settle(Instant until) {
        Instant last = ticks.last();
        if (last != null) {
            maintain(last);
            engine.catchUp(until);
        }
    }

    private void maintain(Instant t) {
        engine.maintain(t);
        if (!subscribers.isEmpty()) {
            publish(engine.snapshot(health()));
        }
    }

    /** Runs each source to its end, in order, then returns the final snapshot. */
    public Snapshot run(List<Source> sources) throws InterruptedException {
        running = List.copyOf(sources);
        Snapshot last = null;
        try {
            for (Source s : sources) {
                s.run(this);
            }
            last = engine.snapshot(health());
            publish(last);
            return last;
        } finally {
            requests.end(last);
        }
    }

    private List<SourceHealth> health() {
        List<SourceHealth> health = new ArrayList<>(running.size());
        running.forEach(s -> health.addAll(s.fileHealth()));
        SourceHealth f = faults.health();
        if (f != null) {
            health.add(f);
        }
        return health;
    }

    private void publish(Snapshot s) {
        for (Consumer<Snapshot> c : subscribers) {
            c.accept(s);
        }
    }
}
