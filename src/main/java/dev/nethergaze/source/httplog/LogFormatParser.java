package dev.nethergaze.source.httplog;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.httplog.ParseResult.Malformed;
import dev.nethergaze.source.httplog.ParseResult.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A parser compiled once from a user's format string, an nginx {@code log_format} ({@link #nginx}) or
 * an Apache {@code LogFormat} ({@link ApacheLogFormat}): literals and variables alternate; each
 * variable's value runs up to the next literal (a quoted one up to its closing quote, skipping {@code
 * \"}); an unquoted last one that may hold spaces (the request, a header) takes the rest of the line;
 * the client's address never holds a space. Variables nethergaze knows (the client address, the time,
 * the request, the status, ...) fill the hit; others are matched and ignored.
 */
public final class LogFormatParser implements AccessLineParser {

    private static final class Segment {
        final byte[] literal;
        final JsonField field;
        final boolean quoted;
        /** A value that may be a list parted by ", " (or nginx's " : "): {@link #listEnd}. */
        final boolean list;

        Segment(byte[] literal, JsonField field, boolean quoted, boolean list) {
            this.literal = literal;
            this.field = field;
            this.quoted = quoted;
            this.list = list || field == JsonField.FORWARDED_FOR;
        }
    }

    /**
     * A time written in a form of its own (Apache's {@code %{...}t}), which may hold spaces: read from
     * {@code from} as far as its form goes (not past {@code limit}), or null; {@link #end} is then where
     * it stopped. One per parser (it keeps that end).
     */
    interface TimeText {
        Instant read(byte[] b, int from, int limit);

        int end();
    }

    /**
     * The common log format's time ({@code 10/Oct/2000:13:55:36 -0700}, the day in one digit or two),
     * read by its own shape: it holds a space, so with no brackets around it ({@code $time_local
     * $remote_addr ...}) the next literal would cut it.
     */
    static final class ClfText implements TimeText {
        private final ClfTime clf = new ClfTime();
        private int end;

        @Override
        public Instant read(byte[] b, int from, int limit) {
            int len = (from + 1 < limit && b[from + 1] == '/' ? 1 : 2) + 24;
            if (from + len > limit) {
                return null;
            }
            end = from + len;
            return clf.parse(b, from, len);
        }

        @Override
        public int end() {
            return end;
        }
    }

    /**
     * Collects a format's literals and variables in order (two variables may follow each other with no
     * literal between them), then checks that it names the client's address and a time.
     */
    static final class Builder {
        private final List<Segment> segments = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();
        private TimeText customTime;
        private boolean hasPeer;
        private boolean hasForwarded;
        private boolean hasTime;

        Builder literal(char c) {
            literal.append(c);
            return this;
        }

        Builder literal(String s) {
            literal.append(s);
            return this;
        }

        /**
         * A variable; {@code f} null: its value is matched and ignored. A {@link JsonField#QUERY} right
         * after a {@link JsonField#PATH} ({@code %U%q}, {@code $uri$is_args$args}) makes the two one
         * {@link JsonField#URI}: the target as the client sent it, whose end the literal after it tells.
         */
        Builder field(JsonField f) {
            return field(f, false);
        }

        /** A variable whose value may be a list parted by ", " or " : " (nginx's {@code $upstream_*}). */
        Builder field(JsonField f, boolean list) {
            if (f == JsonField.QUERY
                    && literal.isEmpty()
                    && !segments.isEmpty()
                    && segments.getLast().field == JsonField.PATH) {
                Segment path = segments.removeLast();
                segments.add(new Segment(path.literal, JsonField.URI, path.quoted, false));
                return this;
            }
            boolean quoted = !literal.isEmpty() && literal.charAt(literal.length() - 1) == '"';
            segments.add(new Segment(literal.toString().getBytes(StandardCharsets.UTF_8), null, false, false));
            segments.add(new Segment(new byte[0], f, quoted, list));
            literal.setLength(0);
            hasPeer |= f == JsonField.PEER;
            hasForwarded |= f == JsonField.FORWARDED_FOR || f == JsonField.REAL_IP || f == JsonField.CONNECTING_IP;
            hasTime |= f == JsonField.TIME_CLF || f == JsonField.TIME_ISO || f == JsonField.TIME_EPOCH;
            return this;
        }

