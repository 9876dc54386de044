package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthKind;
import java.time.Instant;

/** What {@link AttemptTracker} knows of one sshd pid's connection; the PAM fields are {@link PamWaits}'. */
final class PidState {
    String host;
    boolean invalidPending;
    AuthKind pending;
    /** A host-less handshake failure was counted (or is pending): the line naming the host repeats it. */
    boolean handshakeFailed;

    /** Invalid-user attempts counted on this connection (Dropbear's exit line says how many it made). */
    int invalidTries;

    /**
     * sshd's "PAM: Authentication failure" lines of this connection not followed yet by the "Failed
     * keyboard-interactive/pam" line of the same attempt (sshd logs none for a connection's first).
     */
    int pamErrors;

    /** A failed attempt of this connection was counted. */
    boolean failed;

    /** sshd logged a failure of this connection itself ("Failed password", "Failed publickey", …). */
    boolean sshdFailed;

    /** pam_unix logged a failure of this connection ("authentication failure; … rhost=H"). */
    boolean pamSeen;

    /** PAM failures waiting for their "Failed" line: how many, from where, for whom, since when. */
    int pam;

    String pamHost;
    String pamUser;
    boolean pamUsersDiffer;
    Instant pamAt;
    String pamLine;
    /** When the first of them was read, by the clock of {@link AttemptTracker#expire}; null when it was never called. */
    Instant pamRead;
    /** The latest of them was logged again ("… [preauth]"), and that echo was not counted. */
    boolean pamEchoed;

    /** Which of the connection's waits is under way: each begins one more ({@link PamWaits}). */
    int pamRound;

    /**
     * "H port P" of the "Received disconnect" that ended this pid's connection (null: none since it
     * opened, or it named no port): a preauth disconnect naming the same is that same end.
     */
    String endedAt;
}
