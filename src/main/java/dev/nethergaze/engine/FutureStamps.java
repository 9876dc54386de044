package dev.nethergaze.engine;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Log lines stamped ahead of this host's clock, in a live run. The engine's clock is the newest event
 * time, so one such line (a web server whose clock is ahead, a syslog written in another time zone
 * than the one Nethergaze runs in, a shipped log) moved the live session's clock there and froze it:
 * every IP seen before it was idle at once and dropped, and every request after it was judged as that
 * old (rates 0, so floods and brute force could not fire). Such a live line is taken at the time it
 * was read instead; one of a backfill ({@code --since}) is left out (see {@link #leaveOut}); both are
 * counted and said in the sources ({@value #NAME}: how many, how far ahead at most, from where). A few seconds ahead are taken as they are (second-resolution stamps, clocks a little
 * apart). Not thread-safe: the engine thread's.
 */
final class FutureStamps {

    static final String NAME = "clock";

    /** How far ahead a stamp may be and still be taken as it is. */
    static final Duration TOLERANCE = Duration.ofSeconds(5);

    private final InstantSource clock;
    private long restamped;
    private long leftOut;
    private Duration furthest = Duration.ZERO;
    private String firstFrom;

    FutureStamps(InstantSource clock) {
        this.clock = clock;
    }

    /** {@code e}, or, for a live log line stamped ahead of the clock, the same line stamped now. */
    SourceEvent clamp(SourceEvent e) {
        Instant now = ahead(e);
        if (now == null) {
            return e;
        }
        restamped++;
        return switch (e) {
            case HttpHit h -> h.withTime(now);
            case AuthAttempt a -> a.withTime(now);
            default -> e;
        };
    }

    /**
     * True (counted) for a backfill's log line stamped ahead of the clock: it is left out. Stamping it
     * now, as a live one is, would gather lines written over the past hour at one instant (a log
     * written in another time zone has every line ahead), and a burst no one made would be flagged.
     */
    boolean leaveOut(SourceEvent e) {
        if (ahead(e) == null) {
            return false;
        }
        leftOut++;
        return true;
    }

    /**
     * The clock's time when {@code e} is a log line stamped more than the tolerance ahead of it
     * (counted), else null. Told first from the clock's milliseconds: every live line asks, and no
     * {@link Instant} is made for one that is surely not ahead.
     */
    private Instant ahead(SourceEvent e) {
        if (!(e instanceof HttpHit) && !(e instanceof AuthAttempt)) {
            return null; // tables, packets, answers: stamped by this host's clock
        }
        // stamped before the whole second in which the tolerance ends: before now plus the tolerance
        if (e.time().getEpochSecond() < Math.floorDiv(clock.millis(), 1000) + TOLERANCE.toSeconds()) {
            return null;
        }
        Instant now = clock.instant();
        if (!e.time().isAfter(now.plus(TOLERANCE))) {
            return null;
        }
        Duration by = Duration.between(now, e.time());
        furthest = by.compareTo(furthest) > 0 ? by : furthest;
        firstFrom = firstFrom != null ? firstFrom : e.source();
        return now;
    }

    /** The sources' entry saying what was re-stamped or left out, or null when nothing was. */
    SourceHealth health() {
        long count = restamped + leftOut;
        if (count == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder()
                .append(Plural.of(count, "log line"))
                .append(" stamped up to ")
                .append(ahead(furthest))
                .append(" ahead of this host's clock (first from ")
                .append(firstFrom)
                .append("): ");
        if (restamped > 0) {
            b.append(leftOut > 0 ? restamped + " live taken at the time read" : "taken at the time read");
        }
        if (leftOut > 0) {
            b.append(restamped > 0 ? ", " + leftOut + " of the backfill left out" : "left out of the backfill");
        }
        b.append(". A server clock ahead, or a log written in another time zone than this one (TZ)?");
        return new SourceHealth(NAME, NAME, SourceStatus.OK, b.toString(), count, count);
    }

    private static String ahead(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return (s / 60) + " min";
        }
        return String.format(java.util.Locale.ROOT, "%.1f h", s / 3600.0);
    }
}
