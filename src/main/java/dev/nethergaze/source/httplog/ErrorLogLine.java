package dev.nethergaze.source.httplog;

/**
 * Tells a line of a web server's error log by its start, for lines that did not parse as access lines
 * (a glob such as {@code /var/log/nginx/*.log} takes in {@code error.log}): nginx's {@code
 * 2026/12/07 09:50:50 [error] 27421#27421: ...}, Apache 2.4's {@code [Mon Dec 07 09:50:57.383798 2026]
 * [auth_basic:error] [pid ...] ...} and 2.2's {@code [Mon Dec 07 09:50:57 2026] [error] ...}. Only
 * ever asked about a line already malformed, so what reads access lines costs nothing more.
 */
final class ErrorLogLine {

    private ErrorLogLine() {}

    /**
     * {@code m}, or the reason saying whose error log the line at {@code b[off..off+len)} is from when
     * it is one; a line unparsed for its client field keeps that reason (it is an access line).
     */
    static ParseResult.Malformed of(ParseResult.Malformed m, byte[] b, int off, int len) {
        ParseResult.Reason r = m.reason();
        if (r == ParseResult.Reason.BLANK || r == ParseResult.Reason.BAD_CLIENT || r == ParseResult.Reason.NO_CLIENT) {
            return m;
        }
        if (nginx(b, off, off + len)) {
            return ParseResult.Malformed.of(ParseResult.Reason.NGINX_ERROR_LOG);
        }
        if (apache(b, off, off + len)) {
            return ParseResult.Malformed.of(ParseResult.Reason.APACHE_ERROR_LOG);
        }
        return m;
    }

    /** {@code YYYY/MM/DD HH:MM:SS [level] PID#TID: }. */
    static boolean nginx(byte[] b, int p, int end) {
        if (end - p < 31
                || !digits(b, p, 4)
                || b[p + 4] != '/'
                || !digits(b, p + 5, 2)
                || b[p + 7] != '/'
                || !digits(b, p + 8, 2)
                || b[p + 10] != ' '
                || !clock(b, p + 11)
                || b[p + 19] != ' ') {
            return false;
        }
        int q = level(b, p + 20, end);
        if (q < 0 || q >= end || b[q] != ' ') {
            return false;
        }
        q = number(b, q + 1, end);
        if (q < 0 || q >= end || b[q] != '#') {
            return false;
        }
        q = number(b, q + 1, end);
        return q > 0 && q < end && b[q] == ':';
    }

    /** {@code [Www Mmm dd HH:MM:SS[.ffffff] YYYY] [module:level]} or {@code ... [level]}. */
    static boolean apache(byte[] b, int p, int end) {
        if (end - p < 32
                || b[p] != '['
                || !letters(b, p + 1, 3)
                || b[p + 4] != ' '
                || !letters(b, p + 5, 3)
                || b[p + 8] != ' '
                || !(b[p + 9] == ' ' || digit(b[p + 9]))
                || !digit(b[p + 10])
                || b[p + 11] != ' '
                || !clock(b, p + 12)) {
            return false;
        }
        int q = p + 20;
        if (b[q] == '.') {
            int f = number(b, q + 1, end);
            if (f < 0) {
                return false;
            }
            q = f;
        }
        if (end - q < 10 || b[q] != ' ' || !digits(b, q + 1, 4) || b[q + 5] != ']' || b[q + 6] != ' ') {
            return false;
        }
        q = level(b, q + 7, end);
        return q > 0 && (q == end || b[q] == ' ');
    }

    /** Past {@code [word]} or {@code [word:word]} at {@code p} (lower case, digits, '_'), else -1. */
    private static int level(byte[] b, int p, int end) {
        if (p >= end || b[p] != '[') {
            return -1;
        }
        int q = p + 1;
        while (q < end && ((b[q] >= 'a' && b[q] <= 'z') || digit(b[q]) || b[q] == '_' || b[q] == ':')) {
            q++;
        }
        return q > p + 1 && q < end && b[q] == ']' ? q + 1 : -1;
    }

    /** Past the digits at {@code p} (at least one), else -1. */
    private static int number(byte[] b, int p, int end) {
        int q = p;
        while (q < end && digit(b[q])) {
            q++;
        }
        return q > p ? q : -1;
    }

    private static boolean clock(byte[] b, int p) {
        return digits(b, p, 2) && b[p + 2] == ':' && digits(b, p + 3, 2) && b[p + 5] == ':' && digits(b, p + 6, 2);
    }

    private static boolean digits(byte[] b, int p, int n) {
        for (int i = p; i < p + n; i++) {
            if (!digit(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean letters(byte[] b, int p, int n) {
        for (int i = p; i < p + n; i++) {
            if (!((b[i] >= 'A' && b[i] <= 'Z') || (b[i] >= 'a' && b[i] <= 'z'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }
}
