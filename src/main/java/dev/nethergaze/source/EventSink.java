package dev.nethergaze.source;

import dev.nethergaze.model.SourceEvent;

/** Where sources put events. Blocks when the engine's bounded queue is full (back-pressure, not loss). */
@FunctionalInterface
public interface EventSink {
    void emit(SourceEvent event) throws InterruptedException;

    /**
     * Called now and then on the source's thread by a source that goes a long while between events
     * (a pcap replay between its ticks, or pacing them): a sink that drives the engine on that thread
     * serves what needs it there (a snapshot asked for over the control socket). Cheap when there is
     * nothing to serve; the default does nothing.
     */
    default void idle() {}
}
