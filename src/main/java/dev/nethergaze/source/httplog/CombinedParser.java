package dev.nethergaze.source.httplog;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.source.httplog.ParseResult.Malformed;
import dev.nethergaze.source.httplog.ParseResult.Reason;
import dev.nethergaze.source.tail.ByteScan;
import java.time.Instant;

/**
 * Byte-level parser of the NCSA combined and common formats, as nginx and Apache write them:
 *
 * <pre>host ident user [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 2326 "referer" "user agent"</pre>
 *
 * Common format is the same without referer and user agent. Also accepted: a leading virtual host
 * ({@code vhost:port host ...}, Apache's vhost_combined), a user name with spaces (the Basic-auth user
 * the client sent, logged as it is), extra trailing fields (nginx "main" and
 * Traefik append more), a bracketed IPv6 host, {@code \"} escapes inside quoted fields. A request
 * that is {@code "-"}, raw bytes ({@code \x16\x03...}: TLS or RDP sent to a plain-HTTP port) or has no
 * method and target is still a hit, flagged {@code malformedRequest}, with the raw request as its
 * target. Status {@code -} is -1; size {@code -} is 0; referer and user agent {@code -} are "".
 * No regular expressions; one instance per source thread (it caches, it is not thread-safe).
 */
public final class CombinedParser implements AccessLineParser {

    /**
     * Tokens before the time at most: host ident user, a vhost before them, and a user name of a few
     * words (nginx and Apache log the Basic-auth user a client sends as it is, spaces and all).
     */
    private static final int MAX_PREFIX_TOKENS = 8;

    private static final byte QUOTE = '"';
    private static final byte BACKSLASH = '\\';
    private static final int MAX_METHOD = 20;

    private final String source;
    private final ClientResolver resolver;
    private final ClfTime time = new ClfTime();
    private final ByteText text = new ByteText();
    /** One shared key per address seen recently: a busy client's hits share it (65,536 slots). */
    private final SharedValues<IpKey> keys = new SharedValues<>(1 << 16);

    private final ProxyHops hops = new ProxyHops();
    /** The first three tokens before the time: host ident user, or vhost host ident. */
    private final int[] tokStart = new int[3];

    private final int[] tokEnd = new int[3];

    /** @param source the source name hits carry */
    public CombinedParser(String source) {
        this(source, ClientResolver.DIRECT);
    }

    /**
     * @param resolver picks the client when the peer is a trusted proxy, from the first extra quoted
     *     field after the user agent (nginx "main": {@code "$http_x_forwarded_for"})
     */
    public CombinedParser(String source, ClientResolver resolver) {
        this.source = source;
        this.resolver = resolver;
    }

