package dev.nethergaze.model;

import java.time.Instant;

/**
 * One SSH authentication event from auth.log/secure/journald (or the demo). {@code user} may be "".
 * {@code guessing} is null except on an accepted login for a user that other IPs were guessing (see
 * {@link UserGuessing}).
 */
public record AuthAttempt(
        String source, Instant time, IpKey ip, String user, AuthKind kind, String line, UserGuessing guessing)
        implements SourceEvent {

    public AuthAttempt {
        if (ip == null || time == null || kind == null) {
            throw new IllegalArgumentException("auth attempt needs time, ip and kind");
        }
    }

    /** An event as a source reads it, before any host-wide judgement. */
    public AuthAttempt(String source, Instant time, IpKey ip, String user, AuthKind kind, String line) {
        this(source, time, ip, user, kind, line, null);
    }

    /** This event stamped {@code t} instead (a live line stamped ahead of this host's clock). */
    public AuthAttempt withTime(Instant t) {
        return new AuthAttempt(source, t, ip, user, kind, line, guessing);
    }

    /** This event with what the host knew of the guessing of its user. */
    public AuthAttempt withGuessing(UserGuessing g) {
        return new AuthAttempt(source, time, ip, user, kind, line, g);
    }
}