        /** A time variable read by {@code t}; only the first one is read, later ones are matched and ignored. */
        Builder time(TimeText t) {
            if (customTime != null || hasTime) {
                return field(null);
            }
            customTime = t;
            field(JsonField.TIME_CUSTOM);
            hasTime = true;
            return this;
        }

        /**
         * Whether the format names the client: the TCP peer, or behind a load balancer a forwarded
         * header alone ({@code %{X-Forwarded-For}i}, {@code $http_x_forwarded_for}).
         */
        boolean hasClient() {
            return hasPeer || hasForwarded;
        }

        boolean hasTime() {
            return hasTime;
        }

        LogFormatParser build(String source, ClientResolver resolver) {
            List<Segment> out = new ArrayList<>(segments);
            out.add(new Segment(literal.toString().getBytes(StandardCharsets.UTF_8), null, false, false));
            return new LogFormatParser(source, resolver, out, customTime);
        }
    }

    private final String source;
    private final ClientResolver resolver;
    private final Segment[] segments;
    private final TimeText customTime;
    /** The line's time read by {@link #customTime}. */
    private Instant customInstant;

    private final ClfTime clf = new ClfTime();
    private final ByteText text = new ByteText();
    private final ProxyHops hops = new ProxyHops();
    private final Map<JsonField, Integer> from = new EnumMap<>(JsonField.class);
    private final Map<JsonField, Integer> to = new EnumMap<>(JsonField.class);
    /** The forwarded values the format names, in {@link JsonField#FORWARDED}'s order (most name none). */
    private final JsonField[] forwarded;

    /** How many later ends {@link #varied}'s value is given, at most, when the line does not parse. */
    private static final int MAX_LATER_ENDS = 8;

    /**
     * The first variable whose value the hit does not use, unquoted and before a literal (nginx's {@code
     * $remote_user}, Apache's {@code %u}: a user name the client chose), or -1: a value that may hold
     * the literal after it, so it is not always the first one that ends it.
     */
    private final int varied;

    /** Whether the last {@link #parse(byte[], int, int, int)} found an end for {@link #varied}'s value. */
    private boolean variedEnded;

    private LogFormatParser(String source, ClientResolver resolver, List<Segment> segments, TimeText customTime) {
        this.source = source;
        this.resolver = resolver;
        this.segments = segments.toArray(new Segment[0]);
        this.customTime = customTime;
        this.forwarded = Arrays.stream(JsonField.FORWARDED)
                .filter(f -> segments.stream().anyMatch(seg -> seg.field == f))
                .toArray(JsonField[]::new);
        int v = -1;
        for (int k = 1; k + 1 < this.segments.length && v < 0; k += 2) {
            Segment seg = this.segments[k];
            if (seg.field == null && !seg.quoted && this.segments[k + 1].literal.length > 0) {
                v = k;
            }
        }
        this.varied = v;
    }

