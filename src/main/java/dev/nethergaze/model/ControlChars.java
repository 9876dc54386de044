package dev.nethergaze.model;

/**
 * Control characters of text a client sent (a path, a user name) shown as {@code \xNN}, so that a
 * line stays one line and cannot drive the terminal it is printed on; and the invisible formatting
 * characters shown as <code>&#92;uNNNN</code> (<code>&#92;u{NNNNN}</code> beyond the BMP), so that what a
 * reader sees is what was sent: a bidirectional override (U+202E in "admin", U+202E, "txt.exe" reads
 * "adminexe.txt"), an embedding or an isolate, a zero-width space or joiner, a byte order mark, a line
 * or paragraph separator, a Unicode tag character. Text of any script, emoji included, is kept as it is.
 */
public final class ControlChars {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ControlChars() {}

    /** Whether {@code s} holds a character {@link #escape} changes. */
    public static boolean any(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 || c >= 0x7f) && hidden(Character.isHighSurrogate(c) ? s.codePointAt(i) : c)) {
                return true;
            }
        }
        return false;
    }

    /** Appends {@code s} to {@code b}, its control and invisible formatting characters escaped. */
    public static StringBuilder escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!hidden(cp)) {
                b.appendCodePoint(cp);
            } else if (cp < 0x100) {
                b.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xf]);
            } else if (cp < 0x10000) {
                hex(b.append("\\u"), cp);
            } else {
                b.append("\\u{").append(Integer.toHexString(cp)).append('}');
            }
            i += Character.charCount(cp);
        }
        return b;
    }

    /**
     * Whether {@code cp} is shown escaped: a control character (C0, DEL, C1), an invisible formatting
     * character (Unicode's Cf: bidirectional controls U+061C, U+200E-U+200F, U+202A-U+202E,
     * U+2066-U+2069; zero-width U+200B-U+200D, U+2060-U+2064, U+FEFF; tags U+E0001-U+E007F, …), or a
     * line or paragraph separator (U+2028, U+2029: a line break to some readers).
     */
    public static boolean hidden(int cp) {
        if (cp < 0xa0) {
            return cp < 0x20 || cp >= 0x7f;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** {@code v} (below 0x10000) as four hex digits. */
    private static void hex(StringBuilder b, int v) {
        for (int shift = 12; shift >= 0; shift -= 4) {
            b.append(HEX[(v >> shift) & 0xf]);
        }
    }
}
