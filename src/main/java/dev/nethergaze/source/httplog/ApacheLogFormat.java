package dev.nethergaze.source.httplog;

import java.time.ZoneId;
import java.util.Locale;

/**
 * An Apache {@code LogFormat} string ({@code %h %l %u %t \"%r\" %>s %b ...}) compiled to a {@link
 * LogFormatParser}, as pasted from the server's configuration: the config's escapes ({@code \"},
 * {@code \\}, {@code \t}) and the quotes around the whole format are taken off. Directives nethergaze
 * reads: {@code %h}/{@code %a} (the client; with {@code %{c}a} in the format, {@code %{c}a} is the
 * TCP peer and {@code %a} the client mod_remoteip found, believed only from a trusted proxy), {@code
 * %t} and {@code %{strftime}t} or {@code %{sec|msec|usec}t} (the first time in the format; {@code
 * begin:}/{@code end:} allowed), {@code %r}, {@code %m}, {@code %U} and {@code %q} (the path and its
 * query string, joined into the target), {@code %H}, {@code %s}/{@code
 * %>s}, {@code %b}/{@code %B}/{@code %O}, {@code %v}/{@code %V}/{@code %{Host}i}, {@code
 * %{Referer}i}, {@code %{User-Agent}i}, {@code %{X-Forwarded-For}i} (and X-Real-IP,
 * CF-Connecting-IP; not read beside mod_remoteip's {@code %a}, wherever each stands in the format:
 * the module has taken the hops it trusted off the header, so what the log shows of it is what was
 * left, and {@code %a} is the client it found in it); a forwarded header may be the format's only client
 * field (behind a load balancer: no TCP peer, {@link ClientResolver#withoutPeer}). Every other directive ({@code %l}, {@code %u}, {@code %D}, {@code %T}, {@code
 * %p}, other headers, mod_ssl's {@code %{SSL_PROTOCOL}x} and {@code %{errcode}c}, ...) is matched and ignored; status conditions ({@code %!200,304{Referer}i}) and
 * {@code <}/{@code >} are allowed.
 */
final class ApacheLogFormat {

    private ApacheLogFormat() {}

