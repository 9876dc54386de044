package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import java.time.Instant;

/** One per-IP detection rule: its thresholds come from {@link DetectSettings}. */
interface Rule {

    /** The rule id used in findings, filters ({@code rule:ID}) and alerts. */
    String id();

    /** The finding for this IP at {@code now}, with its evidence, or null when the rule does not fire. */
    Finding evaluate(IpTrack t, Instant now);

    /**
     * For a rule that fires for {@code t} at second {@code sec}: the second from which it stops firing
     * if no new event arrives, or {@link #UNKNOWN} when it cannot tell (the detector then re-judges
     * at an eighth of the window). The detector re-judges at that second, so the finding ends when it
     * stopped, not up to an eighth of the window later (three hours for the 24 h slow-guess window).
     */
    default long quietAt(IpTrack t, long sec) {
        return UNKNOWN;
    }

    /**
     * For a rule also judged per IPv6 prefix: whether the address of {@code t} (one IP's track) has
     * events among those this rule counts at {@code now}, i.e. it takes part in its prefix's finding.
     * The detector asks it only of a prefix's addresses while the prefix's finding fires.
     */
    default boolean counts(IpTrack t, Instant now) {
        return false;
    }

    /** {@link #quietAt}: no prediction. */
    long UNKNOWN = Long.MAX_VALUE;

    /** The first whole second at which {@code last} is no longer {@link #within} {@code seconds}. */
    static long endOf(Instant last, long seconds) {
        return last.getEpochSecond() + seconds + 1;
    }

    /**
     * When fewer than {@code threshold} keys of {@code seen} are left in a window of {@code seconds}
     * if none is seen again: when the threshold-th newest leaves it; {@link #UNKNOWN} when that
     * cannot be told.
     */
    static long thinsOut(LastSeen<?> seen, int threshold, long seconds) {
        Instant kth = seen.newest(threshold);
        return kth == null ? UNKNOWN : endOf(kth, seconds);
    }

    /** Whether {@code last} is at most {@code seconds} before {@code now} (computed without allocating). */
    static boolean within(Instant last, long seconds, Instant now) {
        long until = last.getEpochSecond() + seconds;
        return until > now.getEpochSecond() || (until == now.getEpochSecond() && last.getNano() >= now.getNano());
    }
}