    /**
     * Compiles an nginx {@code log_format} string; throws IllegalArgumentException when it has no {@code
     * $remote_addr} or no time.
     */
    public static LogFormatParser nginx(String format, String source, ClientResolver resolver) {
        Builder out = new Builder();
        // behind a layer-4 balancer speaking the PROXY protocol, $remote_addr is the balancer's and a
        // format logging $proxy_protocol_addr instead names the connection's source as it saw it
        boolean proxyProtocolPeer = !format.contains("$remote_addr") && !format.contains("${remote_addr}");
        // with nginx's realip module, $remote_addr is the client it found and $realip_remote_addr the TCP
        // peer; read as Apache's %a beside %{c}a, the headers the module read logged beside are not
        boolean realIp = format.contains("$realip_remote_addr") || format.contains("${realip_remote_addr}");
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '$') {
                out.literal(c);
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
            JsonField f = proxyProtocolPeer && name.equals("proxy_protocol_addr") ? JsonField.PEER : JsonField.of(name);
            if (realIp && name.equals("realip_remote_addr")) {
                f = JsonField.PEER;
            } else if (realIp && !proxyProtocolPeer) { // $remote_addr: believed from a trusted peer only
                f = name.equals("remote_addr")
                        ? JsonField.FORWARDED_FOR
                        : java.util.Arrays.asList(JsonField.FORWARDED).contains(f) ? null : f;
            }
            i = braced ? e + 1 : e;
            if (name.equals("is_args") && (format.startsWith("$args", i) || format.startsWith("${args}", i))) {
                f = JsonField.QUERY; // "?" and the query string, or nothing: as Apache's %q
                i += format.startsWith("$args", i) ? 5 : 7;
            }
            if (f == JsonField.TIME_CLF) {
                out.time(new ClfText());
            } else {
                // one value per upstream server tried: "10.0.0.1:80, 10.0.0.2:80 : 10.0.1.1:80"
                out.field(f, name.startsWith("upstream_"));
            }
        }
        if (!out.hasClient() || !out.hasTime()) {
            throw new IllegalArgumentException(
                    "log format needs $remote_addr (or $http_x_forwarded_for) and $time_local, $time_iso8601 or $msec: "
                            + format);
        }
        return out.build(source, resolver);
    }

    @Override
    public ParseResult parse(byte[] b, int off, int len) {
        ParseResult first = parse(b, off, len, 0);
        // a user name is the client's to choose and may hold the literal after it ("x [01/Jan/2020:00:00:00
        // +0000]" before " [$time_local]"): a line that does not parse with it ending at the first one
        // is tried with it ending at a later one (a scanner could otherwise hide every request so)
        ParseResult r = first;
        for (int later = 1; later <= MAX_LATER_ENDS && r instanceof Malformed && variedEnded; later++) {
            r = parse(b, off, len, later);
        }
        return r instanceof Malformed ? first : r;
    }

    /** One parse, the value of {@link #varied} ending at the {@code later}-th occurrence after the first of its literal. */
    private ParseResult parse(byte[] b, int off, int len, int later) {
        from.clear();
        to.clear();
        variedEnded = false;
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
            int e;
            if (seg.field == JsonField.TIME_CUSTOM) { // its own form tells where it ends
                customInstant = customTime.read(b, p, end);
                if (customInstant == null) {
                    return Malformed.of(Reason.BAD_TIME);
                }
                e = customTime.end();
            } else if (k + 2 == segments.length && segments[k + 1].literal.length == 0 && holdsSpaces(seg.field)) {
                e = end; // the last variable, unquoted: the rest of the line ($request, a user agent, ...)
            } else {
                byte[] next = k + 1 < segments.length ? segments[k + 1].literal : new byte[0];
                boolean beforeColon = next.length > 0 && next[0] == ':' && !seg.quoted;
                if (seg.field == JsonField.PEER && beforeColon) {
                    e = lastInAddress(b, p, end, next); // $remote_addr:$remote_port: 2001:db8::7:443
                } else if (next.length == 0 && isHost(seg.field)) {
                    e = hostEnd(b, p, end); // $host$request_uri: the host ends where the path starts
                } else {
                    e = valueEnd(b, bracketEnd(b, p, end, beforeColon), end, next, seg.quoted, k == varied ? later : 0);
                }
                if (seg.list && !seg.quoted) {
                    e = listEnd(b, p, end, next, e);
                }
                variedEnded |= k == varied && e >= 0;
            }
            if (e < 0 || (seg.field == JsonField.PEER && indexOf(b, p, e, (byte) ' ') >= 0)) {
                return Malformed.of(Reason.FORMAT_MISMATCH); // an address never holds a space
            }
            if (seg.field != null && !from.containsKey(seg.field)) {
                from.put(seg.field, p);
                to.put(seg.field, e);
            }
            p = e;
        }
        return build(b);
    }

    /**
     * False for the fields whose value is one word (an address, a number, a time, a method): as the
     * last variable of a format they stop at a space, so a format that names only the first fields
     * of a longer line still reads them.
     */
    private static boolean holdsSpaces(JsonField f) {
        return f == null
                || f == JsonField.REQUEST_LINE
                || f == JsonField.URI
                || f == JsonField.PATH
                || f == JsonField.REFERER
                || f == JsonField.USER_AGENT
                || f == JsonField.FORWARDED_FOR
                || f == JsonField.CONNECTING_IP
                || f == JsonField.REAL_IP;
    }

    /** The client, from the first forwarded value the line holds in {@link JsonField#FORWARDED}'s order. */
    private IpKey client(byte[] b, IpKey peer) {
        for (JsonField f : forwarded) {
            int s = start(f);
            if (s >= 0 && !ClientResolver.absent(b, s, to.get(f))) {
                return resolver.resolve(peer, b, s, to.get(f) - s, hops);
            }
        }
        return peer;
    }

    /**
     * The client of a line that names no TCP peer: from the first forwarded value it holds, as {@link
     * ClientResolver#withoutPeer} reads it; null when there is none or it holds no address.
     */
    private IpKey forwardedOnly(byte[] b) {
        for (JsonField f : forwarded) {
            int s = start(f);
            if (s >= 0 && !ClientResolver.absent(b, s, to.get(f))) {
                return resolver.withoutPeer(b, s, to.get(f) - s, hops);
            }
        }
        return null;
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the last {@code next} (a literal starting with ':') starts within the address and port at
     * {@code p}: an IPv6 address holds the ':' that also starts that literal. -1 when none does.
     */
    private static int lastInAddress(byte[] b, int p, int end, byte[] next) {
        int w = p;
        while (w < end && isAddressByte(b[w])) {
            w++;
        }
        for (int i = w - 1; i >= p; i--) {
            if (startsWith(b, i, end, next)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isHost(JsonField f) {
        for (JsonField h : JsonField.VHOSTS) {
            if (f == h) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where a host with no literal after it ends: at the '/' of a path right after it, or at a space
     * (the line's end). A '-' right before that space is the next variable's, empty ({@code $request_uri}
     * of a request nginx could not read after the catch-all block's "_": {@code http://_-}), as no
     * host name ends with one.
     */
    private static int hostEnd(byte[] b, int p, int end) {
        int i = p;
        while (i < end && b[i] != ' ' && b[i] != '/') {
            i++;
        }
        return (i < end && b[i] == '/') || i - 1 <= p || b[i - 1] != '-' ? i : i - 1;
    }

    /**
     * Where the search for a value's end starts: past the ']' of a bracketed IPv6 host when a ':'
     * follows the value ({@code $host:$server_port} of a request to {@code [::1]:443}, whose colons are
     * not the literal's), else at {@code p}.
     */
    private static int bracketEnd(byte[] b, int p, int end, boolean beforeColon) {
        if (!beforeColon || p >= end || b[p] != '[') {
            return p;
        }
        int close = indexOf(b, p, end, (byte) ']');
        return close < 0 ? p : close;
    }

    /** A byte of an address with its port or zone: {@code [2001:db8::7%eth0]:443}, {@code 192.0.2.7:80}. */
    private static boolean isAddressByte(byte c) {
        return (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == ':'
                || c == '.'
                || c == '%'
                || c == '['
                || c == ']';
    }

    /**
     * Where an unquoted list (a forwarded chain, an nginx {@code $upstream_*} value) found to end at
     * {@code e} ends, when the literal after it starts with a space: at the first {@code next} that
     * parts no two items, one not after a comma ({@code 203.0.113.9, 10.0.0.2 - - [...]}) nor either
     * side of the " : " nginx writes between upstream groups.
     */
    private static int listEnd(byte[] b, int p, int end, byte[] next, int e) {
        while (e > p && next.length > 0 && next[0] == ' ' && partsItems(b, p, end, e)) {
            int further = valueEnd(b, e + 1, end, next, false, 0);
            if (further < 0) {
                return e; // none further: the list ends here after all
            }
            e = further;
        }
        return e;
    }

    /** Whether the space at {@code e} of a list that starts at {@code p} is inside ", " or " : ". */
    private static boolean partsItems(byte[] b, int p, int end, int e) {
        return b[e - 1] == ','
                || (e + 2 < end && b[e + 1] == ':' && b[e + 2] == ' ')
                || (e - 2 >= p && b[e - 1] == ':' && b[e - 2] == ' ');
    }

    /** Where a value starting at {@code p} ends: at the {@code later}-th occurrence of {@code next} after the first. */
    private static int valueEnd(byte[] b, int p, int end, byte[] next, boolean quoted, int later) {
        if (next.length == 0) { // a one-word last variable, or two adjacent variables: up to a space
            int i = indexOf(b, p, end, (byte) ' ');
            return i < 0 ? end : i;
        }
        if (quoted && next[0] == '"') {
            int q = CombinedParser.closingQuote(b, p, end);
            return q >= 0 && startsWith(b, q, end, next) ? q : -1;
        }
        int skip = later;
        for (int i = p; i <= end - next.length; i++) {
            if (startsWith(b, i, end, next) && skip-- == 0) {
                return i;
            }
        }
        return -1;
    }

    private ParseResult build(byte[] b) {
        int pf = start(JsonField.PEER);
        Instant when = time(b);
        if (when == null) {
            return Malformed.of(Reason.BAD_TIME);
        }
        int status = (int) number(b, JsonField.STATUS, -1);
        if (pf < 0) { // no TCP peer in the format: a forwarded header is its only client field
            IpKey client = forwardedOnly(b);
            return client == null ? Malformed.of(Reason.NO_CLIENT) : hit(b, when, status, hops.via(client), client);
        }
        IpKey peer = ClientResolver.hostPort(b, pf, to.get(JsonField.PEER));
        if (peer == null) {
            Reason why = ClientResolver.unreadable(b, pf, to.get(JsonField.PEER));
            return why != null
                    ? Malformed.of(why)
                    : new ParseResult.UnresolvedHost(ByteText.decode(b, pf, to.get(JsonField.PEER) - pf), when, status);
        }
        IpKey client = client(b, peer);
        return hit(b, when, status, hops.via(peer, client), client);
    }

    /** The hit of a parsed line, from {@code client} via {@code via}. */
    private ParseResult hit(byte[] b, Instant when, int status, List<IpKey> via, IpKey client) {
        int rf = start(JsonField.REQUEST_LINE);
        RequestLine req = rf >= 0 ? RequestLine.split(b, rf, to.get(JsonField.REQUEST_LINE), text) : fields(b);
        return new ParseResult.Hit(new HttpHit(
                source,
                when,
                via,
                client,
                req.method(),
                req.target(),
                req.protocol(),
                status,
                Math.max(0, number(b, JsonField.SIZE, 0)),
                str(b, JsonField.REFERER),
                str(b, JsonField.USER_AGENT),
                vhost(b),
                req.malformed()));
    }

    /**
     * The request of a format that logs it in fields ({@code $request_method $request_uri
     * $server_protocol}): malformed, as {@link RequestLine#split} reads one, with no method, with a
     * space or a control byte in its target, or with its protocol "-" when the format logs it (nginx's HTTP/0.9).
     */
    private RequestLine fields(byte[] b) {
        String method = str(b, JsonField.METHOD);
        String target = uri(b); // its last ByteText#target, when not empty, is the path's
        String protocol = str(b, JsonField.PROTOCOL);
        boolean malformed = method.isEmpty()
                || (!target.isEmpty() && text.badBytes())
                || (protocol.isEmpty() && start(JsonField.PROTOCOL) >= 0);
        return new RequestLine(method, target, protocol, malformed);
    }

    private Instant time(byte[] b) {
        if (customTime != null) {
            return customInstant;
        }
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

    /**
     * The target of a format with {@code $request_uri} (or {@code %U%q}) instead of the request line;
     * else its {@code $uri} or {@code %U}, with '?' and {@code $args} when they are not empty, or with
     * {@code %q} (or {@code $is_args$args}) written apart.
     */
    private String uri(byte[] b) {
        int s = present(b, JsonField.URI);
        // targets repeat: the larger cache, as the request line's
        if (s >= 0) {
            return text.target(b, s, to.get(JsonField.URI) - s);
        }
        int p = present(b, JsonField.PATH);
        if (p < 0) {
            return "";
        }
        String path = text.target(b, p, to.get(JsonField.PATH) - p);
        int a = present(b, JsonField.ARGS);
        if (a >= 0 && to.get(JsonField.ARGS) > a) {
            return path + "?" + text.cached(b, a, to.get(JsonField.ARGS) - a);
        }
        int q = present(b, JsonField.QUERY);
        return q < 0 || to.get(JsonField.QUERY) - q < 2 || b[q] != '?'
                ? path
                : path + text.cached(b, q, to.get(JsonField.QUERY) - q);
    }

    /** The site: the first of {@link JsonField#VHOSTS} the line holds, without its port ({@link Site}). */
    private String vhost(byte[] b) {
        for (JsonField f : JsonField.VHOSTS) {
            int s = present(b, f);
            if (s >= 0 && to.get(f) > s) {
                return text.site(b, s, to.get(f) - s);
            }
        }
        return "";
    }

    private String str(byte[] b, JsonField f) {
        int s = present(b, f);
        return s < 0 ? "" : text.cached(b, s, to.get(f) - s);
    }

    /** Where {@code f}'s value starts, or -1 when the line has none or "-". */
    private int present(byte[] b, JsonField f) {
        int s = start(f);
        return s < 0 || (to.get(f) - s == 1 && b[s] == '-') ? -1 : s;
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
