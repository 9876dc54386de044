package dev.nethergaze.ui.web;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Writes an event stream's messages with a deadline: a write blocked for longer than the timeout (the
 * client stopped reading, or vanished without closing) is ended by interrupting the writing thread,
 * which closes the connection's channel (the JDK's server writes to an interruptible
 * {@code SocketChannel}); the write then fails, and the stream, its slot and the document it held
 * are freed. A watcher thread looks once a second at most.
 */
final class StreamWriter implements AutoCloseable {

    private final OutputStream out;
    private final long timeoutNanos;
    private final Thread writer = Thread.currentThread();
    private final Thread watcher;
    /** When the write in progress began ({@link System#nanoTime}), 0 when none is. */
    private volatile long writingSince;

    private volatile boolean timedOut;

    StreamWriter(OutputStream out, Duration timeout) {
        this.out = out;
        this.timeoutNanos = timeout.toNanos();
        this.watcher = Thread.ofVirtual().name("nethergaze-web-stream-watch").start(this::watch);
    }

    /** Writes the parts and flushes them; an IOException when they could not go within the timeout. */
    void write(byte[]... parts) throws IOException {
        writingSince = System.nanoTime() | 1; // never 0
        try {
            for (byte[] p : parts) {
                out.write(p);
            }
            out.flush();
        } catch (IOException e) {
            throw timedOut ? new IOException("the client read nothing for " + timeoutNanos / 1_000_000 + " ms", e) : e;
        } finally {
            writingSince = 0;
        }
    }

    private void watch() {
        long tick = Math.max(1_000_000L, Math.min(timeoutNanos / 4, 1_000_000_000L));
        try {
            while (true) {
                Thread.sleep(Duration.ofNanos(tick));
                long since = writingSince;
                if (since != 0 && System.nanoTime() - since > timeoutNanos) {
                    timedOut = true;
                    writer.interrupt();
                    return;
                }
            }
        } catch (InterruptedException e) {
            // the stream ended
        }
    }

    @Override
    public void close() {
        watcher.interrupt();
    }
}
