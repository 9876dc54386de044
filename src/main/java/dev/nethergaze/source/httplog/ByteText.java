package dev.nethergaze.source.httplog;

import dev.nethergaze.model.HexDigit;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns quoted access-log field bytes into strings: UTF-8, with the escapes Apache writes inside
 * quotes ({@code \"} and {@code \\}) undone, and nginx's {@code \xHH} undone where it stands for a
 * printable ASCII character (nginx writes a quote as {@code \x22} and a backslash as {@code \x5C}:
 * the same request reads the same from a JSON log). Other {@code \xHH} escapes (control bytes, bytes
 * of non-ASCII text) are kept as text: they are evidence, and printable. A small direct-mapped
 * cache returns the same String for repeated short values (methods, protocols, user agents,
 * referers). One instance per parser; not thread-safe.
 */
final class ByteText {

    private static final int SLOTS = 512;
    private static final int MAX_CACHED = 512;

    private static final int TARGET_SLOTS = 8192;
    private static final int MAX_TARGET = 256;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private final String[] targets = new String[TARGET_SLOTS];
    /** Whether the last {@link #target} held a byte no client sends there ({@link #badBytes()}). */
    private boolean badBytes;

    /** Decodes through the cache. */
    String cached(byte[] b, int off, int len) {
        if (len == 0) {
            return "";
        }
        if (len > MAX_CACHED) {
            return decode(b, off, len);
        }
        int h = 0x811C9DC5;
        for (int i = off; i < off + len; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] k = keys[slot];
        if (k != null && Arrays.equals(k, 0, k.length, b, off, off + len)) {
            return values[slot];
        }
        String s = decode(b, off, len);
        keys[slot] = Arrays.copyOfRange(b, off, off + len);
        values[slot] = s;
        return s;
    }

    /**
     * Request targets: most repeat (assets, probes), so plain-ASCII ones go through a larger cache
     * keyed by the String itself (no key copy; compared char by char), which also shares them between
     * the recent requests of many IPs. Others are decoded.
     */
    String target(byte[] b, int off, int len) {
        badBytes = false;
        if (len == 0 || len > MAX_TARGET) {
            return uncachedTarget(b, off, len);
        }
        int h = 0x811C9DC5;
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c <= ' ' || c == '\\') { // non-ASCII (negative), controls, spaces, escapes: not cached
                return uncachedTarget(b, off, len);
            }
            h = (h ^ c) * 0x01000193;
        }
        int slot = (h ^ (h >>> 15)) & (TARGET_SLOTS - 1);
        String s = targets[slot];
        if (s != null && s.length() == len && sameAscii(s, b, off, len)) {
            return s;
        }
        s = new String(b, off, len, StandardCharsets.ISO_8859_1);
        targets[slot] = s;
        return s;
    }

    /** A vhost as its site ({@link Site}): without its port, lower-cased; cached unless it had capitals. */
    String site(byte[] b, int off, int len) {
        int end = Site.hostEnd(b, off, off + len);
        String s = cached(b, off, end - off);
        return Site.hasUpper(b, off, end) ? s.toLowerCase(java.util.Locale.ROOT) : s;
    }

    /**
     * Whether the last {@link #target} held a byte no HTTP client sends in a target (nginx and Apache
     * answer 400): a space, or a control byte (0x00-0x1F, 0x7F), raw or escaped {@code \xHH} as they
     * log one.
     */
    boolean badBytes() {
        return badBytes;
    }

    /** A target the cache does not take (long, escaped, non-ASCII, spaces): decoded, its bad bytes noted. */
    private String uncachedTarget(byte[] b, int off, int len) {
        badBytes = hasBadByte(b, off, off + len);
        return decode(b, off, len);
    }

    private static boolean hasBadByte(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if ((c >= 0 && c <= ' ') || c == 0x7f) {
                return true;
            }
            if (c == '\\' && i + 3 < to && b[i + 1] == 'x') {
                int v = (HexDigit.value(b[i + 2]) << 4) | HexDigit.value(b[i + 3]);
                if (v >= 0 && (v < 0x20 || v == 0x7f)) {
                    return true;
                }
                i += 3;
            } else if (c == '\\') {
                i++; // an escaped quote or backslash
            }
        }
        return false;
    }

    private static boolean sameAscii(String s, byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != b[off + i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes without caching (for values that rarely repeat, like request targets). */
    static String decode(byte[] b, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\\') {
                return unescape(b, off, end);
            }
        }
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    private static String unescape(byte[] b, int off, int end) {
        byte[] out = new byte[end - off];
        int n = 0;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < end && (b[i + 1] == '"' || b[i + 1] == '\\')) {
                c = b[++i];
            } else if (c == '\\' && i + 3 < end && b[i + 1] == 'x') {
                int v = (HexDigit.value(b[i + 2]) << 4) | HexDigit.value(b[i + 3]);
                if (v >= 0x20 && v < 0x7f) { // (a bad digit makes v negative)
                    c = (byte) v;
                    i += 3;
                }
            }
            out[n++] = c;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
