package dev.nethergaze.engine;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.HttpHit;
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
 * old (rates 0, so floods and brute force could not fire). Such a line is taken at the time it was
 * read instead, counted, and said in the sources ({@value #NAME}: how many, how far ahead at most,
 * from where). A few seconds ahead are taken as they are (second-resolution stamps, clocks a little
 * apart). Not thread-safe: the engine thread's.
 */
final class FutureStamps {

    static final String NAME = "clock";

    /** How far ahead a stamp may be and still be taken as it is. */
    static final Duration TOLERANCE = Duration.ofSeconds(5);

    private final InstantSource clock;
    private long count;
    private Duration furthest = Duration.ZERO;
    private String firstFrom;

    FutureStamps(InstantSource clock) {
        this.clock = clock;
    }

    /** {@code e}, or, for a log line stamped ahead of the clock, the same line stamped now. */
    SourceEvent clamp(SourceEvent e) {
        if (!(e instanceof HttpHit) && !(e instanceof AuthAttempt)) {
            return e; // tables, packets, answers: stamped by this host's clock
        }
        Instant now = clock.instant();
        if (!e.time().isAfter(now.plus(TOLERANCE))) {
            return e;
        }
        count++;
        Duration ahead = Duration.between(now, e.time());
        furthest = ahead.compareTo(furthest) > 0 ? ahead : furthest;
        firstFrom = firstFrom != null ? firstFrom : e.source();
        return switch (e) {
            case HttpHit h -> h.withTime(now);
            case AuthAttempt a -> a.withTime(now);
            default -> e;
        };
    }

    /** The sources' entry saying what was re-stamped, or null when nothing was. */
    SourceHealth health() {
        if (count == 0) {
            return null;
        }
        String detail = count + (count == 1 ? " log line" : " log lines") + " stamped up to " + ahead(furthest)
                + " ahead of this host's clock (first from " + firstFrom
                + "): taken at the time read. A server clock ahead, or a log written in another time zone"
                + " than this one (TZ)?";
        return new SourceHealth(NAME, NAME, SourceStatus.OK, detail, count, count);
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
