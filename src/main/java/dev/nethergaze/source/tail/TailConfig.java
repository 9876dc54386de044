package dev.nethergaze.source.tail;

import java.time.Duration;
import java.time.InstantSource;

/**
 * How a {@link FileTailer} follows files.
 *
 * @param pollInterval how often files are checked for new data, rotation and truncation
 * @param rescanInterval how often globs are re-listed for new files
 * @param rotateGrace how long a rotated-away file is still read (a web server keeps writing to it
 *     until it reopens its logs) before it is closed
 * @param fromStart read files that exist at start from their beginning (tests, backfill) instead of
 *     from their end
 * @param maxLineBytes longer lines are delivered cut to this many bytes and flagged
 * @param clock time source for the rescan and grace deadlines
 * @param handover where files present at start are started from, when a backfill read what came
 *     before (else at their end)
 */
public record TailConfig(
        Duration pollInterval,
        Duration rescanInterval,
        Duration rotateGrace,
        boolean fromStart,
        int maxLineBytes,
        InstantSource clock,
        Handover handover) {

    public static final int DEFAULT_MAX_LINE = 64 * 1024;

    public TailConfig(
            Duration pollInterval,
            Duration rescanInterval,
            Duration rotateGrace,
            boolean fromStart,
            int maxLineBytes,
            InstantSource clock) {
        this(pollInterval, rescanInterval, rotateGrace, fromStart, maxLineBytes, clock, Handover.NONE);
    }

    public TailConfig {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
        }
        if (rescanInterval.isNegative() || rotateGrace.isNegative()) {
            throw new IllegalArgumentException("rescan interval and rotate grace must not be negative");
        }
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("line cap must be positive: " + maxLineBytes);
        }
    }

    /** 250 ms polls, 10 s rescans, 5 s rotate grace, from the end, 64 KiB lines, system clock. */
    public static TailConfig defaults() {
        return new TailConfig(
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                false,
                DEFAULT_MAX_LINE,
                InstantSource.system());
    }

    /** Files present at start are started where a backfill's reading of them ends. */
    public TailConfig withHandover(Handover h) {
        return new TailConfig(pollInterval, rescanInterval, rotateGrace, fromStart, maxLineBytes, clock, h);
    }

    public TailConfig withFromStart(boolean start) {
        return new TailConfig(pollInterval, rescanInterval, rotateGrace, start, maxLineBytes, clock, handover);
    }

    public TailConfig withIntervals(Duration poll, Duration rescan, Duration grace) {
        return new TailConfig(poll, rescan, grace, fromStart, maxLineBytes, clock, handover);
    }

    public TailConfig withClock(InstantSource c) {
        return new TailConfig(pollInterval, rescanInterval, rotateGrace, fromStart, maxLineBytes, c, handover);
    }

    public TailConfig withMaxLineBytes(int max) {
        return new TailConfig(pollInterval, rescanInterval, rotateGrace, fromStart, max, clock, handover);
    }
}
