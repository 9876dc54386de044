package dev.nethergaze.source.httplog;

import java.time.Instant;
import java.util.Arrays;

/**
 * Parses the access-log time {@code 10/Oct/2000:13:55:36 -0700} (day may have one digit) by hand.
 * Consecutive lines mostly share their second, so the last text and its instant are cached. One
 * instance per parser; not thread-safe.
 */
final class ClfTime {

    private static final byte[] MONTHS =
            "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    private static final int MAX_LEN = 40;

    private final byte[] last = new byte[MAX_LEN];
    private int lastLen = -1;
    private Instant lastInstant;

    /** The instant, or null when the text is not such a time. */
    Instant parse(byte[] b, int off, int len) {
        if (len == lastLen && Arrays.equals(last, 0, len, b, off, off + len)) {
            return lastInstant;
        }
        Instant t = parseUncached(b, off, len);
        if (t != null && len <= MAX_LEN) {
            System.arraycopy(b, off, last, 0, len);
            lastLen = len;
            lastInstant = t;
        }
        return t;
    }

    static Instant parseUncached(byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        int dayDigits = off + 1 < end && b[off + 1] == '/' ? 1 : 2;
        int day = digits(b, p, dayDigits, end);
        p += dayDigits;
        if (day < 1 || !at(b, p, end, '/')) {
            return null;
        }
        int month = month(b, p + 1, end);
        p += 4;
        if (month < 1 || !at(b, p, end, '/')) {
            return null;
        }
        int year = digits(b, p + 1, 4, end);
        p += 5;
        if (year < 0 || !at(b, p, end, ':')) {
            return null;
        }
        int hour = digits(b, p + 1, 2, end);
        int minute = at(b, p + 3, end, ':') ? digits(b, p + 4, 2, end) : -1;
        int second = at(b, p + 6, end, ':') ? digits(b, p + 7, 2, end) : -1;
        p += 9;
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return null;
        }
        if (day > DAYS_IN_MONTH[month - 1] || (month == 2 && day == 29 && !isLeap(year))) {
            return null;
        }
        if (p + 6 != end || b[p] != ' ' || (b[p + 1] != '+' && b[p + 1] != '-')) {
            return null;
        }
        int zh = digits(b, p + 2, 2, end);
        int zm = digits(b, p + 4, 2, end);
        if (zh < 0 || zh > 18 || zm < 0 || zm > 59) {
            return null;
        }
        int offsetSeconds = (zh * 3600 + zm * 60) * (b[p + 1] == '-' ? -1 : 1);
        long epoch = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(epoch - offsetSeconds);
    }

    private static boolean at(byte[] b, int p, int end, char c) {
        return p < end && b[p] == c;
    }

    private static int digits(byte[] b, int p, int n, int end) {
        if (p + n > end) {
            return -1;
        }
        int v = 0;
        for (int i = p; i < p + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int month(byte[] b, int p, int end) {
        if (p + 3 > end) {
            return -1;
        }
        for (int m = 0; m < 12; m++) {
            int k = m * 3;
            if ((b[p] | 0x20) == (MONTHS[k] | 0x20)
                    && (b[p + 1] | 0x20) == MONTHS[k + 1]
                    && (b[p + 2] | 0x20) == MONTHS[k + 2]) {
                return m + 1;
            }
        }
        return -1;
    }

    private static boolean isLeap(int y) {
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    static long daysFromCivil(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
