package dev.nethergaze.model;

import java.time.Instant;

/**
 * A request as shown in snapshots (recent requests per IP). {@code vhost} is the site it was made to,
 * when the log names one (Apache's vhost_combined {@code %v:%p}, Caddy's and Traefik's host, an nginx
 * format's {@code $host} or {@code $server_name}), else "". {@code source} is the log file it was read from (the followed path,
 * also when a rotated file was read under it), or the name of the source that made it.
 */
public record RequestView(
        Instant time,
        String method,
        String target,
        int status,
        long bytes,
        String userAgent,
        boolean malformed,
        String vhost,
        String source) {

    /**
     * The most characters of a method, target or user agent a kept request holds; longer ones are
     * cut there and end with {@code …}. Detection sees the whole line; what is kept per IP for
     * display is bounded, so many IPs sending 8 KB URLs cannot grow the engine without limit.
     */
    public static final int MAX_TEXT = 1024;

    public static RequestView of(HttpHit h) {
        return new RequestView(
                h.time(),
                kept(h.method()),
                kept(h.target()),
                h.status(),
                h.bytes(),
                kept(h.userAgent()),
                h.malformedRequest(),
                kept(h.vhost()),
                h.source());
    }

    /** {@code s} (null stays null), or its first {@link #MAX_TEXT} characters and {@code …} when longer. */
    public static String kept(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
