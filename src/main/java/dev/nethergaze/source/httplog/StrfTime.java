package dev.nethergaze.source.httplog;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A time written by a {@code strftime} pattern, as Apache's {@code %{pattern}t} writes it ({@code
 * %Y-%m-%dT%H:%M:%S%z}, {@code %d/%b/%Y:%H:%M:%S}, ...), or one of Apache's epoch forms ({@code sec},
 * {@code msec}, {@code usec}), read back: compiled once, then each value read without a regular
 * expression, as far as the pattern goes (a value may hold spaces). A pattern without {@code %z} is
 * read in the zone given (the server writes its own local time). Compiling throws
 * IllegalArgumentException naming a conversion it cannot read back. Not thread-safe (it keeps where a
 * value ended): one per parser.
 */
final class StrfTime implements LogFormatParser.TimeText {

    private enum Kind {
        LITERAL,
        YEAR,
        YEAR2,
        MONTH,
        MONTH_NAME,
        DAY,
        HOUR,
        MINUTE,
        SECOND,
        OFFSET,
        WORD,
        EPOCH
    }

    private record Step(Kind kind, char literal) {}

    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    private final Step[] steps;
    private final ZoneId zone;
    /** For an epoch form: the value's units per second (1, 1000 or 1,000,000); 0 for a pattern. */
    private final long perSecond;

    private StrfTime(List<Step> steps, ZoneId zone, long perSecond) {
        this.steps = steps.toArray(new Step[0]);
        this.zone = zone;
        this.perSecond = perSecond;
    }

    /** Apache's {@code sec}, {@code msec} or {@code usec}: a number since the epoch; else null. */
    static StrfTime epoch(String name) {
        long per = switch (name) {
            case "sec" -> 1;
            case "msec" -> 1000;
            case "usec" -> 1_000_000;
            default -> 0;
        };
        return per == 0 ? null : new StrfTime(List.of(new Step(Kind.EPOCH, ' ')), ZoneOffset.UTC, per);
    }

