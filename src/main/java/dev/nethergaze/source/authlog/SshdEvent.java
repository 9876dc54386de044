package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthKind;

/**
 * What one sshd message says, before per-connection bookkeeping. {@code kind} is null for a context
 * line that only ties the pid to a host ("Connection from H port P"). {@code host} is the text as
 * logged (an address, sometimes a name) or null when the line names none. {@code invalidUser} marks
 * attempts on a user name that does not exist; {@code repeat} is how many times it happened: N for
 * "message repeated N times", and for "PAM N more authentication failures" the N failures it reports.
 * {@code step}: where the line stands in its connection (opened, closed, a PAM failure that waits
 * for its "Failed" line). {@code tries}: the tries a Dropbear exit line says its connection made
 * ("(user 'U', N fails)"), 0 for every other line.
 */
record SshdEvent(AuthKind kind, String host, String user, boolean invalidUser, int repeat, Step step, int tries) {

    /**
     * The longest user name kept: sshd logs it so ("Invalid user %.100s", "Failed password for invalid
     * user %.100s") but more of it where a connection ends, and one user is one name on every line.
     */
    static final int MAX_USER = 100;

    SshdEvent {
        if (user != null && user.length() > MAX_USER) {
            int end = Character.isHighSurrogate(user.charAt(MAX_USER - 1)) ? MAX_USER - 1 : MAX_USER;
            user = user.substring(0, end);
        }
    }

    /** Where a line stands in its connection. */
    enum Step {
        NONE,
        /** "Connection from H port P": what the pid did before was another connection's (pids are reused). */
        OPENS,
        /** "Connection closed by H" after a session, or the like: the connection ended. */
        CLOSES,
        /**
         * "pam_unix(sshd:auth): authentication failure; ... rhost=H": a failed attempt that sshd
         * usually logs again as "Failed password"; counted only when it does not.
         */
        PAM_FAILURE,
        /**
         * The same line ending in "[preauth]" (fail2ban gh-2070): right after a waiting PAM failure of
         * the pid for the same host and user, that attempt logged again, not another one.
         */
        PAM_ECHO,
        /**
         * "PAM N more authentication failures; ... rhost=H", logged by pam_unix when a connection with
         * more than one failure ends (it logs the first in full, the others only so): N failed passwords,
         * each also logged by sshd as "Failed password" but for a PAM-only connection.
         */
        PAM_MORE,
        /**
         * "Received disconnect from H port P:11: … [preauth]": the client ended the connection; sshd then
         * logs "Disconnected from … H port P [preauth]" for the same end.
         */
        DISCONNECT_RECEIVED,
        /**
         * sshd's own "error: PAM: Authentication failure for [illegal user ]U from H": one attempt that
         * failed in its PAM process, whose pam_unix line (if any) another pid logged before it.
         */
        PAM_ERROR,
        /**
         * "Failed keyboard-interactive/pam for U from H port P": the attempt of the pid's latest {@link
         * #PAM_ERROR} line not followed by one yet, else an attempt of its own.
         */
        KBDINT_FAILED,
        /**
         * "Disconnecting[ …]: Too many authentication failures": sshd ended the connection at
         * MaxAuthTries, before authentication. One preauth disconnect; a later preauth disconnect of the
         * pid naming the same host (and port, when both name one) is that same end.
         */
        MAX_TRIES_END
    }

    SshdEvent withStep(Step s) {
        return new SshdEvent(kind, host, user, invalidUser, repeat, s, tries);
    }

    SshdEvent withRepeat(int n) {
        return new SshdEvent(kind, host, user, invalidUser, n, step, tries);
    }

    /** This event with {@code k} for its kind. */
    SshdEvent withKind(AuthKind k) {
        return new SshdEvent(k, host, user, invalidUser, repeat, step, tries);
    }

    boolean opens() {
        return step == Step.OPENS;
    }

    static SshdEvent context(String host) {
        return new SshdEvent(null, host, "", false, 1, Step.NONE, 0);
    }

    /** "Connection from H port P": a new connection of the pid. */
    static SshdEvent opened(String host) {
        return new SshdEvent(null, host, "", false, 1, Step.OPENS, 0);
    }

    /** "Connection closed by H" (not before authentication): the pid's connection ended. */
    static SshdEvent closed(String host) {
        return new SshdEvent(null, host, "", false, 1, Step.CLOSES, 0);
    }

    /** A PAM authentication failure from {@code host} for {@code user} ("" when it names none). */
    static SshdEvent pamFailure(String host, String user, boolean preauth) {
        return new SshdEvent(null, host, user, false, 1, preauth ? Step.PAM_ECHO : Step.PAM_FAILURE, 0);
    }

    /** "PAM N more authentication failures" from {@code host} for {@code user} (see {@link Step#PAM_MORE}). */
    static SshdEvent pamMore(String host, String user, int n) {
        return new SshdEvent(AuthKind.FAILED_PASSWORD, host, user, false, n, Step.PAM_MORE, 0);
    }

    /** "Received disconnect from H port P: … [preauth]" (see {@link Step#DISCONNECT_RECEIVED}). */
    static SshdEvent disconnectReceived(String host) {
        return new SshdEvent(AuthKind.PREAUTH_DISCONNECT, host, "", false, 1, Step.DISCONNECT_RECEIVED, 0);
    }

    /**
     * A Dropbear "Exit before auth …: (user 'U', N fails): …" line: {@code kind} of {@code host}, after
     * {@code tries} tries of {@code user} (see {@link AttemptTracker}: an invalid user's tries, which
     * Dropbear logs no line for, are counted from it).
     */
    static SshdEvent exit(AuthKind kind, String host, String user, boolean invalid, int tries) {
        return new SshdEvent(kind, host, user == null ? "" : user, invalid, 1, Step.NONE, tries);
    }

    static SshdEvent of(AuthKind kind, String host, String user, boolean invalid) {
        return new SshdEvent(kind, host, user == null ? "" : user, invalid, 1, Step.NONE, 0);
    }
}
