package dev.nethergaze.model;

import java.time.Instant;

/** ISO-8601 times as {@link Instant#toString()} writes them, made without its formatter. */
public final class IsoTime {

    private IsoTime() {}

    /**
     * Same text as {@link Instant#toString()}; whole seconds since 1970 (every log stamp) without its
     * formatter (7 % of a watch writer's CPU samples went to it, formatting evidence lines; the
     * writer's time in bench/live-tick.sh did not move beyond its spread without it).
     */
    public static String text(Instant t) {
        char[] c = new char[20];
        return chars(t, c, NOT_ISO) != NOT_ISO ? new String(c) : t.toString();
    }

    /** What {@link #chars} returns when it wrote nothing. */
    public static final long NOT_ISO = Long.MIN_VALUE;

    /**
     * Fills {@code c} (20 chars) for whole seconds in 1970..9999 and returns the day (since 1970);
     * returns {@link #NOT_ISO} (nothing written) otherwise. The date part is left as it is when the day
     * is {@code filledDay}, the day {@code c} already holds.
     */
    public static long chars(Instant t, char[] c, long filledDay) {
        long sec = t.getEpochSecond();
        if (t.getNano() != 0 || sec < 0 || sec >= 253_402_300_800L) { // fractions, or outside 1970..9999
            return NOT_ISO;
        }
        long days = Math.floorDiv(sec, 86_400);
        int secOfDay = (int) (sec - days * 86_400);
        put2(c, 11, secOfDay / 3600);
        c[13] = ':';
        put2(c, 14, secOfDay / 60 % 60);
        c[16] = ':';
        put2(c, 17, secOfDay % 60);
        c[19] = 'Z';
        if (days == filledDay) {
            return days;
        }
        // civil-from-days (Howard Hinnant), proleptic Gregorian
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        put4(c, 0, (int) year);
        c[4] = '-';
        put2(c, 5, month);
        c[7] = '-';
        put2(c, 8, day);
        c[10] = 'T';
        return days;
    }

    private static void put2(char[] c, int at, int v) {
        c[at] = (char) ('0' + v / 10);
        c[at + 1] = (char) ('0' + v % 10);
    }

    private static void put4(char[] c, int at, int v) {
        put2(c, at, v / 100);
        put2(c, at + 2, v % 100);
    }
}
