package dev.nethergaze.source.httplog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Map;

/**
 * Times and numbers as JSON access logs write them: epoch numbers (maybe fractional, maybe a string;
 * seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude), ISO-8601, CLF, and
 * the other layouts of Caddy's {@code time_format}: {@code iso8601} ({@code
 * 2006-01-02T15:04:05.000+0700}), {@code wall}, {@code wall_milli}, {@code wall_nano} ({@code
 * 2006/01/02 15:04:05[.000]}, no zone: read in the zone given, UTC as Caddy writes it unless {@code
 * time_local}) and {@code common_log}. An ISO-8601 time without an offset ({@code 2026-12-06T10:00:00},
 * or with a space for the T, as an application's naive time prints) is read in that zone too.
 */
final class JsonTime {

    private JsonTime() {}

    /** Caddy's {@code iso8601}: an offset without a colon. */
    private static final DateTimeFormatter COMPACT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter();

    /** Caddy's {@code wall}, {@code wall_milli} and {@code wall_nano}. */
    private static final DateTimeFormatter WALL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu/MM/dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    /** ISO-8601 without an offset, the T or a space between date and time. */
    private static final DateTimeFormatter LOCAL_ISO = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    /** The line's time; {@code wallZone} is the zone of zone-less times (Caddy's {@code wall*}, ISO without offset). */
    static Instant of(Map<JsonField, String> v, ClfTime clf, ZoneId wallZone) {
        String epoch = v.get(JsonField.TIME_EPOCH);
        if (epoch != null) {
            Instant t = epoch(epoch);
            if (t != null) {
                return t;
            }
            Instant text = text(epoch, clf, wallZone);
            if (text != null) {
                return text;
            }
        }
        String iso = v.get(JsonField.TIME_ISO);
        if (iso != null) {
            Instant t = text(iso, clf, wallZone);
            if (t == null) {
                t = epoch(iso); // nginx JSON formats of many guides: "time":"$msec"
            }
            if (t != null) {
                return t;
            }
        }
        String local = v.get(JsonField.TIME_CLF);
        if (local != null) {
            byte[] b = local.getBytes(StandardCharsets.ISO_8859_1);
            return clf.parse(b, 0, b.length);
        }
        return null;
    }

    /**
     * An epoch number: seconds below 1e11 (to the year 5138), then milliseconds, microseconds and
     * nanoseconds by magnitude (Caddy's {@code unix_milli_float} and {@code unix_nano}); null if none.
     */
    static Instant epoch(String s) {
        try {
            double d = Double.parseDouble(s);
            if (!(d > 0 && d < 9e18)) {
                return null;
            }
            long perSecond = d < 1e11 ? 1 : d < 1e14 ? 1_000 : d < 1e17 ? 1_000_000 : 1_000_000_000;
            boolean integral = s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0;
            long whole = integral ? Long.parseLong(s.strip()) : (long) d; // a long keeps every nanosecond
            long nanosPerUnit = 1_000_000_000L / perSecond;
            long nanos = (whole % perSecond) * nanosPerUnit
                    + (integral ? 0 : Math.round((d - (double) whole) * (double) nanosPerUnit / 1000.0) * 1000);
            return Instant.ofEpochSecond(whole / perSecond, Math.min(nanos, 999_999_999L));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A time written as text: ISO-8601 (with or without the offset's colon), Caddy's wall clock, or CLF. */
    static Instant text(String s, ClfTime clf, ZoneId wallZone) {
        Instant t = iso(s);
        if (t != null) {
            return t;
        }
        try {
            return OffsetDateTime.parse(s, COMPACT_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            // not that form
        }
        try {
            return LocalDateTime.parse(s, WALL).atZone(wallZone).toInstant();
        } catch (DateTimeParseException e) {
            // not that form
        }
        try {
            return LocalDateTime.parse(s, LOCAL_ISO).atZone(wallZone).toInstant();
        } catch (DateTimeParseException e) {
            // not that form
        }
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return clf.parse(b, 0, b.length);
    }

    static Instant iso(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static int intOf(String s, int dflt) {
        long v = longOf(s, dflt);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? dflt : (int) v;
    }

    /** Digits (a JSON number or a string of digits); {@code dflt} for "-", "", or anything else. */
    static long longOf(String s, long dflt) {
        if (s == null || s.isEmpty() || s.length() > 18) {
            return dflt;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                return i == 0 ? dflt : v;
            }
            if (c < '0' || c > '9') {
                return dflt;
            }
            v = v * 10 + c - '0';
        }
        return v;
    }
}
