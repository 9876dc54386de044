package dev.nethergaze.source;

import dev.nethergaze.model.SourceEvent;

/** Where sources put events. Blocks when the engine's bounded queue is full (back-pressure, not loss). */
@FunctionalInterface
public interface EventSink {
    void emit(SourceEvent event) throws InterruptedException;
}
