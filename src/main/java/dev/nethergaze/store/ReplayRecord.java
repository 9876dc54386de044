package dev.nethergaze.store;

/**
 * What {@link HistoryStore#recordReplay} did with a replay.
 *
 * @param session the session it was recorded as, or 0 when it was not (all of it was recorded before)
 * @param note one line saying what history already held of it, or null when it held none of it
 */
public record ReplayRecord(long session, String note) {

    /** Whether a session was recorded (all or the new part of the replay). */
    public boolean recorded() {
        return session > 0;
    }
}
