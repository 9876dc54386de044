package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;

/**
 * One access-log entry. {@code client} is the address the request is attributed to: the TCP peer
 * that wrote to the web server, or a forwarded address when the peer is a trusted proxy. {@code via}
 * lists the trusted proxies the request came through, nearest the server first: the TCP peer, then
 * the trusted hops of its forwarded chain between it and the client; empty when the peer is the
 * client. {@link #peer()} is the first of them, or the client: no field of its own (one more field
 * would make each hit 8 bytes bigger).
 * {@code malformedRequest} marks scanner junk (TLS bytes, "-", no method) that still
 * carries an address, status and size. Missing numbers are -1; missing strings are "". {@link
 * #loginSpray}, set by the host-wide judge of web logins, is how many IPs had just tried this host's
 * login pages and failed when this request did (0: none, or not a login attempt), {@link
 * #slowLoginSpray} the same over the long window. All are kept in {@code marks} (bit 0 malformed, then
 * 13 bits for each count), one int where a boolean was: a hit is the most
 * numerous object of a replay, and one more field made each 8 bytes bigger (1M-line replay: +14 MiB).
 */
public record HttpHit(
        String source,
        Instant time,
        List<IpKey> via,
        IpKey client,
        String method,
        String target,
        String protocol,
        int status,
        long bytes,
        String referer,
        String userAgent,
        String vhost,
        int marks)
        implements SourceEvent {

    private static final int SPRAY_BITS = 13;
    private static final int SPRAY_MASK = (1 << SPRAY_BITS) - 1;

    public HttpHit {
        if (client == null || via == null || time == null) {
            throw new IllegalArgumentException("hit needs time, via and client");
        }
        via = List.copyOf(via); // the same list when already unmodifiable: none copied per hit
    }

    /**
     * A hit as a log line gives it (no host-wide judgement yet), from TCP peer {@code peer}: via it
     * when it is not the client.
     */
    public HttpHit(
            String source,
            Instant time,
            IpKey peer,
            IpKey client,
            String method,
            String target,
            String protocol,
            int status,
            long bytes,
            String referer,
            String userAgent,
            String vhost,
            boolean malformedRequest) {
        this(
                source,
                time,
                peer.equals(client) ? List.of() : List.of(peer),
                client,
                method,
                target,
                protocol,
                status,
                bytes,
                referer,
                userAgent,
                vhost,
                malformedRequest);
    }

    /** A hit as a log line gives it (no host-wide judgement yet), through the trusted proxies {@code via}. */
    public HttpHit(
            String source,
            Instant time,
            List<IpKey> via,
            IpKey client,
            String method,
            String target,
            String protocol,
            int status,
            long bytes,
            String referer,
            String userAgent,
            String vhost,
            boolean malformedRequest) {
        this(
                source,
                time,
                via,
                client,
                method,
                target,
                protocol,
                status,
                bytes,
                referer,
                userAgent,
                vhost,
                malformedRequest ? 1 : 0);
    }

    /** The TCP peer that wrote to the web server: the nearest proxy, or the client itself. */
    public IpKey peer() {
        return via.isEmpty() ? client : via.getFirst();
    }

    /** Scanner junk (TLS bytes, "-", no method) that still carries an address, status and size. */
    public boolean malformedRequest() {
        return (marks & 1) != 0;
    }

    /** How many IPs were failing to log in to this host's web pages when this request was made (0: none). */
    public int loginSpray() {
        return (marks >>> 1) & SPRAY_MASK;
    }

    /**
     * How many IPs had failed to log in to this host's web pages within the long window ({@code
     * detect.http.slow_login_window_seconds}) when this request was made, while no fast guess was on
     * (0: none).
     */
    public int slowLoginSpray() {
        return (marks >>> (1 + SPRAY_BITS)) & SPRAY_MASK;
    }

    /**
     * This hit, made while {@code ips} IPs were failing to log in to this host's web pages, or {@code
     * slowIps} within the long window (each at most {@value #SPRAY_MASK}).
     */
    public HttpHit withLoginSpray(int ips, int slowIps) {
        return new HttpHit(
                source,
                time,
                via,
                client,
                method,
                target,
                protocol,
                status,
                bytes,
                referer,
                userAgent,
                vhost,
                (marks & 1) | Math.min(ips, SPRAY_MASK) << 1 | Math.min(slowIps, SPRAY_MASK) << (1 + SPRAY_BITS));
    }

    /** This hit stamped {@code t} instead (a live line stamped ahead of this host's clock). */
    public HttpHit withTime(Instant t) {
        return new HttpHit(
                source, t, via, client, method, target, protocol, status, bytes, referer, userAgent, vhost, marks);
    }

    /** Its own texts (shared strings counted as if not shared) plus the record and its keys. */
    @Override
    public long weight() {
        return 160L + len(method) + len(target) + len(protocol) + len(referer) + len(userAgent) + len(vhost);
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    /** Status class key: "2xx".."5xx", "1xx", or "other" for 0/-1/out of range. */
    public String statusClass() {
        return StatusClass.of(status);
    }
}