    /**
     * Compiles {@code format}; year-less or zone-less {@code %{...}t} times are read in {@code zone}.
     * Throws IllegalArgumentException with the reason (no client address, no time, a bad directive).
     */
    static LogFormatParser compile(String format, String source, ClientResolver resolver, ZoneId zone) {
        String f = unescape(format);
        boolean peerApart = f.contains("%{c}a");
        boolean remoteIp = peerApart && BARE_A.matcher(f).find();
        LogFormatParser.Builder out = new LogFormatParser.Builder();
        int i = 0;
        while (i < f.length()) {
            char c = f.charAt(i);
            if (c != '%') {
                out.literal(c);
                i++;
                continue;
            }
            int at = i++;
            if (i < f.length() && f.charAt(i) == '%') {
                out.literal('%');
                i++;
                continue;
            }
            // modifiers: a status condition (!200,304 or 400,501) and < or >
            while (i < f.length() && ("!,<>".indexOf(f.charAt(i)) >= 0 || Character.isDigit(f.charAt(i)))) {
                i++;
            }
            String arg = null;
            if (i < f.length() && f.charAt(i) == '{') {
                int close = f.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException(
                            "apache log format: unclosed %{ at offset " + at + ": " + format);
                }
                arg = f.substring(i + 1, close);
                i = close + 1;
            }
            if (i >= f.length()) {
                throw new IllegalArgumentException(
                        "apache log format: a directive is cut off at offset " + at + ": " + format);
            }
            char d = f.charAt(i++);
            if (d == '^' && i + 1 < f.length()) { // %{name}^ti, %{name}^to: trailers
                i += 2;
                out.field(null);
                continue;
            }
            if ((d == 'v' || d == 'V') && arg == null && f.startsWith(":%p", i)) {
                i += 3; // "%v:%p", as vhost_combined writes it: one vhost, its site read as the preset reads it
                out.field(JsonField.VHOST);
                continue;
            }
            directive(out, d, arg, peerApart, remoteIp, zone, format);
        }
        if (!out.hasClient() || !out.hasTime()) {
            throw new IllegalArgumentException(
                    "apache log format needs the client (%h or %a) or, behind a load balancer, %{X-Forwarded-For}i,"
                            + " and a time (%t or %{...}t): " + format);
        }
        return out.build(source, resolver);
    }

    /** An {@code %a} without an argument (modifiers allowed): with {@code %{c}a} too, mod_remoteip's client. */
    private static final java.util.regex.Pattern BARE_A = java.util.regex.Pattern.compile("(?<!%)%[!,<>0-9]*a");

    private static void directive(
            LogFormatParser.Builder out,
            char d,
            String arg,
            boolean peerApart,
            boolean remoteIp,
            ZoneId zone,
            String format) {
        switch (d) {
            case 'h' -> out.field(JsonField.PEER);
            case 'a' -> out.field("c".equals(arg) || !peerApart ? JsonField.PEER : JsonField.FORWARDED_FOR);
            case 't' -> {
                if (arg == null) { // [10/Oct/2000:13:55:36 -0700]
                    out.literal('[').time(new LogFormatParser.ClfText()).literal(']');
                } else {
                    time(out, arg, zone, format);
                }
            }
            case 'r' -> out.field(JsonField.REQUEST_LINE);
            case 'm' -> out.field(JsonField.METHOD);
            case 'U' -> out.field(JsonField.PATH);
            case 'q' -> out.field(JsonField.QUERY);
            case 'H' -> out.field(JsonField.PROTOCOL);
            case 's' -> out.field(JsonField.STATUS);
            case 'b', 'B', 'O' -> out.field(JsonField.SIZE);
            case 'v', 'V' -> out.field(JsonField.VHOST);
            case 'i' -> {
                JsonField h = header(arg, format);
                out.field(
                        remoteIp && java.util.Arrays.asList(JsonField.FORWARDED).contains(h) ? null : h);
            }
            case 'A', 'c', 'C', 'D', 'e', 'f', 'I', 'k', 'l', 'L', 'n', 'o', 'p', 'P', 'R', 'S', 'T', 'u', 'x', 'X' ->
                out.field(null);
            default ->
                throw new IllegalArgumentException(
                        "apache log format: %" + d + " is not a LogFormat directive: " + format);
        }
    }

    private static JsonField header(String name, String format) {
        if (name == null) {
            throw new IllegalArgumentException("apache log format: %i needs a header name, %{Name}i: " + format);
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "referer" -> JsonField.REFERER;
            case "user-agent" -> JsonField.USER_AGENT;
            case "x-forwarded-for" -> JsonField.FORWARDED_FOR;
            case "x-real-ip" -> JsonField.REAL_IP;
            case "cf-connecting-ip" -> JsonField.CONNECTING_IP;
            case "host" -> JsonField.VHOST;
            default -> null;
        };
    }

    private static void time(LogFormatParser.Builder out, String arg, ZoneId zone, String format) {
        String t = arg.startsWith("begin:") ? arg.substring(6) : arg.startsWith("end:") ? arg.substring(4) : arg;
        if (t.equals("msec_frac") || t.equals("usec_frac")) {
            out.field(null); // a fraction of the second written beside another time field
            return;
        }
        StrfTime epoch = StrfTime.epoch(t);
        try {
            out.time(epoch != null ? epoch : StrfTime.compile(t, zone));
        } catch (IllegalArgumentException e) {
            if (out.hasTime()) { // a second time field (the zone alone, %{%z}t, say): only the first is read
                out.field(null);
                return;
            }
            throw new IllegalArgumentException("apache log format: " + e.getMessage() + ": " + format, e);
        }
    }

    /**
     * The format as Apache writes it: the escapes of its configuration file resolved, and the quotes
     * around the whole of it taken off when pasted with them ({@code "%h ... \"%r\" ..."}: no quote
     * inside is bare; {@code "%r" %h %t "%{User-Agent}i"} keeps its quotes).
     */
    static String unescape(String format) {
        String f = format.strip();
        if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") && !bareQuote(f, 1, f.length() - 1)) {
            f = f.substring(1, f.length() - 1);
        }
        StringBuilder out = new StringBuilder(f.length());
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '\\' && i + 1 < f.length()) {
                char n = f.charAt(++i);
                out.append(
                        switch (n) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            default -> n; // \" and \\
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True if a quote without a backslash before it lies between {@code from} and {@code to}. */
    private static boolean bareQuote(String f, int from, int to) {
        for (int i = from; i < to; i++) {
            if (f.charAt(i) == '\\') {
                i++;
            } else if (f.charAt(i) == '"') {
                return true;
            }
        }
        return false;
    }
}
