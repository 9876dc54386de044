package dev.nethergaze.model;

/**
 * Control characters of text a client sent (a path, a user name) shown as {@code \xNN}, so that a
 * line stays one line and cannot drive the terminal it is printed on.
 */
public final class ControlChars {

    private ControlChars() {}

    /** Whether {@code s} holds a control character (C0 or DEL). */
    public static boolean any(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Appends {@code s} to {@code b}, its control characters as {@code \xNN}. */
    public static StringBuilder escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                b.append(c);
            }
        }
        return b;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f;
    }
}
