package dev.nethergaze.control;

import dev.nethergaze.model.Snapshot;

/**
 * What a running Nethergaze lets the control socket do. Implemented by whoever runs the pipeline
 * (the CLI wires it to the live runner and the capture); every method must be safe from any thread
 * and return quickly.
 */
public interface ControlHandler {

    /**
     * The latest published snapshot, or null before the first tick; a replay builds one when asked,
     * on its own thread, and may throw (one line: why it could not) when that thread is busy.
     */
    Snapshot snapshot();

    /** Extra status (e.g. the capture's counters), serialised as JSON; null for none. */
    Object status();

    /** Changes the capture filter; returns null on success, else a one-line error. */
    String setFilter(FilterRequest request);

    void pause();

    void resume();

    /** Forgets counters and flows. */
    void reset();

    /** Asks the process to stop (the reply is sent first). */
    void stop();

    /**
     * Whether private, loopback and link-local addresses are listed (tracked per IP): when not, {@code
     * explain} of one says it was hidden, not that it was never seen.
     */
    default boolean listsPrivateIps() {
        return true;
    }
}
