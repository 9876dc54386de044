package dev.nethergaze.source.httplog;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.httplog.ParseResult.Malformed;
import dev.nethergaze.source.httplog.ParseResult.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A parser compiled once from a user's nginx {@code log_format} string: literals and {@code $variables}
 * alternate; each variable's value runs up to the next literal (a quoted one up to its closing
 * quote, skipping {@code \"}). Variables nethergaze knows ({@code $remote_addr}, {@code $time_local},
 * {@code $request}, {@code $status}, ...) fill the hit; others are matched and ignored.
 */
public final class NginxFormatParser implements AccessLineParser {

    private static final class Segment {
        final byte[] literal;
        final JsonField field;
        final boolean quoted;

        Segment(byte[] literal, JsonField field, boolean quoted) {
            this.literal = literal;
            this.field = field;
            this.quoted = quoted;
        }
    }

    private final String source;
    private final ClientResolver resolver;
    private final Segment[] segments;
    private final ClfTime clf = new ClfTime();
    private final ByteText text = new ByteText();
    private final Map<JsonField, Integer> from = new EnumMap<>(JsonField.class);
    private final Map<JsonField, Integer> to = new EnumMap<>(JsonField.class);

    private NginxFormatParser(String source, ClientResolver resolver, List<Segment> segments) {
        this.source = source;
        this.resolver = resolver;
        this.segments = segments.toArray(new Segment[0]);
    }

