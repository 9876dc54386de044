package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import java.time.Instant;

/** One per-IP detection rule: its thresholds come from {@link DetectSettings}. */
interface Rule {

    /** The rule id used in findings, filters ({@code rule:ID}) and alerts. */
    String id();

    /** The finding for this IP at {@code now}, with its evidence, or null when the rule does not fire. */
    Finding evaluate(IpTrack t, Instant now);

    /** Whether {@code last} is at most {@code seconds} before {@code now} (computed without allocating). */
    static boolean within(Instant last, long seconds, Instant now) {
        long until = last.getEpochSecond() + seconds;
        return until > now.getEpochSecond() || (until == now.getEpochSecond() && last.getNano() >= now.getNano());
    }
}
