package dev.nethergaze.model;

import java.time.Instant;

/** A request as shown in snapshots (recent requests per IP). */
public record RequestView(
        Instant time, String method, String target, int status, long bytes, String userAgent, boolean malformed) {

    public static RequestView of(HttpHit h) {
        return new RequestView(
                h.time(), h.method(), h.target(), h.status(), h.bytes(), h.userAgent(), h.malformedRequest());
    }
}
