package dev.nethergaze.source.authlog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Splits one auth.log/secure line into time, program, pid and message, byte by byte. Accepts the
 * classic BSD stamp ({@code Mar  7 18:53:20}, year inferred), ISO-8601 ({@code
 * 2015-04-16T18:02:50.321974+00:00}, also with a space for the {@code T}), an optional host, and the tags {@code sshd[123]:}, {@code
 * sshd:}, {@code [sshd]:} and {@code sshd-session[9]:}; and sysklogd's untagged {@code last message
 * repeated N times} (program ""); RFC 5424 lines, and either stamp behind a {@code <PRI>} as a relay
 * forwards it. Not thread-safe (it keeps the last parse).
 */
final class SyslogHeader {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final YearGuess years;
    private final ZoneId zone;

    /** What sysklogd and BSD syslogd write, with no tag, when the previous line came again. */
    static final String LAST_REPEATED = "last message repeated ";

    Instant time;
    /** The host the line names; "" when it names none. */
    String host;

    String program;
    long pid;
    int messageStart;

    SyslogHeader(YearGuess years, ZoneId zone) {
        this.years = years;
        this.zone = zone;
    }

    /** Parses the header; false when the line is not syslog-shaped. {@code time} may be null when {@code timeless}. */
    boolean parse(byte[] b, int off, int len, boolean timeless) {
        int end = off + len;
        int p = off;
        time = null;
        if (len > 4 && b[p] == '<') {
            int q = afterPri(b, p, end);
            if (q < 0 || isRfc5424Version(b, q, end)) {
                return rfc5424(b, p, end);
            }
            p = q; // a BSD or ISO header behind its PRI, as a relay's forward format writes it
            len = end - p;
        }
        if (len >= 15 && month(b, p) > 0 && b[p + 3] == ' ') {
            p = classic(b, p, end);
        } else if (len >= 20 && isIso(b, p, end)) {
            p = iso(b, p, end);
        } else if (!timeless) {
            return false;
        }
        if (p < 0 || (time == null && !timeless)) {
            return false;
        }
        return tag(b, p, end);
    }

