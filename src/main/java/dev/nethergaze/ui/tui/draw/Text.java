package dev.nethergaze.ui.tui.draw;

import java.text.Normalizer;
import java.util.Locale;

/** Small text helpers for cells: sanitising, fitting, and human-readable numbers. */
public final class Text {

    private Text() {}

    /**
     * A character that occupies exactly one cell: controls become '?', East Asian wide/emoji ranges
     * become '?' too, and so do characters that take no cell (combining marks, zero-width and
     * bidirectional format characters), so log data can never break the grid or inject escapes.
     */
    public static char safe(char c) {
        if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
            return '?';
        }
        if (c < 0x0300) {
            return c == 0x00AD ? '?' : c; // a soft hyphen takes no cell where a terminal hides it
        }
        // characters that take no cell of their own: combining accents, zero-width spaces and joiners,
        // and bidirectional controls (U+202E would reorder what follows it on the reader's screen); each
        // shifted its row left by one and left stale cells behind on the next frame
        int type = Character.getType(c);
        // and line and paragraph separators (U+2028, U+2029: a line break to some terminals)
        if (type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR) {
            return '?';
        }
        if (c < 0x1100) {
            return c;
        }
        boolean wide = (c >= 0x1100 && c <= 0x115F)
                || (c >= 0x2E80 && c <= 0xA4CF)
                || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFE30 && c <= 0xFE4F)
                || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6)
                || Character.isSurrogate(c);
        return wide ? '?' : c;
    }

    /**
     * {@code s} with every character that cannot take exactly one cell ({@link #safe}) written as an
     * escape, as a log would write it: controls as backslash, x and two hex digits (ESC: x1b), others
     * (a right-to-left override, a combining mark, a wide CJK character) as backslash, u and four hex
     * digits, and beyond the BMP backslash, U and eight. Shown as
     * '?' before, such a character could not be told from a real '?' (an ESC in a path read as a query
     * string) and a path in CJK was all '?'. Combining marks are first composed where Unicode can
     * (e + U+0301 is é). The same string when nothing needs it; escaping twice changes nothing.
     */
    public static String escape(CharSequence s) {
        if (s == null) {
            return "";
        }
        int i = 0;
        int n = s.length();
        while (i < n && safe(s.charAt(i)) == s.charAt(i)) {
            i++;
        }
        if (i == n) {
            return s.toString();
        }
        String t = s.toString();
        if (!Normalizer.isNormalized(t, Normalizer.Form.NFC)) {
            t = Normalizer.normalize(t, Normalizer.Form.NFC);
            n = t.length();
            i = 0;
        }
        StringBuilder b = new StringBuilder(n + 16).append(t, 0, i);
        for (; i < n; i++) {
            char c = t.charAt(i);
            if (safe(c) == c) {
                b.append(c);
            } else if (c < 0x20 || c == 0x7F) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(t.charAt(i + 1))) {
                b.append(String.format(Locale.ROOT, "\\U%08x", t.codePointAt(i)));
                i++;
            } else {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    /** {@code s} cut to {@code w} cells with an ellipsis when too long (escaped first: {@link #escape}). */
    public static String fit(String s, int w) {
        if (s == null || w <= 0) {
            return "";
        }
        s = escape(s);
        if (s.length() <= w) {
            return s;
        }
        return w == 1 ? "…" : s.substring(0, w - 1) + "…";
    }

    /** Right-aligned in {@code w} cells (cut from the left when too long). */
    public static String right(String s, int w) {
        String f = fit(s, w);
        return " ".repeat(w - f.length()) + f;
    }

    public static String left(String s, int w) {
        String f = fit(s, w);
        return f + " ".repeat(w - f.length());
    }

    /** 1536 → "1.5K", binary units, at most 5 characters. */
    public static String bytes(long n) {
        if (n < 1024) {
            return Long.toString(n);
        }
        String units = "KMGTPE";
        double v = n;
        int u = -1;
        while (v >= 1023.5 && u < units.length() - 1) { // 1023.6K would read "1024K": 1.0M
            v /= 1024;
            u++;
        }
        return (v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v))
                + units.charAt(u);
    }

    /** 12345 → "12.3k", for counts: at most 6 characters (999999 is "1.0M", not "1000.0k"). */
    public static String count(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        if (n < 999_950) {
            return String.format(Locale.ROOT, "%.1fk", n / 1000.0);
        }
        if (n < 999_950_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1_000_000.0);
        }
        return String.format(Locale.ROOT, "%.1fG", n / 1_000_000_000.0);
    }

    public static String rate(double perSec) {
        if (perSec == 0) {
            return "0";
        }
        if (perSec < 10) {
            return String.format(Locale.ROOT, "%.1f", perSec);
        }
        return count(Math.round(perSec));
    }

    /** 3723 s → "1h02m"; compact durations for uptime and ages. */
    public static String duration(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, (s % 86400) / 3600);
    }
}
