package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthKind;

/**
 * What one sshd message says, before per-connection bookkeeping. {@code kind} is null for a context
 * line that only ties the pid to a host ("Connection from H port P"). {@code host} is the text as
 * logged (an address, sometimes a name) or null when the line names none. {@code invalidUser} marks
 * attempts on a user name that does not exist; {@code repeat} is N for "message repeated N times".
 * {@code opens}: the line starts a connection ("Connection from"), so what the pid did before was
 * another's (pids are reused).
 */
record SshdEvent(AuthKind kind, String host, String user, boolean invalidUser, int repeat, boolean opens) {

    SshdEvent withRepeat(int n) {
        return new SshdEvent(kind, host, user, invalidUser, n, opens);
    }

    static SshdEvent context(String host) {
        return new SshdEvent(null, host, "", false, 1, false);
    }

    /** "Connection from H port P": a new connection of the pid. */
    static SshdEvent opened(String host) {
        return new SshdEvent(null, host, "", false, 1, true);
    }

    static SshdEvent of(AuthKind kind, String host, String user, boolean invalid) {
        return new SshdEvent(kind, host, user == null ? "" : user, invalid, 1, false);
    }
}