    static StrfTime compile(String pattern, ZoneId zone) {
        List<Step> out = new ArrayList<>();
        boolean year = false;
        boolean month = false;
        boolean day = false;
        boolean hour = false;
        boolean epoch = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                out.add(new Step(Kind.LITERAL, c));
                continue;
            }
            if (++i == pattern.length()) {
                throw new IllegalArgumentException("time format '" + pattern + "' ends with a lone %");
            }
            char k = pattern.charAt(i);
            switch (k) {
                case 'Y' -> year = add(out, Kind.YEAR);
                case 'y' -> year = add(out, Kind.YEAR2);
                case 'm' -> month = add(out, Kind.MONTH);
                case 'b', 'h', 'B' -> month = add(out, Kind.MONTH_NAME);
                case 'd', 'e' -> day = add(out, Kind.DAY);
                case 'H' -> hour = add(out, Kind.HOUR);
                case 'M' -> add(out, Kind.MINUTE);
                case 'S' -> add(out, Kind.SECOND);
                case 'z' -> add(out, Kind.OFFSET);
                case 'Z', 'a', 'A', 'p' -> add(out, Kind.WORD);
                case 's' -> epoch = add(out, Kind.EPOCH);
                case 'T' -> hour = addAll(out, "%H:%M:%S");
                case 'R' -> hour = addAll(out, "%H:%M");
                case 'F' -> year = month = day = addAll(out, "%Y-%m-%d");
                case 'D' -> year = month = day = addAll(out, "%m/%d/%y");
                case '%' -> out.add(new Step(Kind.LITERAL, '%'));
                default ->
                    throw new IllegalArgumentException("time format '" + pattern + "': %" + k
                            + " cannot be read back (use %Y %m %d %H %M %S %b %z, %T, %F, or sec/msec/usec)");
            }
        }
        if (!epoch && !(year && month && day && hour)) {
            throw new IllegalArgumentException(
                    "time format '" + pattern + "' needs a year, a month, a day and an hour (or %s)");
        }
        return new StrfTime(out, zone, epoch ? 1 : 0);
    }

    private static boolean add(List<Step> out, Kind k) {
        out.add(new Step(k, ' '));
        return true;
    }

    /** A shorthand ({@code %T}, {@code %F}, ...) spelled out: its digits and separators. */
    private static boolean addAll(List<Step> out, String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%') {
                char k = pattern.charAt(++i);
                out.add(new Step(
                        switch (k) {
                            case 'Y' -> Kind.YEAR;
                            case 'y' -> Kind.YEAR2;
                            case 'm' -> Kind.MONTH;
                            case 'd' -> Kind.DAY;
                            case 'H' -> Kind.HOUR;
                            case 'M' -> Kind.MINUTE;
                            default -> Kind.SECOND;
                        },
                        ' '));
            } else {
                out.add(new Step(Kind.LITERAL, c));
            }
        }
        return true;
    }

    /** Where the last {@link #read} stopped. */
    private int end;

    @Override
    public int end() {
        return end;
    }

    @Override
    public Instant read(byte[] b, int from, int to) {
        int p = from;
        int year = -1;
        int month = -1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        ZoneId at = zone;
        for (Step s : steps) {
            if (s.kind() == Kind.LITERAL) {
                if (p >= to || b[p] != s.literal()) {
                    return null;
                }
                p++;
                continue;
            }
            if (s.kind() == Kind.WORD) {
                while (p < to && Character.isLetter(b[p])) {
                    p++;
                }
                continue;
            }
            if (s.kind() == Kind.MONTH_NAME) {
                month = monthName(b, p, to);
                if (month < 0) {
                    return null;
                }
                while (p < to && Character.isLetter(b[p])) {
                    p++;
                }
                continue;
            }
            if (s.kind() == Kind.OFFSET) {
                int n = offsetEnd(b, p, to);
                if (n < 0) {
                    return null;
                }
                try {
                    at = ZoneOffset.of(new String(b, p, n - p, StandardCharsets.ISO_8859_1));
                } catch (DateTimeException e) {
                    return null;
                }
                p = n;
                continue;
            }
            while (s.kind() == Kind.DAY && p < to && b[p] == ' ') { // %e pads with a space
                p++;
            }
            int max = s.kind() == Kind.YEAR ? 4 : s.kind() == Kind.EPOCH ? 18 : 2; // 18 digits fit a long
            int start = p;
            long v = 0;
            while (p < to && p - start < max && b[p] >= '0' && b[p] <= '9') {
                v = v * 10 + (b[p++] - '0');
            }
            if (p == start) {
                return null;
            }
            switch (s.kind()) {
                case YEAR -> year = (int) v;
                case YEAR2 -> year = 2000 + (int) v;
                case MONTH -> month = (int) v;
                case DAY -> day = (int) v;
                case HOUR -> hour = (int) v;
                case MINUTE -> minute = (int) v;
                case SECOND -> second = (int) Math.min(v, 59); // a leap second reads as :59
                case EPOCH -> {
                    end = p;
                    try {
                        return Instant.ofEpochSecond(v / perSecond, (v % perSecond) * (1_000_000_000L / perSecond));
                    } catch (DateTimeException e) { // beyond the instants Java can hold
                        return null;
                    }
                }
                default -> throw new IllegalStateException(s.kind().toString());
            }
        }
        end = p;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second)
                    .atZone(at)
                    .toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int monthName(byte[] b, int p, int to) {
        if (to - p < 3) {
            return -1;
        }
        String m = new String(b, p, 3, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(m)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The end of an offset ({@code +0100}, {@code -05:00}, {@code Z}) at {@code p}, or -1. */
    private static int offsetEnd(byte[] b, int p, int to) {
        if (p < to && b[p] == 'Z') {
            return p + 1;
        }
        if (p >= to || (b[p] != '+' && b[p] != '-')) {
            return -1;
        }
        int i = p + 1;
        while (i < to && i - p <= 5 && ((b[i] >= '0' && b[i] <= '9') || b[i] == ':')) {
            i++;
        }
        return i - p >= 3 ? i : -1;
    }
}
