package dev.nethergaze.model;

import java.time.Instant;

/**
 * Everything a source can tell the engine. Sealed, so the engine's switch is checked by the
 * compiler when a new kind of event is added.
 */
public sealed interface SourceEvent permits ConnTable, HttpHit, AuthAttempt, Enriched, PacketTick, FirewallBlocks {

    /** Name of the source instance that produced the event. */
    String source();

    /** When it happened (log timestamp, poll time). Replay drives the engine's clock from this. */
    Instant time();

    /**
     * About how many bytes of heap the event holds, so replay can bound its queues in bytes as well
     * as in events (a log of 8 KB URLs must not fill memory with batches of 2048 events).
     */
    default long weight() {
        return 256;
    }
}
