package dev.nethergaze.model;

import java.time.Instant;

/** One SSH authentication event from auth.log/secure/journald (or the demo). {@code user} may be "". */
public record AuthAttempt(String source, Instant time, IpKey ip, String user, AuthKind kind, String line)
        implements SourceEvent {

    public AuthAttempt {
        if (ip == null || time == null || kind == null) {
            throw new IllegalArgumentException("auth attempt needs time, ip and kind");
        }
    }
}
