package dev.nethergaze.store;

import java.time.Instant;

/**
 * The writer's health, for {@code doctor} and the header.
 *
 * @param ok false while flushes fail (read-only file, full disk); the console keeps running
 * @param detail a one-line description ("ok", or what is wrong)
 * @param flushes flushes committed so far
 * @param lastFlush when the last flush committed, or null
 * @param droppedSnapshots snapshots not handed to the writer because its queue was full
 * @param lostIps IP changes discarded after repeated failures (bounded memory wins)
 */
public record HistoryStatus(
        boolean ok, String detail, long flushes, Instant lastFlush, long droppedSnapshots, long lostIps) {}
