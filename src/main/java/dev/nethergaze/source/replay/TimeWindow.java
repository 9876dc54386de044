package dev.nethergaze.source.replay;

import java.time.Instant;

/**
 * The span of event time a replay or backfill wants: {@code [from, until)}, either end open (null).
 * A file is entered near {@code from} ({@link TimeSeek}) and its events outside are dropped and counted.
 */
public record TimeWindow(Instant from, Instant until) {

    public static final TimeWindow ALL = new TimeWindow(null, null);

    public TimeWindow {
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("the window's start " + from + " is not before its end " + until);
        }
    }

    public boolean contains(Instant t) {
        return (from == null || !t.isBefore(from)) && (until == null || t.isBefore(until));
    }

    public boolean isAll() {
        return from == null && until == null;
    }
}
