package dev.nethergaze.detect;

import java.time.Instant;

/**
 * When a host-wide rule's episode started, held over short stops as an IP's are ({@link
 * IpTrack#HOLD_SECONDS}): a SYN_RECV count or an accept queue hovering at its threshold crosses it
 * every few seconds, and each crossing was a new episode (a new {@code since}, one more ended episode
 * listed and filed). A rule firing again within the hold goes on with its episode; after a longer
 * stop it is a new one. Not thread-safe: the detector's.
 */
final class HeldSince {

    private Instant since;
    /** When the rule stopped firing in this episode; null while it fires (or before it ever did). */
    private Instant stopped;

    /** The rule fires at {@code now}: when its episode started. */
    Instant firing(Instant now) {
        if (since == null || over(now)) {
            since = now;
        }
        stopped = null;
        return since;
    }

    /** True if the rule stopped firing longer than the hold before {@code now}: its next firing is a new episode. */
    boolean over(Instant now) {
        return stopped != null && IpTrack.heldPast(stopped, now);
    }

    /** The rule does not fire at {@code now}. */
    void quiet(Instant now) {
        if (since != null && stopped == null) {
            stopped = now;
        }
    }
}
