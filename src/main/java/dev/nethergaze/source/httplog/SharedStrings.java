package dev.nethergaze.source.httplog;

/**
 * One String for equal short values a parser makes apart (each JSON value Jackson hands out is a new
 * String): the recent requests of many IPs then hold one copy of a user agent or target, and the
 * detector's identity-keyed memos find it ({@link SharedValues}); one instance per parser, not
 * thread-safe.
 */
final class SharedStrings {

    /** Longer values rarely repeat: kept as they are. */
    private static final int MAX_LENGTH = 512;

    private final SharedValues<String> values = new SharedValues<>(4096);

    /** {@code s}, or the equal String handed out before it in its slot; null stays null. */
    String of(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return s;
        }
        return values.of(s);
    }
}
