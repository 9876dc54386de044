package dev.nethergaze.model;

import java.time.Duration;

/**
 * A deadline on blocking writes to a peer that may stop reading: while a write marked by {@link
 * #begin} and {@link #end} has gone on for longer than the timeout, {@code onStuck} runs, once, and
 * should make the write fail (close the socket, interrupt the writer on an interruptible channel). A
 * virtual thread looks a few times per timeout, at most once a second, until {@link #close}.
 */
public final class WriteDeadline implements AutoCloseable {

    private final Duration timeout;
    private final Runnable onStuck;
    private final Thread watcher;
    /** When the write in progress began ({@link System#nanoTime}, never 0), 0 when none is. */
    private volatile long since;

    private volatile boolean expired;

    public WriteDeadline(String name, Duration timeout, Runnable onStuck) {
        this.timeout = timeout;
        this.onStuck = onStuck;
        this.watcher = Thread.ofVirtual().name(name).start(this::watch);
    }

    /** A write begins. */
    public void begin() {
        since = System.nanoTime() | 1;
    }

    /** The write ended, gone through or failed. */
    public void end() {
        since = 0;
    }

    /** Whether a write stood still past the timeout (and {@code onStuck} ran). */
    public boolean expired() {
        return expired;
    }

    public Duration timeout() {
        return timeout;
    }

    private void watch() {
        long tick = Math.max(1_000_000L, Math.min(timeout.toNanos() / 4, 1_000_000_000L));
        try {
            while (true) {
                Thread.sleep(Duration.ofNanos(tick));
                long began = since;
                if (began != 0 && System.nanoTime() - began > timeout.toNanos()) {
                    expired = true;
                    onStuck.run();
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Stops looking. */
    @Override
    public void close() {
        watcher.interrupt();
    }
}
