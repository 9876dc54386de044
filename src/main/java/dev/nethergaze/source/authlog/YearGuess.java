package dev.nethergaze.source.authlog;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Infers the year of a year-less syslog stamp from a reference moment (now when live, read again at
 * each new hour of stamps, so a log followed past New Year has its January lines in the new year; the
 * file's modification time when replaying): the latest year that does not put the line more than a day
 * after the reference. A December line read in January is last year's; a line from the reference
 * day stays this year's. One cached (month, day, hour) keeps the common case allocation-light.
 */
final class YearGuess {

    private static final Duration SLACK = Duration.ofDays(1);

    private final InstantSource clock;
    private final ZoneId referenceZone;
    private Instant reference;
    private int referenceYear;

    YearGuess(Instant reference, ZoneId zone) {
        this(InstantSource.fixed(reference), zone);
    }

    /** @param clock the reference, read at each stamp of an hour not cached (live: the source's clock) */
    YearGuess(InstantSource clock, ZoneId zone) {
        this.clock = clock;
        this.referenceZone = zone;
        now();
    }

    private void now() {
        Instant t = clock.instant();
        if (!t.equals(reference)) {
            reference = t;
            referenceYear = LocalDateTime.ofInstant(t, referenceZone).getYear();
        }
    }

    private int cachedKey = -1;
    private Instant cachedHour;
    /** The second of the cached hour last resolved, and its instant. */
    private int lastAt = -1;

    private Instant last;

    /** The instant, or null for an impossible date (Feb 30). Lines of one hour share one zone lookup. */
    Instant resolve(int month, int day, int hour, int minute, int second, ZoneId zone) {
        int key = (month * 32 + day) * 24 + hour;
        if (key == cachedKey) {
            int at = minute * 60 + second;
            if (at != lastAt) { // lines of one second (an sshd connection logs several) share their instant
                lastAt = at;
                last = cachedHour.plusSeconds(at);
            }
            return last;
        }
        now();
        Instant base = exact(month, day, hour, 0, 0, zone);
        if (base != null
                && zone.getRules().getOffset(base).equals(zone.getRules().getOffset(base.plusSeconds(3599)))
                && !base.plusSeconds(3599).isAfter(reference.plus(SLACK))) {
            cachedKey = key; // no offset change inside this hour, and the whole hour is in the same year
            cachedHour = base;
            lastAt = -1;
            return base.plusSeconds(minute * 60L + second);
        }
        return exact(month, day, hour, minute, second, zone);
    }

    private Instant exact(int month, int day, int hour, int minute, int second, ZoneId zone) {
        try {
            Instant t = LocalDateTime.of(referenceYear, month, day, hour, minute, second)
                    .atZone(zone)
                    .toInstant();
            if (t.isAfter(reference.plus(SLACK))) {
                t = LocalDateTime.of(referenceYear - 1, month, day, hour, minute, second)
                        .atZone(zone)
                        .toInstant();
            }
            return t;
        } catch (DateTimeException e) {
            if (month == 2 && day == 29) { // a leap day that only exists in the year before
                try {
                    return LocalDateTime.of(referenceYear - 1, 2, 29, hour, minute, second)
                            .atZone(zone)
                            .toInstant();
                } catch (DateTimeException e2) {
                    return null;
                }
            }
            return null;
        }
    }
}
