package dev.nethergaze.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A finding that stopped firing: its state at the episode's peak (the highest observed value, the
 * latest of equal ones), and when it ended (the engine time of the evaluation that no longer found
 * it). A replay of yesterday's log reports these for attacks that were over before the log ended.
 *
 * <p>{@code held}: it stopped less than the hold (60 s) before the snapshot, so its episode is still
 * open: should the rule fire again within the hold, it goes on as the same episode (same {@code
 * since}). Traffic sitting at a threshold stops and fires every few seconds; the console shows such
 * an IP as flagged throughout, not blinking between flagged and ended.
 */
public record PastFinding(Finding finding, Instant ended, boolean held) {

    public PastFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(ended, "ended");
    }

    /** One whose episode is over (the hold has passed, or the question does not arise). */
    public PastFinding(Finding finding, Instant ended) {
        this(finding, ended, false);
    }
}
