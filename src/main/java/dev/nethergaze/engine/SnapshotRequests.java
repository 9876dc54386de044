package dev.nethergaze.engine;

import dev.nethergaze.model.Snapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Snapshots asked for by other threads (the control socket's {@code top}, {@code snapshot},
 * {@code status}) and built by the one thread that drives the engine, between two events: a replay
 * then builds a snapshot only when one is asked for, not one per tick in case one is. Requests
 * waiting at the same time share one build. Once the replay has ended every request gets its final
 * snapshot at once.
 */
public final class SnapshotRequests {

    /** The request waiting to be built; after {@link #end}, a completed one that stays. */
    private final AtomicReference<CompletableFuture<Snapshot>> pending = new AtomicReference<>();

    /**
     * From any thread: the engine's state now, built by its thread at its next pause between events.
     *
     * @throws TimeoutException when that thread did not get to it within {@code timeout} (busy)
     */
    public Snapshot ask(Duration timeout) throws InterruptedException, TimeoutException {
        CompletableFuture<Snapshot> f = pending.updateAndGet(p -> p != null ? p : new CompletableFuture<>());
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "building the snapshot failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** On the driving thread, between events: builds one snapshot if any is asked for. Cheap if none is. */
    void serve(Supplier<Snapshot> build) {
        CompletableFuture<Snapshot> f = pending.get();
        if (f == null || f.isDone() || !pending.compareAndSet(f, null)) {
            return;
        }
        try {
            f.complete(build.get());
        } catch (RuntimeException x) {
            f.completeExceptionally(x); // the asker says so; the replay goes on
        }
    }

    /** The driving thread is done: a request waiting now, and every later one, gets {@code last}. */
    void end(Snapshot last) {
        CompletableFuture<Snapshot> waiting = pending.getAndSet(CompletableFuture.completedFuture(last));
        if (waiting != null) {
            waiting.complete(last);
        }
    }
}