    private int classic(byte[] b, int p, int end) {
        int mon = month(b, p);
        int q = p + 4;
        if (b[q] == ' ') {
            q++;
        }
        int day = 0;
        while (q < end && isDigit(b[q])) {
            day = day * 10 + b[q++] - '0';
        }
        if (q + 9 > end || b[q] != ' ' || b[q + 3] != ':' || b[q + 6] != ':' || day < 1 || day > 31) {
            return -1;
        }
        int h = two(b, q + 1);
        int mi = two(b, q + 4);
        int s = two(b, q + 7);
        if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) {
            return -1;
        }
        q += 9;
        if (q < end && b[q] == '.') { // fractional seconds (rsyslog high precision without ISO)
            q++;
            while (q < end && isDigit(b[q])) {
                q++;
            }
        }
        time = years.resolve(mon, day, h, mi, Math.min(s, 59), zone);
        return time == null || q >= end || b[q] != ' ' ? -1 : q + 1;
    }

    /**
     * A line that starts with an ISO-8601 stamp and no tag ({@code docker logs -t} of {@code sshd -D -e}:
     * {@code 2026-12-05T23:00:00.123456789Z Failed password for ...}): sets {@link #time} and returns
     * where the rest starts, or -1.
     */
    int isoPrefix(byte[] b, int off, int len) {
        time = null;
        if (len < 21 || !isIso(b, off, off + len)) {
            return -1;
        }
        int p = iso(b, off, off + len);
        return p < 0 || time == null ? -1 : p;
    }

    /**
     * Whether an ISO-8601 stamp starts at {@code p}: {@code YYYY-MM-DDT}, or {@code YYYY-MM-DD HH:MM:SS}
     * (a space for the {@code T}, as some syslog templates and container log collectors write it; then
     * with its seconds, so that a date and a word after it are not taken for one).
     */
    private static boolean isIso(byte[] b, int p, int end) {
        if (end - p < 20 || !isDigit(b[p]) || b[p + 4] != '-' || b[p + 7] != '-') {
            return false;
        }
        return b[p + 10] == 'T' || (b[p + 10] == ' ' && b[p + 13] == ':' && b[p + 16] == ':' && isDigit(b[p + 18]));
    }

    private int iso(byte[] b, int p, int end) {
        boolean spaced = isIso(b, p, end) && b[p + 10] == ' ';
        int q = spaced ? p + 11 : p;
        while (q < end && b[q] != ' ') {
            q++;
        }
        String text = new String(b, p, q - p, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (spaced) {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        try {
            time = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                time = LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException e2) {
                return -1;
            }
        }
        return q >= end ? -1 : q + 1;
    }

    /**
     * {@code [host ][facility.level ]tag: } where tag is {@code prog[pid]}, {@code prog} or {@code
     * [prog]}; the facility and level after the host are BusyBox syslogd's ({@code authpriv.info}).
     */
    private boolean tag(byte[] b, int p, int end) {
        host = "";
        for (int attempt = 0; attempt < 3; attempt++) {
            if (startsWith(b, p, end, LAST_REPEATED)) { // "[host ]last message repeated N times": no tag
                program = "";
                pid = -1;
                messageStart = p;
                return true;
            }
            int q = p;
            while (q < end && b[q] != ' ') {
                q++;
            }
            if (q > p && b[q - 1] == ':') {
                return program(b, p, q - 1) && (messageStart = Math.min(q + 1, end)) >= 0;
            }
            if (q - p > 2 && b[p] == '[' && b[q - 1] == ']') { // "[sshd] msg": the colon is optional here
                return program(b, p, q) && (messageStart = Math.min(q + 1, end)) >= 0;
            }
            if (q >= end) {
                return false;
            }
            if (attempt == 0) {
                host = name(b, p, q - p);
            } else if (!isFacilityLevel(b, p, q)) {
                return false;
            }
            p = q + 1; // that token was the host, or the facility and level after it
        }
        return false;
    }

    /** Whether {@code b[p, q)} is BusyBox's {@code facility.level}: lower-case letters or digits, one dot. */
    private static boolean isFacilityLevel(byte[] b, int p, int q) {
        int dot = -1;
        for (int i = p; i < q; i++) {
            if (b[i] == '.' && dot < 0) {
                dot = i;
            } else if (!((b[i] >= 'a' && b[i] <= 'z') || isDigit(b[i]))) {
                return false;
            }
        }
        return dot > p && dot < q - 1;
    }

    private static boolean startsWith(byte[] b, int p, int end, String prefix) {
        if (end - p < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[p + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The last program and host names made, by a hash of their bytes: a log names the same few. */
    private final String[] names = new String[16];

    private final byte[][] nameBytes = new byte[16][];

    /** The program name in {@code b[off, off+len)}, the same String as last time for the same bytes. */
    private String name(byte[] b, int off, int len) {
        int h = len;
        for (int i = off; i < off + len; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 8)) & (names.length - 1);
        byte[] known = nameBytes[slot];
        if (known != null && java.util.Arrays.equals(known, 0, known.length, b, off, off + len)) {
            return names[slot];
        }
        String n = new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
        nameBytes[slot] = java.util.Arrays.copyOfRange(b, off, off + len);
        names[slot] = n;
        return n;
    }

    private boolean program(byte[] b, int s, int e) {
        pid = -1;
        if (s < e && b[s] == '[' && b[e - 1] == ']') {
            program = name(b, s + 1, e - s - 2);
            return true;
        }
        int br = s;
        while (br < e && b[br] != '[') {
            br++;
        }
        program = name(b, s, br - s);
        if (br < e && b[e - 1] == ']') {
            long v = 0;
            for (int i = br + 1; i < e - 1 && v < 1L << 40; i++) {
                if (!isDigit(b[i])) {
                    return true;
                }
                v = v * 10 + b[i] - '0';
            }
            pid = v;
        }
        return true;
    }

    /** {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}. */
    private boolean rfc5424(byte[] b, int p, int end) {
        int q = p + 1;
        while (q < end && b[q] != ' ') {
            q++;
        }
        if (q + 1 >= end || (q = iso(b, q + 1, end)) < 0) {
            return false;
        }
        int[] tok = new int[8];
        for (int i = 0; i < 4; i++) { // host, app, procid, msgid
            tok[2 * i] = q;
            while (q < end && b[q] != ' ') {
                q++;
            }
            tok[2 * i + 1] = q++;
            if (q >= end) {
                return false;
            }
        }
        host = name(b, tok[0], tok[1] - tok[0]);
        program = name(b, tok[2], tok[3] - tok[2]);
        pid = -1;
        long v = 0;
        for (int i = tok[4]; i < tok[5] && b[i] >= '0' && b[i] <= '9' && v < 1L << 40; i++) {
            v = v * 10 + b[i] - '0';
            pid = v;
        }
        if (b[q] == '-') {
            q++;
        } else {
            while (q < end && b[q] == '[') { // structured data: [id k="v" ...], quotes may hold ']'
                boolean quoted = false;
                while (++q < end && (quoted || b[q] != ']')) {
                    if (b[q] == '\\') {
                        q++;
                    } else if (b[q] == '"') {
                        quoted = !quoted;
                    }
                }
                q++;
            }
        }
        messageStart = Math.min(q + 1, end);
        if (messageStart + 3 <= end
                && b[messageStart] == (byte) 0xEF
                && b[messageStart + 1] == (byte) 0xBB
                && b[messageStart + 2] == (byte) 0xBF) {
            messageStart += 3; // MSG-UTF8 starts with a BOM (RFC 5424 6.4)
        }
        return true;
    }

    /** Where the header goes on after a {@code <PRI>} of one to three digits at {@code p}, or -1. */
    private static int afterPri(byte[] b, int p, int end) {
        int q = p + 1;
        while (q < end && q <= p + 3 && isDigit(b[q])) {
            q++;
        }
        return q > p + 1 && q < end && b[q] == '>' ? q + 1 : -1;
    }

    /** Whether {@code q} holds RFC 5424's VERSION (one or two digits, then a space). */
    private static boolean isRfc5424Version(byte[] b, int q, int end) {
        int r = q;
        while (r < end && r < q + 2 && isDigit(b[r])) {
            r++;
        }
        return r > q && r < end && b[r] == ' ';
    }

    /** Month 1..12 from a three-letter English abbreviation at {@code p}, or 0. */
    static int month(byte[] b, int p) {
        for (int i = 0; i < 12; i++) {
            int k = i * 3;
            if (b[p] == MONTHS.charAt(k) && b[p + 1] == MONTHS.charAt(k + 1) && b[p + 2] == MONTHS.charAt(k + 2)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static int two(byte[] b, int p) {
        return isDigit(b[p]) && isDigit(b[p + 1]) ? (b[p] - '0') * 10 + b[p + 1] - '0' : -1;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
