package dev.nethergaze.source.capture;

/**
 * What the control socket (and the console) may do to a running capture. Safe from any thread:
 * requests are handed to the capture thread, which applies them between packets.
 */
public interface CaptureControl {

    String name();

    /** Changes the filter without closing the capture; returns null on success, else a one-line error. */
    String setFilter(FilterSpec spec);

    /** Stops counting packets (live: still read and dropped, so the kernel buffer does not fill). */
    void pause();

    void resume();

    /** Forgets all counters and flows; the next tick tells the engine to drop its wire figures too. */
    void reset();

    /** The state at the latest tick. */
    CaptureStatus status();
}