    /** Compiles {@code format}; throws IllegalArgumentException when it has no {@code $remote_addr} or no time. */
    public static NginxFormatParser compile(String format, String source, ClientResolver resolver) {
        List<Segment> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        boolean hasPeer = false;
        boolean hasTime = false;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '$') {
                lit.append(c);
                i++;
                continue;
            }
            int s = i + 1;
            boolean braced = s < format.length() && format.charAt(s) == '{';
            int e = braced ? format.indexOf('}', s) : s;
            if (!braced) {
                while (e < format.length()
                        && (Character.isLetterOrDigit(format.charAt(e)) || format.charAt(e) == '_')) {
                    e++;
                }
            }
            if (e < 0 || e == s) {
                throw new IllegalArgumentException("bad variable at offset " + i + " in log format: " + format);
            }
            String name = format.substring(braced ? s + 1 : s, e);
            JsonField f = JsonField.of(name);
            hasPeer |= f == JsonField.PEER;
            hasTime |= f == JsonField.TIME_CLF || f == JsonField.TIME_ISO || f == JsonField.TIME_EPOCH;
            boolean quoted = lit.length() > 0 && lit.charAt(lit.length() - 1) == '"';
            out.add(new Segment(lit.toString().getBytes(StandardCharsets.UTF_8), null, false));
            out.add(new Segment(new byte[0], f, quoted));
            lit.setLength(0);
            i = braced ? e + 1 : e;
        }
        out.add(new Segment(lit.toString().getBytes(StandardCharsets.UTF_8), null, false));
        if (!hasPeer || !hasTime) {
            throw new IllegalArgumentException(
                    "log format needs $remote_addr and $time_local, $time_iso8601 or $msec: " + format);
        }
        return new NginxFormatParser(source, resolver, out);
    }

    @Override
    public ParseResult parse(byte[] b, int off, int len) {
        from.clear();
        to.clear();
        int end = off + len;
        int p = off;
        for (int k = 0; k < segments.length; k++) {
            Segment seg = segments[k];
            if (k % 2 == 0) { // literals and variables alternate
                if (!startsWith(b, p, end, seg.literal)) {
                    return Malformed.of(Reason.FORMAT_MISMATCH);
                }
                p += seg.literal.length;
                continue;
            }
            byte[] next = k + 1 < segments.length ? segments[k + 1].literal : new byte[0];
            int e = valueEnd(b, p, end, next, seg.quoted);
            if (e < 0) {
                return Malformed.of(Reason.FORMAT_MISMATCH);
            }
            if (seg.field != null && !from.containsKey(seg.field)) {
                from.put(seg.field, p);
                to.put(seg.field, e);
            }
            p = e;
        }
        return build(b);
    }

    private static int valueEnd(byte[] b, int p, int end, byte[] next, boolean quoted) {
        if (next.length == 0) { // last variable: to the end; two adjacent variables: up to a space
            int i = p;
            while (i < end && b[i] != ' ') {
                i++;
            }
            return i;
        }
        if (quoted && next[0] == '"') {
            int q = CombinedParser.closingQuote(b, p, end);
            return q >= 0 && startsWith(b, q, end, next) ? q : -1;
        }
        for (int i = p; i <= end - next.length; i++) {
            if (startsWith(b, i, end, next)) {
                return i;
            }
        }
        return -1;
    }

    private ParseResult build(byte[] b) {
        int pf = start(JsonField.PEER);
        Instant when = time(b);
        if (pf < 0 || when == null) {
            return Malformed.of(Reason.BAD_TIME);
        }
        int status = (int) number(b, JsonField.STATUS, -1);
        IpKey peer = ClientResolver.hostPort(b, pf, to.get(JsonField.PEER));
        if (peer == null) {
            return new ParseResult.UnresolvedHost(ByteText.decode(b, pf, to.get(JsonField.PEER) - pf), when, status);
        }
        int ff = start(JsonField.FORWARDED_FOR);
        IpKey client = ff < 0 ? peer : resolver.resolve(peer, b, ff, to.get(JsonField.FORWARDED_FOR) - ff);
        int rf = start(JsonField.REQUEST_LINE);
        RequestLine req = rf >= 0
                ? RequestLine.split(b, rf, to.get(JsonField.REQUEST_LINE), text)
                : new RequestLine(str(b, JsonField.METHOD), str(b, JsonField.URI), str(b, JsonField.PROTOCOL), false);
        return new ParseResult.Hit(new HttpHit(
                source,
                when,
                peer,
                client,
                req.method(),
                req.target(),
                req.protocol(),
                status,
                Math.max(0, number(b, JsonField.SIZE, 0)),
                str(b, JsonField.REFERER),
                str(b, JsonField.USER_AGENT),
                str(b, JsonField.VHOST),
                req.malformed() || req.method().isEmpty()));
    }

    private Instant time(byte[] b) {
        int c = start(JsonField.TIME_CLF);
        if (c >= 0) {
            return clf.parse(b, c, to.get(JsonField.TIME_CLF) - c);
        }
        int i = start(JsonField.TIME_ISO);
        if (i >= 0) {
            return JsonTime.iso(new String(b, i, to.get(JsonField.TIME_ISO) - i, StandardCharsets.ISO_8859_1));
        }
        int e = start(JsonField.TIME_EPOCH);
        return e < 0
                ? null
                : JsonTime.epoch(new String(b, e, to.get(JsonField.TIME_EPOCH) - e, StandardCharsets.ISO_8859_1));
    }

    private long number(byte[] b, JsonField f, long dflt) {
        int s = start(f);
        if (s < 0 || to.get(f) == s) {
            return dflt;
        }
        long v = 0;
        for (int i = s; i < to.get(f); i++) {
            if (b[i] < '0' || b[i] > '9' || i - s > 17) {
                return dflt;
            }
            v = v * 10 + b[i] - '0';
        }
        return v;
    }

    private String str(byte[] b, JsonField f) {
        int s = start(f);
        if (s < 0 || (to.get(f) - s == 1 && b[s] == '-')) {
            return "";
        }
        return text.cached(b, s, to.get(f) - s);
    }

    private int start(JsonField f) {
        Integer s = from.get(f);
        return s == null ? -1 : s;
    }

    private static boolean startsWith(byte[] b, int p, int end, byte[] lit) {
        if (p + lit.length > end) {
            return false;
        }
        for (int i = 0; i < lit.length; i++) {
            if (b[p + i] != lit[i]) {
                return false;
            }
        }
        return true;
    }
}
