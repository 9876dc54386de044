package dev.nethergaze.engine;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Runs the pipeline live: each source on its own thread feeding a bounded queue, one engine thread
 * draining it and publishing an immutable {@link Snapshot} every tick. A source that throws is
 * reported as failed and the others keep running. What fails on the engine thread (an event, a
 * tick, a subscriber) is stepped over and shown as the source {@code engine} ({@link EngineFaults});
 * only an {@link Error} stops that thread, and {@link #engineStopped} says so.
 *
 * <p>{@link Source#finite} sources (a backfill of the recent past) go first, on their own events'
 * time as in a replay: the engine judges them tick by tick at their timestamps, so an attack of
 * forty minutes ago is flagged, and ended, when it happened, not judged at start-up when its
 * windows have long passed. Live events wait in their queue meanwhile (their sources block when it
 * is full; nothing is lost), and a snapshot is still published every tick.
 */
public final class LiveRunner implements AutoCloseable {

    private final Engine engine;
    private final List<Source> sources;
    private final InstantSource clock;
    /** Log lines stamped ahead of {@link #clock}: taken when read (the engine thread's). */
    private final FutureStamps futureStamps;

    private final Duration tick;
    /** Source events, and {@link Flush} requests queued behind them. */
    private final BlockingQueue<Object> queue;
    /**
     * The queue's budget in KiB of event weight ({@link SourceEvent#weight}): a source blocks when
     * the events it queued are that big, not only when there are that many, so a flood of 64 KB lines
     * the engine cannot keep up with holds {@value #QUEUE_KIB} KiB, not 65,536 lines of 64 KB.
     */
    private final Semaphore queuedKib = new Semaphore(QUEUE_KIB);

    private static final int QUEUE_KIB = 64 * 1024;

    /** The finite sources' events, applied before any live one; budgeted apart so neither starves the other. */
    private final BlockingQueue<SourceEvent> backfill = new ArrayBlockingQueue<>(BACKFILL_EVENTS);
    /** The least time between a backfill's progress frames (see {@link #backfill}). */
    private static final long BACKFILL_FRAME_NANOS = 1_000_000_000L;

    private final Semaphore backfillKib = new Semaphore(BACKFILL_KIB);
    private static final int BACKFILL_EVENTS = 8192;
    private static final int BACKFILL_KIB = 16 * 1024;
    /** Finite sources still running (their threads decrement it when they end, however they end). */
    private final AtomicInteger finiteRunning = new AtomicInteger();

    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    /** Subscribers of the snapshots published once the backfill is over (alerts: what is happening now). */
    private final List<Subscriber> liveSubscribers = new CopyOnWriteArrayList<>();

    /** What failed on the engine thread and was stepped over (that thread's alone). */
    private final EngineFaults faults = new EngineFaults();
    /**
     * Completed with the error that stopped the engine thread (out of memory, say), after which no
     * snapshot is published again: the command ends the run and says why, rather than show the last
     * snapshot as if it were current.
     */
    private final CompletableFuture<Throwable> engineStopped = new CompletableFuture<>();

    private final List<Thread> threads = new ArrayList<>();
    private final List<SourceFailure> failures = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    private record SourceFailure(String name, String detail) {}

    private record Subscriber(String name, Consumer<Snapshot> consumer) {}

    /** A request to publish as soon as every event queued before it has been applied. */
    private record Flush(CompletableFuture<Snapshot> published) {}

    public LiveRunner(Engine engine, List<Source> sources, InstantSource clock, Duration tick, int queueCapacity) {
        this.engine = engine;
        this.sources = List.copyOf(sources);
        this.clock = clock;
        this.futureStamps = new FutureStamps(clock);
        this.tick = tick;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /**
     * Called on the engine thread after each publish; must return quickly (hand off, don't do I/O).
     * One that throws is reported under {@code name} (in the {@code engine} entry of the sources) and
     * called again with the next snapshot; the others get each snapshot all the same.
     */
    public void subscribe(String name, Consumer<Snapshot> subscriber) {
        subscribers.add(new Subscriber(name, subscriber));
    }

    /**
     * As {@link #subscribe}, but only for the snapshots published after the backfill (if any) was
     * applied and settled at the current time: while it is applied, a snapshot shows the past (a
     * brute force of 40 minutes ago as current, on the engine's clock of then), and an alert sent
     * from it would page someone for what ended long ago. A finding still current when the backfill
     * is over is in the first snapshot after it.
     */
    public void subscribeLive(String name, Consumer<Snapshot> subscriber) {
        liveSubscribers.add(new Subscriber(name, subscriber));
    }

    /**
     * Where non-source producers (the enricher) put events: the same bounded queue the sources
     * feed, so their answers are applied on the engine thread like everything else.
     */
    public EventSink sink() {
        return this::enqueue;
    }

    private void enqueue(SourceEvent e) throws InterruptedException {
        queuedKib.acquire(kib(e));
        queue.put(e);
    }

    private void enqueueBackfill(SourceEvent e) throws InterruptedException {
        backfillKib.acquire(kib(e, BACKFILL_KIB));
        backfill.put(e);
    }

    private static int kib(SourceEvent e) {
        return kib(e, QUEUE_KIB);
    }

    private static int kib(SourceEvent e, int budget) {
        return (int) Math.min(budget, Math.max(1, e.weight() >> 10));
    }

    /**
     * Publishes a snapshot as soon as every event already in the queue has been applied, without
     * waiting for the next tick, and returns it (or the latest one if that takes longer than
     * {@code timeout}). A one-shot uses it once its sources have emitted their first readings.
     */
    public Snapshot publishNow(Duration timeout) throws InterruptedException {
        Flush f = new Flush(new CompletableFuture<>());
        if (!queue.offer(f, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return latest();
        }
        try {
            return f.published().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return latest();
        }
    }

    /**
     * Waits until no source reports {@link SourceStatus#STARTING} any more (at most {@code timeout}).
     * A source emits its first reading before it leaves that state, so a {@link #publishNow} after this
     * returns includes it.
     *
     * @return whether every source started in time
     */
    public boolean awaitSourcesStarted(Duration timeout) throws InterruptedException {
        return awaitNoSource(s -> s.health().status() == SourceStatus.STARTING, timeout);
    }

    /**
     * Waits until every {@link Source#finite} source (a backfill) has finished, at most {@code
     * timeout}; its events are then in the queue, so a {@link #publishNow} after this includes them.
     *
     * @return whether they all finished in time
     */
    public boolean awaitFiniteSources(Duration timeout) throws InterruptedException {
        return awaitNoSource(
                s -> s.finite()
                        && (s.health().status() == SourceStatus.STARTING
                                || s.health().status() == SourceStatus.OK),
                timeout);
    }

    /** Polls until no source is {@code busy} (true) or the timeout passes (false). */
    private boolean awaitNoSource(Predicate<Source> busy, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sources.stream().anyMatch(busy)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /** The latest published snapshot, or null before the first tick. */
    public Snapshot latest() {
        return latest.get();
    }

    public LiveRunner start() {
        for (Source s : sources) {
            if (s.finite()) {
                finiteRunning.incrementAndGet();
            }
        }
        for (Source s : sources) {
            Thread t =
                    Thread.ofPlatform().name("source-" + s.name()).daemon(true).unstarted(() -> runSource(s));
            threads.add(t);
        }
        Thread engineThread = Thread.ofPlatform().name("engine").daemon(true).unstarted(this::engineLoop);
        threads.add(engineThread);
        threads.forEach(Thread::start);
        return this;
    }

    private void runSource(Source s) {
        try {
            s.run(s.finite() ? this::enqueueBackfill : this::enqueue);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) { // an Error too (out of memory, say): not a dead source shown as ok
            if (!stopping) {
                // sources report their own I/O troubles in their health: what reaches here is a bug, or
                // the heap
                failures.add(new SourceFailure(
                        s.name(),
                        e instanceof OutOfMemoryError
                                ? "stopped: out of memory (the Java heap, at most "
                                        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, is full)"
                                : "stopped by a fault of ours (please report it): " + EngineFaults.describe(e)));
            }
        } finally {
            if (s.finite()) {
                finiteRunning.decrementAndGet();
            }
        }
    }

    private void engineLoop() {
        long tickNanos = tick.toNanos();
        List<Object> batch = new ArrayList<>(4096);
        List<Flush> flushes = new ArrayList<>();
        try {
            backfill(tickNanos);
            long next = System.nanoTime();
            while (!stopping) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Object e = queue.poll(wait, TimeUnit.NANOSECONDS);
                    if (e != null) {
                        apply(e, flushes);
                        queue.drainTo(batch, 4095);
                        batch.forEach(o -> apply(o, flushes));
                        batch.clear();
                        if (!flushes.isEmpty()) {
                            publish(flushes); // ahead of the tick; the tick schedule stays
                        }
                        continue;
                    }
                }
                queue.drainTo(batch);
                batch.forEach(o -> apply(o, flushes));
                batch.clear();
                publish(flushes);
                next += tickNanos;
                if (next < System.nanoTime()) { // fell behind: do not burst ticks
                    next = System.nanoTime() + tickNanos;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) { // past the guards of each event, tick and subscriber: it stops
            engineStopped.complete(e);
        }
    }

    /**
     * Applies the finite sources' events on their own time (ticks crossed at event time, as in a
     * replay) until those sources have ended and their queue is empty, publishing every tick meanwhile
     * without moving the engine's clock; then judges the rest at the last event's time and runs the
     * re-judgements that fell due between it and now, each at its own time, so findings that ended
     * before start-up end when they did.
     */
    private void backfill(long tickNanos) throws InterruptedException {
        if (finiteRunning.get() == 0 && backfill.isEmpty()) {
            return;
        }
        ReplayDriver driver = new ReplayDriver(engine, tick, faults);
        // progress frames at most once a second: a frame is a snapshot of every IP, and at a one-shot's
        // 40 ms tick they were most of a backfill's time (80k lines, 30k IPs: 2.3 s, now 1.2 s)
        long every = Math.max(tickNanos, BACKFILL_FRAME_NANOS);
        long next = System.nanoTime(); // a first frame at once, as live: before the first event, not after it
        while (!stopping) {
            if (System.nanoTime() - next >= 0) { // (after one event, it showed, and alerted on, a partial state)
                Snapshot s = snapshot();
                if (s != null) {
                    deliver(s, false);
                }
                next = System.nanoTime() + every;
            }
            SourceEvent e =
                    backfill.poll(Math.max(0, Math.min(next - System.nanoTime(), 10_000_000L)), TimeUnit.NANOSECONDS);
            if (e != null) {
                backfillKib.release(kib(e, BACKFILL_KIB));
                if (!futureStamps.leaveOut(e)) {
                    driver.emit(e); // what fails is counted in faults and stepped over
                }
            } else if (finiteRunning.get() == 0 && backfill.isEmpty()) {
                break;
            }
        }
        try {
            driver.settle(clock.instant());
        } catch (RuntimeException x) {
            faults.tick(x);
        }
    }

    private void apply(Object o, List<Flush> flushes) {
        if (o instanceof Flush f) {
            flushes.add(f);
        } else {
            SourceEvent e = (SourceEvent) o;
            queuedKib.release(kib(e));
            try {
                engine.apply(futureStamps.clamp(e));
            } catch (RuntimeException x) { // one event's failure is not the run's: counted, shown
                faults.event(e, x);
            }
        }
    }

    private void publish(List<Flush> flushes) {
        Snapshot s = publish();
        flushes.forEach(f -> f.published().complete(s));
        flushes.clear();
    }

    /** Judges at the current time and publishes; when that fails, the latest snapshot (or null). */
    private Snapshot publish() {
        try {
            engine.maintain(clock.instant());
        } catch (RuntimeException x) {
            faults.tick(x);
        }
        Snapshot s = snapshot();
        return s == null ? latest() : deliver(s, true);
    }

    /** The engine's snapshot, or null when making it failed (counted; the next tick tries again). */
    private Snapshot snapshot() {
        try {
            return engine.snapshot(health());
        } catch (RuntimeException x) {
            faults.tick(x);
            return null;
        }
    }

    /** @param live the backfill (if any) is over: {@link #subscribeLive} subscribers get it too */
    private Snapshot deliver(Snapshot s, boolean live) {
        latest.set(s);
        deliver(subscribers, s);
        if (live) {
            deliver(liveSubscribers, s);
        }
        return s;
    }

    private void deliver(List<Subscriber> to, Snapshot s) {
        for (Subscriber c : to) {
            try {
                c.consumer().accept(s);
            } catch (RuntimeException x) {
                faults.subscriber(c.name(), x);
            }
        }
    }

    private List<SourceHealth> health() {
        List<SourceHealth> out = new ArrayList<>(sources.size());
        for (Source s : sources) {
            SourceFailure failed = null;
            for (SourceFailure f : failures) {
                if (f.name().equals(s.name())) {
                    failed = f;
                }
            }
            if (failed == null) {
                out.addAll(s.fileHealth());
            } else { // a source whose thread died is one entry saying why, with what it had read
                SourceHealth h = s.health();
                out.add(new SourceHealth(
                        h.name(), h.kind(), SourceStatus.ERROR, failed.detail(), h.lines(), h.malformed()));
            }
        }
        SourceHealth restamped = futureStamps.health();
        if (restamped != null) {
            out.add(restamped);
        }
        SourceHealth engineFaults = faults.health();
        if (engineFaults != null) {
            out.add(engineFaults);
        }
        return out;
    }

    /**
     * Completes with the error that stopped the engine thread, after which nothing is published
     * again; it never completes in a run that goes on (each failing event, tick or subscriber is
     * stepped over and shown in the sources instead).
     */
    public CompletableFuture<Throwable> engineStopped() {
        return engineStopped;
    }

    /** Runs {@code then} (on the engine thread, or at once) if the engine thread stops for good. */
    @SuppressWarnings("FutureReturnValueIgnored") // the stage only runs {@code then}: nothing to lose
    public void onEngineStopped(Runnable then) {
        engineStopped.thenRun(then);
    }

    /**
     * Throws, saying why, when the engine thread has stopped (out of memory, say): nothing was
     * published since, so the run is over whatever a command showed last.
     */
    public void throwIfEngineStopped() {
        Throwable t = engineStopped.getNow(null);
        if (t != null) {
            throw new IllegalStateException("the engine stopped: " + t, t);
        }
    }

    /**
     * The latest snapshot, or, when there is none yet, an exception saying so and the last thing that
     * failed inside the engine, if anything did (a command that must print a snapshot then says why
     * it has none, rather than fail on a null).
     */
    public Snapshot latestOrExplain(Snapshot fallback) {
        Snapshot s = latest();
        if (s != null || fallback != null) {
            return s != null ? s : fallback;
        }
        throwIfEngineStopped();
        String fault = faults.last();
        throw new IllegalStateException(
                "no snapshot could be made" + (fault == null ? " in time" : " (last failure: " + fault + ")"));
    }

    /** Blocks until a snapshot newer than {@code after} is published (or the timeout passes). */
    public Snapshot awaitNext(Snapshot after, Duration timeout) throws InterruptedException {
        return Snapshot.awaitNewer(latest::get, after, timeout, Math.max(1, Math.min(20, tick.toMillis() / 5)));
    }

    @Override
    public void close() {
        stopping = true;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
