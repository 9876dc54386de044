package dev.nethergaze.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A finding that stopped firing: its state at the episode's peak (the highest observed value, the
 * latest of equal ones), and when it ended (the engine time of
 * the evaluation that no longer found it). A replay of yesterday's log reports these for attacks
 * that were over before the log ended.
 */
public record PastFinding(Finding finding, Instant ended) {

    public PastFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(ended, "ended");
    }
}
