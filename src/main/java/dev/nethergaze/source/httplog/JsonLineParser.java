package dev.nethergaze.source.httplog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.httplog.ParseResult.Malformed;
import dev.nethergaze.source.httplog.ParseResult.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-lines access logs (Caddy v2, nginx {@code escape=json}, Traefik) through Jackson's streaming
 * parser: no tree, no regex. Text before the first '{' (docker-compose's {@code caddy  | }) is
 * skipped. Entries of other Caddy loggers are {@link ParseResult.Ignored}. One instance per thread.
 */
public final class JsonLineParser implements AccessLineParser {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int MAX_DEPTH = 4;

    private final String source;
    private final ClientResolver resolver;
    private final ZoneId wallZone;
    private final ClfTime clf = new ClfTime();
    private final ByteText text = new ByteText();
    private final ProxyHops hops = new ProxyHops();
    private final Map<JsonField, String> values = new EnumMap<>(JsonField.class);
    /** The text fields a hit keeps, shared between the lines that repeat them. */
    private final SharedStrings shared = new SharedStrings();

    private final String[] path = new String[MAX_DEPTH];

    public JsonLineParser(String source, ClientResolver resolver) {
        this(source, resolver, ZoneOffset.UTC);
    }

    /** @param wallZone the zone of Caddy's zone-less {@code wall*} times (UTC unless Caddy's {@code time_local}) */
    public JsonLineParser(String source, ClientResolver resolver, ZoneId wallZone) {
        this.source = source;
        this.resolver = resolver;
        this.wallZone = wallZone;
    }

    @Override
    public ParseResult parse(byte[] b, int off, int len) {
        int start = off;
        int end = off + len;
        while (start < end && b[start] != '{') {
            start++;
        }
        if (start == end) {
            return Malformed.of(Reason.BAD_JSON);
        }
        try {
            if (!read(FACTORY.createParser(b, start, end - start))) {
                return Malformed.of(Reason.BAD_JSON);
            }
        } catch (IOException | RuntimeException e) {
            // nginx's escape=json writes the bytes of 0x80 and up of a request as they came (a TLS
            // ClientHello, a path of invalid UTF-8): such a line is read again with each invalid
            // sequence as U+FFFD, as the text formats keep a request they cannot decode
            if (!hasHighByte(b, start, end) || !readReplacing(b, start, end)) {
                return Malformed.of(Reason.BAD_JSON);
            }
        }
        return build();
    }

    private boolean readReplacing(byte[] b, int start, int end) {
        try {
            return read(FACTORY.createParser(new String(b, start, end - start, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads one object into {@link #values}; false when the text is no object. */
    private boolean read(JsonParser parser) throws IOException {
        values.clear();
        try (JsonParser p = parser) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            readKnown(p, JsonField.ROOT, 0);
            return true;
        }
    }

    private static boolean hasHighByte(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads an object along the known paths' tree ({@link JsonField.Node}): a value no path names is
     * skipped unread (no text made), an object no path leads into skipped whole. A name with a dot in it
     * (a flat {@code "request.headers.X-Forwarded-For"} key) is matched by its whole joined path, and so
     * is everything under it ({@link #readValue}, {@link #readObject}).
     */
    private void readKnown(JsonParser p, JsonField.Node node, int depth) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            path[depth] = name;
            JsonField.Node child = node.child(name);
            JsonToken v = p.nextToken();
            if (child == null && name.indexOf('.') >= 0) {
                readValue(p, v, depth, null); // the rare flat dotted key: by its joined path
            } else if (child == null) {
                p.skipChildren(); // no known path goes here (a scalar: nothing to skip)
            } else if (v == JsonToken.START_OBJECT) {
                if (child.leads() && depth + 1 < MAX_DEPTH) {
                    readKnown(p, child, depth + 1);
                } else {
                    p.skipChildren();
                }
            } else if (child.field() == null) {
                p.skipChildren();
            } else {
                readValue(p, v, depth, child.field());
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unterminated object");
        }
    }

    private void readObject(JsonParser p, int depth) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            if (depth < MAX_DEPTH) {
                path[depth] = p.currentName();
            }
            readValue(p, p.nextToken(), depth, null);
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unterminated object");
        }
    }

    /**
     * The value {@code v} of the field at {@code path[depth]}: {@code known}, or (null) the field its
     * joined path names.
     */
    private void readValue(JsonParser p, JsonToken v, int depth, JsonField known) throws IOException {
        if (v == JsonToken.START_OBJECT) {
            if (depth + 1 < MAX_DEPTH) {
                readObject(p, depth + 1);
            } else {
                p.skipChildren();
            }
        } else if (v == JsonToken.START_ARRAY) {
            JsonToken first = p.nextToken();
            JsonField f = first != null && first.isScalarValue() ? record(depth, known, p.getText()) : null;
            if (first != JsonToken.END_ARRAY) {
                if (first == JsonToken.START_OBJECT || first == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
                JsonToken t2;
                while ((t2 = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (f == JsonField.FORWARDED_FOR && t2 != null && t2.isScalarValue()) {
                        // the header sent more than once (Caddy logs each line): one chain, in
                        // order, as Caddy reads it; the last line is the one the proxy added
                        values.put(f, values.get(f) + ", " + p.getText());
                    }
                    p.skipChildren();
                }
            }
        } else if (v != null && v.isScalarValue()) {
            record(depth, known, v == JsonToken.VALUE_NULL ? "" : p.getText());
        }
    }

    /**
     * Keeps a value of {@code known} (null: the field {@code path[0..depth]} names), the first one found;
     * returns its field when kept, else null.
     */
    private JsonField record(int depth, JsonField known, String value) {
        if (depth >= MAX_DEPTH) {
            return null;
        }
        JsonField f = known != null
                ? known
                : JsonField.of(depth == 0 ? path[0] : String.join(".", java.util.Arrays.copyOf(path, depth + 1)));
        return f != null && values.putIfAbsent(f, value) == null ? f : null;
    }

    private ParseResult build() {
        String logger = values.get(JsonField.LOGGER);
        if (logger != null && !logger.startsWith("http.log.access")) {
            return ParseResult.Ignored.INSTANCE;
        }
        String realIpPeer = values.get(JsonField.REALIP_PEER);
        String peerText = realIpPeer != null ? realIpPeer : values.get(JsonField.PEER);
        Instant when = JsonTime.of(values, clf, wallZone);
        if (peerText == null && when != null && namesForwarded()) {
            return forwardedOnly(when);
        }
        if (peerText == null || when == null) {
            return logger == null && peerText == null ? ParseResult.Ignored.INSTANCE : Malformed.of(Reason.BAD_JSON);
        }
        byte[] pb = peerText.getBytes(StandardCharsets.ISO_8859_1);
        IpKey peer = ClientResolver.hostPort(pb, 0, pb.length);
        int status = JsonTime.intOf(values.get(JsonField.STATUS), -1);
        if (peer == null) {
            Reason why = ClientResolver.unreadable(pb, 0, pb.length);
            return why != null ? Malformed.of(why) : new ParseResult.UnresolvedHost(peerText, when, status);
        }
        IpKey client = peer;
        String hint = realIpPeer != null ? values.get(JsonField.PEER) : forwarded();
        if (hint != null) {
            byte[] hb = hint.getBytes(StandardCharsets.ISO_8859_1);
            client = resolver.resolve(peer, hb, 0, hb.length, hops);
        }
        return new ParseResult.Hit(hit(when, hops.via(peer, client), client, status));
    }

    /** Whether the line has a key for a forwarded value, "-" or empty as it may be. */
    private boolean namesForwarded() {
        for (JsonField f : JsonField.FORWARDED) {
            if (values.containsKey(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A line with no peer but a forwarded value (nginx escape=json behind a balancer): its client as
     * {@link ClientResolver#withoutPeer} reads it, or {@link Reason#NO_CLIENT} when it holds no address.
     */
    private ParseResult forwardedOnly(Instant when) {
        String hint = forwarded();
        byte[] hb = hint == null ? new byte[0] : hint.getBytes(StandardCharsets.ISO_8859_1);
        IpKey client = resolver.withoutPeer(hb, 0, hb.length, hops);
        if (client == null) {
            return Malformed.of(Reason.NO_CLIENT);
        }
        List<IpKey> via = hops.via(client);
        int status = JsonTime.intOf(values.get(JsonField.STATUS), -1);
        return new ParseResult.Hit(hit(when, via, client, status));
    }

    /** The forwarded value to believe, in {@link JsonField#FORWARDED}'s order; null if none. */
    private String forwarded() {
        return first(JsonField.FORWARDED);
    }

    /** The first of {@code fields} the line holds a value for (not empty, not "-"), or null. */
    private String first(JsonField[] fields) {
        for (JsonField f : fields) {
            String v = values.get(f);
            if (!blank(v)) {
                return v;
            }
        }
        return null;
    }

    /**
     * The target of a line with no request line or {@code $request_uri}: nginx's {@code $uri} and,
     * when not empty, '?' and {@code $args}, as the client sent them; null when the line has no path.
     */
    private String pathAndArgs() {
        String path = values.get(JsonField.PATH);
        String args = values.get(JsonField.ARGS);
        return path == null || blank(args) ? path : path + "?" + args;
    }

    private HttpHit hit(Instant when, List<IpKey> via, IpKey client, int status) {
        String method = values.get(JsonField.METHOD);
        String uri = values.get(JsonField.URI);
        String proto = values.get(JsonField.PROTOCOL);
        boolean malformed = false;
        String line = values.get(JsonField.REQUEST_LINE);
        if (line != null && (method == null || uri == null)) {
            byte[] lb = line.getBytes(StandardCharsets.UTF_8);
            RequestLine r = RequestLine.split(lb, 0, lb.length, text);
            method = r.method();
            uri = r.target();
            proto = r.protocol();
            malformed = r.malformed();
        } else {
            // as RequestLine reads a request line: no method, a space or control byte in the target, or the
            // protocol nginx logs empty for HTTP/0.9
            malformed = method == null
                    || method.isEmpty()
                    || (uri != null && hasBadChar(uri))
                    || (proto != null && blank(proto));
        }
        if (uri == null) {
            uri = pathAndArgs();
        }
        return new HttpHit(
                source,
                when,
                via,
                client,
                shared.of(nz(method)),
                shared.of(nz(uri)),
                shared.of(nz(proto)),
                status,
                Math.max(0, JsonTime.longOf(values.get(JsonField.SIZE), 0)),
                shared.of(nz(values.get(JsonField.REFERER))),
                shared.of(nz(values.get(JsonField.USER_AGENT))),
                shared.of(site()),
                malformed);
    }

    /** The site, the first of {@link JsonField#VHOSTS} the line holds, without its port ({@link Site}), or "". */
    private String site() {
        String v = first(JsonField.VHOSTS);
        return v == null ? "" : Site.of(v);
    }

    private static boolean hasBadChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty() || s.equals("-");
    }

    private static String nz(String s) {
        return s == null || s.equals("-") ? "" : s;
    }
}
