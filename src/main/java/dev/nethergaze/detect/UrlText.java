package dev.nethergaze.detect;

import dev.nethergaze.model.HexDigit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Percent-decoding for matching: decodes repeatedly (so {@code %252e%252e%252f} becomes {@code
 * ../}), never fails on bad escapes, and lower-cases the result. Backslashes become slashes so
 * {@code ..\} and {@code c:\win.ini} match like their forward-slash forms.
 */
final class UrlText {

    private static final int ROUNDS = 3;

    private UrlText() {}

    static String normalise(String raw) {
        String s = raw;
        for (int i = 0; i < ROUNDS && s.indexOf('%') >= 0; i++) {
            String d = decodeOnce(s);
            if (d.equals(s)) {
                break;
            }
            s = d;
        }
        return s.replace('\\', '/').toLowerCase(Locale.ROOT);
    }

    private static String decodeOnce(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && HexDigit.value(b[i + 1]) >= 0 && HexDigit.value(b[i + 2]) >= 0) {
                out.write(HexDigit.value(b[i + 1]) * 16 + HexDigit.value(b[i + 2]));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
