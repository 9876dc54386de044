package dev.nethergaze.detect;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.IsoTime;
import java.time.Instant;
import java.util.List;

/** One IP's SSH authentication activity: failure windows, invalid user names and the raw lines. */
final class AuthTrack {

    private static final int MAX_USERS = 64;

    final WindowCounter failures;
    final WindowCounter slowFailures;
    /**
     * Of {@link #slowFailures}, those that came at the brute-force rate (its window's count at the
     * threshold with them): a burst is brute force's, not slow guessing's, once it is over; null until
     * one came.
     */
    WindowCounter burstFailures;

    final EvidenceRing<AuthAttempt> lines;
    final EvidenceRing<AuthAttempt> invalidLines;
    /** Invalid user name → when last tried; insertion order refreshed on each try. */
    final LastSeen<String> invalidUsers = new LastSeen<>(MAX_USERS);

    /** Failed handshakes (banner, key exchange) in the brute-force window; null until the first. */
    WindowCounter handshakes;

    EvidenceRing<AuthAttempt> handshakeLines;

    long accepted;
    /** When a login was last accepted from it; null before the first. */
    Instant lastAccepted;
    /** The latest login accepted while this IP's failures met a guessing rule; null until one was. */
    GuessedLogin guessedLogin;
    /**
     * The latest password login accepted from this IP, new to its user, while other IPs were guessing
     * that user's password (and this IP itself was not guessing); null until one was.
     */
    GuessedLogin distributedLogin;
    /** The spray rule's sentence, kept while the names' touches and count in its window stay the same. */
    String sprayReason;
    /** The names {@link #sprayReason} shows, unclipped. */
    List<String> sprayNames = List.of();

    long sprayTouches = -1;
    int sprayCount;

    private final DetectSettings settings;

    AuthTrack(DetectSettings s) {
        settings = s;
        failures = WindowCounter.covering(s.ssh().windowSeconds(), 20);
        slowFailures = WindowCounter.covering(s.ssh().slowWindowSeconds(), 24);
        lines = new EvidenceRing<>(s.evidenceItems());
        invalidLines = new EvidenceRing<>(s.evidenceItems());
    }

    @SuppressWarnings("ReferenceEquality") // after() hands back the very same object when it made none
    void attempt(AuthAttempt a) {
        long sec = a.time().getEpochSecond();
        if (a.kind() == AuthKind.ACCEPTED) {
            accepted++;
            lastAccepted = lastAccepted == null || a.time().isAfter(lastAccepted) ? a.time() : lastAccepted;
            GuessedLogin own = GuessedLogin.after(this, a, settings, guessedLogin);
            if (own == guessedLogin) { // its own failures did not make it a guess: did other IPs'?
                distributedLogin = GuessedLogin.distributed(a, settings, distributedLogin);
            }
            guessedLogin = own;
        } else if (a.kind() == AuthKind.NEGOTIATION_FAILURE) {
            if (handshakes == null) { // few IPs ever fail a handshake: no window for the others
                handshakes = WindowCounter.covering(settings.ssh().windowSeconds(), 20);
                handshakeLines = new EvidenceRing<>(settings.evidenceItems());
            }
            handshakes.add(sec);
            handshakeLines.add(a, AuthTrack::sameLine);
        }
        if (!a.kind().isFailure()) {
            return;
        }
        failures.add(sec);
        slowFailures.add(sec);
        if (failures.sum(sec) >= settings.ssh().failures()) {
            if (burstFailures == null) {
                burstFailures = WindowCounter.covering(settings.ssh().slowWindowSeconds(), 24);
            }
            burstFailures.add(sec);
        }
        lines.add(a, AuthTrack::sameLine);
        if (a.kind() == AuthKind.INVALID_USER && !a.user().isEmpty()) {
            invalidUsers.touch(a.user(), a.time());
            invalidLines.add(a, AuthTrack::sameLine);
        }
    }

    /**
     * The attempt's time and sshd message (as a request's evidence starts with its time: a brute force
     * read from logs repeats one message, and the times are what tell its pace), or a reconstruction
     * when the source gave no message.
     */
    static String line(AuthAttempt a) {
        return Evidence.clip(IsoTime.text(a.time()) + " "
                + (a.line().isEmpty() ? a.kind() + " " + a.user() + " from " + a.ip() : a.line()));
    }

    /**
     * Whether {@code b} is the line of {@code a} again: the events one repeated line stands for
     * (rsyslog's "message repeated N times: [ … ]", syslogd's "last message repeated N times"), or the
     * same sshd message in the same second.
     */
    static boolean sameLine(AuthAttempt a, AuthAttempt b) {
        return !a.line().isEmpty()
                && a.kind() == b.kind()
                && a.time().equals(b.time())
                && a.line().equals(b.line());
    }

    /** Failed logins in the slow window that did not come at the brute-force rate. */
    long slowOnly(long sec) {
        return slowFailures.sum(sec) - (burstFailures == null ? 0 : burstFailures.sum(sec));
    }

    /** Distinct invalid user names tried since {@code cutoff}. */
    int invalidUsersSince(Instant cutoff) {
        return invalidUsers.countSince(cutoff);
    }
}
