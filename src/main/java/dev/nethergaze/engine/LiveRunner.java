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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the pipeline live: each source on its own thread feeding a bounded queue, one engine thread
 * draining it and publishing an immutable {@link Snapshot} every tick. A source that throws is
 * reported as failed and the others keep running.
 */
public final class LiveRunner implements AutoCloseable {

    private final Engine engine;
    private final List<Source> sources;
    private final InstantSource clock;
    private final Duration tick;
    private final BlockingQueue<SourceEvent> queue;
    private final AtomicReference<Snapshot> latest = new AtomicReference<>();
    private final List<Consumer<Snapshot>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<SourceFailure> failures = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    private record SourceFailure(String name, String detail) {}

    public LiveRunner(Engine engine, List<Source> sources, InstantSource clock, Duration tick, int queueCapacity) {
        this.engine = engine;
        this.sources = List.copyOf(sources);
        this.clock = clock;
        this.tick = tick;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /** Called on the engine thread after each publish; must return quickly (hand off, don't do I/O). */
    public void subscribe(Consumer<Snapshot> subscriber) {
        subscribers.add(subscriber);
    }

    /**
     * Where non-source producers (the enricher) put events: the same bounded queue the sources
     * feed, so their answers are applied on the engine thread like everything else.
     */
    public EventSink sink() {
        return queue::put;
    }

    /** The latest published snapshot, or null before the first tick. */
    public Snapshot latest() {
        return latest.get();
    }

    public LiveRunner start() {
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
            s.run(queue::put);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping) {
                failures.add(new SourceFailure(s.name(), "failed: " + e));
            }
        }
    }

    private void engineLoop() {
        long tickNanos = tick.toNanos();
        long next = System.nanoTime();
        List<SourceEvent> batch = new ArrayList<>(4096);
        try {
            while (!stopping) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    SourceEvent e = queue.poll(wait, TimeUnit.NANOSECONDS);
                    if (e != null) {
                        engine.apply(e);
                        queue.drainTo(batch, 4095);
                        batch.forEach(engine::apply);
                        batch.clear();
                        continue;
                    }
                }
                queue.drainTo(batch);
                batch.forEach(engine::apply);
                batch.clear();
                publish();
                next += tickNanos;
                if (next < System.nanoTime()) { // fell behind: do not burst ticks
                    next = System.nanoTime() + tickNanos;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish() {
        engine.maintain(clock.instant());
        Snapshot s = engine.snapshot(health());
        latest.set(s);
        for (Consumer<Snapshot> c : subscribers) {
            c.accept(s);
        }
    }

    private List<SourceHealth> health() {
        List<SourceHealth> out = new ArrayList<>(sources.size());
        for (Source s : sources) {
            SourceHealth h = s.health();
            for (SourceFailure f : failures) {
                if (f.name().equals(s.name())) {
                    h = new SourceHealth(h.name(), h.kind(), SourceStatus.ERROR, f.detail(), h.lines(), h.malformed());
                }
            }
            out.add(h);
        }
        return out;
    }

    /** Blocks until a snapshot newer than {@code after} is published (or the timeout passes). */
    @SuppressWarnings("ReferenceEquality") // identity is the point: a newer snapshot object
    public Snapshot awaitNext(Snapshot after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Snapshot s;
        while ((s = latest.get()) == after || s == null) {
            if (System.nanoTime() > deadline) {
                return s;
            }
            Thread.sleep(Math.max(1, Math.min(20, tick.toMillis() / 5)));
        }
        return s;
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
