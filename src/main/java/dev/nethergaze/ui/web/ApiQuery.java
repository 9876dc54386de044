package dev.nethergaze.ui.web;

import dev.nethergaze.model.HexDigit;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The query parameters each endpoint takes and the forms each accepts, in one place. A query that
 * is not what its endpoint takes (a parameter empty, malformed, out of range, repeated, or not one
 * of the endpoint's) is refused with one line naming the parameter and what it takes: a script must
 * never get a silently different answer than it asked for.
 *
 * <p>The page ({@code /}, {@code /index.html}) and its script and style sheet are not checked: the
 * page's query is read by its script (filter, suspicious, group, ip), and a link may carry more. A
 * {@code token} is one value wherever it is given.
 */
final class ApiQuery {

    /** Every parameter an endpoint takes, with the forms it accepts. */
    enum Param {
        FILTER("filter", "an expression in the --filter language (leave the parameter out for every IP)", 0, 0),
        SUSPICIOUS("suspicious", "1 or true (suspicious IPs only, worst first), 0 or false", 0, 0),
        TOP("top", "a whole number of IPs, 1 to 2147483647", 1, Integer.MAX_VALUE),
        INTERVAL("interval", "seconds between documents, 0.25 to 3600 (digits, e.g. 0.5 or 2)", 0.25, 3600),
        TOKEN("token", "the access token", 0, 0);

        final String key;
        final String accepts;
        final double min;
        final double max;

        Param(String key, String accepts, double min, double max) {
            this.key = key;
            this.accepts = accepts;
            this.min = min;
            this.max = max;
        }

        private BadQuery bad(String got) {
            return new BadQuery(key + ": " + accepts + ", got '" + shown(got, 64) + "'");
        }
    }

    /** The endpoints that take a query, and what each takes; any other path's query is not looked at. */
    private static final Map<String, List<Param>> ENDPOINTS = Map.of(
            "/api/snapshot", List.of(Param.FILTER, Param.SUSPICIOUS, Param.TOP, Param.TOKEN),
            "/api/events", List.of(Param.FILTER, Param.SUSPICIOUS, Param.TOP, Param.INTERVAL, Param.TOKEN),
            "/metrics", List.of(Param.TOKEN),
            "/healthz", List.of(Param.TOKEN));

    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,12}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,9})?");

    /** A query its endpoint does not take: the one line (no newline) that says why. */
    static final class BadQuery extends Exception {
        private static final long serialVersionUID = 1L;

        BadQuery(String line) {
            super(line, null, false, false);
        }
    }

    private final Map<String, String> values;

    private ApiQuery(Map<String, String> values) {
        this.values = values;
    }

    /**
     * The query of a request for {@code path}, checked against what that endpoint takes.
     *
     * @param raw the query as sent (percent-encoded; a character above U+007F is a byte {@link
     *     HttpListener} read as Latin-1, as curl sends UTF-8 unencoded), or null
     */
    static ApiQuery of(String path, String raw) throws BadQuery {
        List<Param> takes = ENDPOINTS.get(path);
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> times = new HashMap<>();
        for (String part : raw == null ? new String[0] : raw.split("&")) {
            if (part.isEmpty()) {
                continue; // "a=1&" or "&&": no parameter there
            }
            if (takes == null && !part.startsWith(Param.TOKEN.key + "=") && !part.equals(Param.TOKEN.key)) {
                continue; // the page's own query, read by its script
            }
            int eq = part.indexOf('=');
            String key = decode(eq < 0 ? part : part.substring(0, eq), "a parameter's name");
            String value = eq < 0 ? "" : decode(part.substring(eq + 1), key);
            if (takes != null && takes.stream().noneMatch(p -> p.key.equals(key))) {
                throw new BadQuery(shown(key, 64) + ": not a parameter of " + path + " (it takes "
                        + String.join(", ", takes.stream().map(p -> p.key).toList()) + ")");
            }
            values.put(key, value);
            times.merge(key, 1, Integer::sum);
        }
        for (Param p : Param.values()) {
            int n = times.getOrDefault(p.key, 0);
            if (n > 1) {
                throw new BadQuery(p.key + ": given " + n + " times; give it once");
            }
            if (n == 1 && p != Param.TOKEN && values.get(p.key).isEmpty()) {
                throw p.bad("");
            }
        }
        return new ApiQuery(values);
    }

    /**
     * The token a query gives, read as a page's query is (its other parameters not looked at), or null
     * when it gives none or gives it badly (twice, malformed): what authorizes a request before its
     * query is checked.
     */
    static String tokenOf(String raw) {
        try {
            return of("", raw).text(Param.TOKEN, null);
        } catch (BadQuery e) {
            return null;
        }
    }

    /** The text of {@code p}, or {@code absent} when not given. */
    String text(Param p, String absent) {
        return values.getOrDefault(p.key, absent);
    }

    /** {@code p} as on or off: 1/true or 0/false. */
    boolean flag(Param p, boolean absent) throws BadQuery {
        String v = values.get(p.key);
        if (v == null) {
            return absent;
        }
        return switch (v) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw p.bad(v);
        };
    }

    /** {@code p} as a whole number in its range (decimal digits only). */
    int whole(Param p, int absent) throws BadQuery {
        Double d = number(p, WHOLE);
        return d == null ? absent : d.intValue();
    }

    /** {@code p} as a decimal number in its range (digits, an optional fraction: no sign, exponent, NaN). */
    double decimal(Param p, double absent) throws BadQuery {
        Double d = number(p, DECIMAL);
        return d == null ? absent : d;
    }

    /** {@code p}'s number when given in {@code form} and within its range; null when not given. */
    private Double number(Param p, Pattern form) throws BadQuery {
        String v = values.get(p.key);
        if (v == null) {
            return null;
        }
        double d = form.matcher(v).matches() ? Double.parseDouble(v) : Double.NaN;
        if (!(d >= p.min && d <= p.max)) {
            throw p.bad(v);
        }
        return d;
    }

    private static String decode(String s, String what) throws BadQuery {
        return decode(s, true, what);
    }

    /**
     * {@code s} percent-decoded ({@code +} a space when {@code plus}: in a query, not in a path) as
     * UTF-8, refused when it is not UTF-8. A character above U+007F is taken as the byte it was on the
     * wire.
     */
    static String decode(String s, boolean plus, String what) throws BadQuery {
        byte[] in = s.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(in.length);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (plus && b == '+') {
                out.put((byte) ' ');
            } else if (b == '%'
                    && i + 2 < in.length
                    && HexDigit.value(in[i + 1]) >= 0
                    && HexDigit.value(in[i + 2]) >= 0) {
                out.put((byte) (HexDigit.value(in[i + 1]) << 4 | HexDigit.value(in[i + 2])));
                i += 2;
            } else if (b == '%') { // %ZZ, a lone %: named with its parameter
                throw new BadQuery(what + ": a malformed %-escape in '" + shown(s, 64) + "'");
            } else {
                out.put(b);
            }
        }
        out.flip();
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(out)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadQuery(what + ": not UTF-8 once %-decoded: '" + shown(s, 64) + "'");
        }
    }

    /**
     * {@code s} fit for one line of text: control characters shown escaped ({@code \n}, {@code \x1b}),
     * cut after {@code max} characters (0: not cut).
     */
    static String shown(String s, int max) {
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (int i = 0; i < s.length(); i++, n++) {
            if (max > 0 && n == max) {
                return b.append("… (").append(s.length()).append(" characters)").toString();
            }
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else if (c == '\u2028' || c == '\u2029') { // line separators to some readers
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
