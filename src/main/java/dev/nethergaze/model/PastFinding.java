package dev.nethergaze.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A finding that stopped firing: its last state while active, and when it ended (the engine time of
 * the evaluation that no longer found it). A replay of yesterday's log reports these for attacks
 * that were over before the log ended.
 */
public record PastFinding(Finding finding, Instant ended) {

    public PastFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(ended, "ended");
    }
}
