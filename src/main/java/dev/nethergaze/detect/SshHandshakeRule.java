package dev.nethergaze.detect;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.Severity;

/**
 * Connections to sshd that never reach authentication because the handshake fails, per brute-force
 * window (default 5 in 10 minutes): an HTTP request or other non-SSH banner sent to port 22, no key
 * exchange or host key in common ("Unable to negotiate"), the connection dropped inside the key
 * exchange. One is a stray client; a run of them is a scanner or an old bot whose algorithms a modern
 * sshd refuses, which no failed-login rule sees (as CrowdSec's ssh-bad-keyexchange-bf scenario).
 */
final class SshHandshakeRule extends SshCountRule {

    static final String ID = "ssh_handshake";

    SshHandshakeRule(DetectSettings s) {
        super(ID, Severity.MEDIUM, s.ssh().handshakeFailures(), s);
    }

    @Override
    WindowCounter counter(AuthTrack a) {
        return a.handshakes;
    }

    @Override
    EvidenceRing<AuthAttempt> evidence(AuthTrack a) {
        return a.handshakeLines;
    }

    @Override
    String reason(long n, AuthTrack a) {
        return n + " failed SSH handshakes in " + seconds + " s (threshold " + threshold
                + "): not an SSH client, or no key exchange in common";
    }
}
