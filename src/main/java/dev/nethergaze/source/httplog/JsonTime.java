package dev.nethergaze.source.httplog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Times and numbers as JSON access logs write them: epoch seconds (maybe fractional, maybe a string), ISO-8601, CLF. */
final class JsonTime {

    private JsonTime() {}

    static Instant of(Map<JsonField, String> v, ClfTime clf) {
        String epoch = v.get(JsonField.TIME_EPOCH);
        if (epoch != null) {
            Instant t = epoch(epoch);
            if (t != null) {
                return t;
            }
            Instant iso = iso(epoch);
            if (iso != null) {
                return iso;
            }
        }
        String iso = v.get(JsonField.TIME_ISO);
        if (iso != null) {
            Instant t = iso(iso);
            if (t != null) {
                return t;
            }
        }
        String local = v.get(JsonField.TIME_CLF);
        if (local != null) {
            byte[] b = local.getBytes(StandardCharsets.ISO_8859_1);
            return clf.parse(b, 0, b.length);
        }
        return null;
    }

    static Instant epoch(String s) {
        try {
            double d = Double.parseDouble(s);
            if (!(d > 0 && d < 1e11)) {
                return null;
            }
            long sec = (long) d;
            return Instant.ofEpochSecond(sec, Math.round((d - sec) * 1e6) * 1000);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Instant iso(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static int intOf(String s, int dflt) {
        long v = longOf(s, dflt);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? dflt : (int) v;
    }

    /** Digits (a JSON number or a string of digits); {@code dflt} for "-", "", or anything else. */
    static long longOf(String s, long dflt) {
        if (s == null || s.isEmpty() || s.length() > 18) {
            return dflt;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                return i == 0 ? dflt : v;
            }
            if (c < '0' || c > '9') {
                return dflt;
            }
            v = v * 10 + c - '0';
        }
        return v;
    }
}