    @Override
    public ParseResult parse(byte[] b, int off, int len) {
        int end = off + len;
        int p = off;
        while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == 0)) { // NULs: a crash's, before the next line
            p++;
        }
        if (p == end) {
            return Malformed.of(Reason.EMPTY);
        }
        int n = 0;
        // the time is the bracketed one the request follows: one in a user name the client chose (a
        // Basic-auth name "x [01/Jan/2020:00:00:00 +0000]") is a word of that name, not the line's time
        Reason none = Reason.NO_PREFIX;
        int close; // the time's closing bracket, the request's ' "' after it
        while (true) {
            if (n >= 3 && b[p] == '[' && looksLikeTime(b, p + 1, end)) {
                close = closeBeforeRequest(b, p + 1, end);
                if (close >= 0) {
                    break;
                }
                none = Reason.BAD_REQUEST_FIELD; // a time with no request after it, unless a later one has
            }
            if (n == MAX_PREFIX_TOKENS) {
                return Malformed.of(none);
            }
            int s = p;
            while (p < end && b[p] != ' ') {
                p++;
            }
            if (p == s || p + 1 >= end) {
                return Malformed.of(none);
            }
            if (n < 3) {
                tokStart[n] = s;
                tokEnd[n] = p;
            }
            n++;
            p++;
        }
        Instant when = time.parse(b, p + 1, close - p - 1);
        if (when == null) {
            return Malformed.of(Reason.BAD_TIME);
        }
        int reqStart = close + 3;
        int reqEnd = closingQuote(b, reqStart, end);
        if (reqEnd < 0 || reqEnd + 1 >= end || b[reqEnd + 1] != ' ') {
            return Malformed.of(Reason.BAD_REQUEST_FIELD);
        }
        p = reqEnd + 2;
        int status = status(b, p, end);
        if (status == Integer.MIN_VALUE) {
            return Malformed.of(Reason.BAD_STATUS);
        }
        p += status < 0 ? 1 : 3;
        if (p + 1 >= end || b[p] != ' ') {
            return Malformed.of(Reason.BAD_BYTES);
        }
        p++;
        int bytesEnd = p;
        long bytes = 0;
        if (b[p] == '-') {
            bytesEnd = p + 1;
        } else {
            while (bytesEnd < end && b[bytesEnd] >= '0' && b[bytesEnd] <= '9' && bytesEnd - p < 18) {
                bytes = bytes * 10 + (b[bytesEnd++] - '0');
            }
            if (bytesEnd == p) {
                return Malformed.of(Reason.BAD_BYTES);
            }
        }
        // combined's second token is the ident, "-"; vhost_combined's is the client, never "-", and its
        // third the ident. More tokens than 3 or 4 are a user name with spaces, which the client chose.
        int hostIdx;
        if (n == 3 || dash(b, 1)) {
            hostIdx = 0;
        } else if (b[tokEnd[0] - 1] == ',') {
            return chained(b, n, reqStart, reqEnd, bytesEnd, end, when, status, bytes);
        } else if (n == 4 || dash(b, 2)) {
            hostIdx = 1;
        } else {
            return Malformed.of(Reason.NO_PREFIX); // e.g. docker compose's "web-1 | " before the line
        }
        int hs = tokStart[hostIdx];
        int hl = tokEnd[hostIdx] - hs;
        IpKey ip = ClientResolver.hostPort(b, hs, hs + hl); // also [2001:db8::1]:443 and 192.0.2.1:5123
        if (ip == null) {
            if (hostIdx == 0
                    && ByteScan.next(b, hs, hs + hl, (byte) ',') >= 0) { // "a,b - - [": a chain written without spaces
                return chained(b, n, reqStart, reqEnd, bytesEnd, end, when, status, bytes);
            }
            Reason why = ClientResolver.unreadable(b, hs, hs + hl);
            return why != null
                    ? Malformed.of(why)
                    : new ParseResult.UnresolvedHost(ByteText.decode(b, hs, hl), when, status);
        }
        ip = keys.of(ip);
        // "-": %{Host}i of a request with no Host header, no site
        String vhost = hostIdx == 1 && !dash(b, 0) ? text.site(b, tokStart[0], tokEnd[0] - tokStart[0]) : "";
        return hit(b, reqStart, reqEnd, bytesEnd, end, ip, when, status, bytes, vhost, false);
    }

    /**
     * A line whose client field is a forwarded chain ({@code 203.0.113.9, 10.0.0.2 - - [...]}): Apache's
     * recipe behind a load balancer logs {@code %{X-Forwarded-For}i} where {@code %h} was, and a request
     * that came through more than one proxy starts with a list. Read as a format naming that header
     * reads it ({@link ClientResolver#withoutPeer}): the right-most address that is not a trusted proxy,
     * the trusted ones to its right its {@code via}; no TCP peer, no vhost. The chain's words end with
     * commas but its last; the ident and user follow it. Seen only where a line is not combined's.
     */
    private ParseResult chained(
            byte[] b, int n, int reqStart, int reqEnd, int bytesEnd, int end, Instant when, int status, long bytes) {
        int s = tokStart[0];
        int words = 0;
        int chainEnd = s;
        for (int p = s; ; p = chainEnd + 1) {
            chainEnd = ByteScan.next(b, p, end, (byte) ' ');
            words++;
            if (chainEnd <= p || b[chainEnd - 1] != ',') {
                break;
            }
        }
        if (chainEnd <= s || n - words < 2) {
            return Malformed.of(Reason.NO_PREFIX);
        }
        IpKey client = resolver.withoutPeer(b, s, chainEnd - s, hops);
        if (client == null) {
            return Malformed.of(Reason.NO_CLIENT);
        }
        return hit(b, reqStart, reqEnd, bytesEnd, end, keys.of(client), when, status, bytes, "", true);
    }

    /** Whether prefix token {@code i} is "-". */
    private boolean dash(byte[] b, int i) {
        return tokEnd[i] - tokStart[i] == 1 && b[tokStart[i]] == '-';
    }

    private ParseResult hit(
            byte[] b,
            int reqStart,
            int reqEnd,
            int p,
            int end,
            IpKey ip,
            Instant when,
            int status,
            long bytes,
            String vhost,
            boolean chained) {
        String referer = "";
        String agent = "";
        IpKey client = ip;
        if (p + 1 < end && b[p] == ' ' && b[p + 1] == '"') {
            int refEnd = closingQuote(b, p + 2, end);
            if (refEnd < 0) { // unclosed: a line cut at the line cap inside its referer keeps what came
                referer = dash(b, p + 2, end);
            } else if (refEnd + 2 < end && b[refEnd + 1] == ' ' && b[refEnd + 2] == '"') {
                int uaEnd = closingQuote(b, refEnd + 3, end);
                referer = dash(b, p + 2, refEnd);
                // unclosed: cut inside the agent (a 70 KB "sqlmap AAAA…"), which is kept as far as it goes
                agent = dash(b, refEnd + 3, uaEnd > 0 ? uaEnd : end);
                if (uaEnd > 0 && !chained) {
                    client = forwarded(b, uaEnd + 1, end, ip);
                }
            }
        }
        RequestLine req = RequestLine.split(b, reqStart, reqEnd, text);
        return new ParseResult.Hit(new HttpHit(
                source,
                when,
                chained ? hops.via(client) : hops.via(ip, client),
                client,
                req.method(),
                req.target(),
                req.protocol(),
                status,
                bytes,
                referer,
                agent,
                vhost,
                req.malformed()));
    }

    /** The client from a quoted forwarded-for field right after the user agent, when the peer is trusted. */
    private IpKey forwarded(byte[] b, int p, int end, IpKey peer) {
        if (!resolver.looksAt(peer) || p + 2 >= end || b[p] != ' ' || b[p + 1] != '"') {
            return peer;
        }
        int close = closingQuote(b, p + 2, end);
        return close < 0 ? peer : resolver.resolve(peer, b, p + 2, close - p - 2, hops);
    }

    private String dash(byte[] b, int from, int to) {
        return to - from == 1 && b[from] == '-' ? "" : text.cached(b, from, to - from);
    }

    /**
     * The bracket closing the time that starts at {@code p} when the request's {@code  "} follows it,
     * else -1.
     */
    private static int closeBeforeRequest(byte[] b, int p, int end) {
        int close = ByteScan.next(b, p, end, (byte) ']');
        return close >= 0 && close + 2 < end && b[close + 1] == ' ' && b[close + 2] == QUOTE ? close : -1;
    }

    /** A time field starts with one or two digits and '/'; a bracketed IPv6 host never has '/'. */
    private static boolean looksLikeTime(byte[] b, int p, int end) {
        return p + 2 < end && isDigit(b[p]) && (b[p + 1] == '/' || (isDigit(b[p + 1]) && b[p + 2] == '/'));
    }

    /** Index of the quote closing a field that starts at {@code from}, skipping backslash escapes. */
    static int closingQuote(byte[] b, int from, int end) {
        for (int i = ByteScan.nextOf(b, from, end, QUOTE, BACKSLASH); i >= 0; ) {
            if (b[i] == QUOTE) {
                return i;
            }
            i = ByteScan.nextOf(b, i + 2, end, QUOTE, BACKSLASH); // on past the escaped byte
        }
        return -1;
    }

    /** Three digits, -1 for "-", or MIN_VALUE when neither. */
    private static int status(byte[] b, int p, int end) {
        if (p < end && b[p] == '-') {
            return -1;
        }
        if (p + 3 > end || !isDigit(b[p]) || !isDigit(b[p + 1]) || !isDigit(b[p + 2])) {
            return Integer.MIN_VALUE;
        }
        return (b[p] - '0') * 100 + (b[p + 1] - '0') * 10 + (b[p + 2] - '0');
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    static int maxMethod() {
        return MAX_METHOD;
    }
}
