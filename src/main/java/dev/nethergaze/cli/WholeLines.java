package dev.nethergaze.cli;

import dev.nethergaze.model.Snapshot;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * JSON lines to standard output that stay whole when the run is stopped by SIGINT or SIGTERM: the
 * JVM's shutdown hook waits, up to {@link #GRACE}, for the line being written to end, and no line is
 * begun after it. Before, a signal during a large snapshot left a cut-off last line (invalid JSON, no
 * newline) that {@code jq} or a log shipper then failed on. One-shots ({@code snapshot}, {@code
 * replay}, {@code demo --json}) write their one document through it too ({@link #one}).
 */
final class WholeLines implements AutoCloseable {

    /** How long a signal waits for the line being written (a reader that stopped reading holds it). */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final OutputStream out;
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread hook;
    private volatile boolean ended;

    WholeLines(OutputStream out) {
        this.out = out;
        this.hook = new Thread(this::signalled, "nethergaze-last-line");
    }

    /**
     * Lines to standard output, finished on a signal (a shutdown hook installed until {@link #close},
     * which leaves standard output open).
     */
    static WholeLines toStdout() {
        WholeLines w = new WholeLines(Output.bufferedStdout());
        Runtime.getRuntime().addShutdownHook(w.hook);
        return w;
    }

    /** One piece of output: the bytes it writes to the stream it is given. */
    @FunctionalInterface
    interface Piece {
        void writeTo(OutputStream out);
    }

    /**
     * Writes one document to standard output whole: a signal meanwhile waits for its end (up to {@link
     * #GRACE}), then ends the run.
     */
    static void one(Piece doc) {
        try (WholeLines w = toStdout()) {
            w.write(doc);
        }
    }

    /** Writes {@code s} as the next line of a series; false (nothing written) once a signal ended the output. */
    boolean line(Snapshot s) {
        return write(o -> Output.nextLine(s, o));
    }

    /** Writes {@code piece}; false (nothing written) once a signal ended the output. */
    boolean write(Piece piece) {
        writing.lock();
        try {
            if (ended) {
                return false;
            }
            piece.writeTo(out);
            return true;
        } finally {
            writing.unlock();
        }
    }

    /** What the shutdown hook does: waits for the line being written (bounded), then ends the output. */
    void signalled() {
        boolean locked = false;
        try {
            locked = writing.tryLock(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ended = true;
        if (locked) {
            writing.unlock();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running
        }
    }
}
