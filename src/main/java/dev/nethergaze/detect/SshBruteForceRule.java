package dev.nethergaze.detect;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.Severity;

/** Failed SSH logins per window, fail2ban style (default 5 in 10 minutes). */
final class SshBruteForceRule extends SshCountRule {

    static final String ID = "ssh_bruteforce";

    SshBruteForceRule(DetectSettings s) {
        super(ID, Severity.HIGH, s.ssh().failures(), s);
    }

    @Override
    WindowCounter counter(AuthTrack a) {
        return a.failures;
    }

    @Override
    EvidenceRing<AuthAttempt> evidence(AuthTrack a) {
        return a.lines;
    }

    @Override
    boolean reasonIsTheCounts(IpTrack t) {
        return t.auth.accepted == 0;
    }

    @Override
    String reason(long n, AuthTrack a) {
        return n + " failed SSH logins in " + seconds + " s (threshold " + threshold + ")"
                + (a.accepted > 0 ? "; " + a.accepted + " accepted" : "");
    }
}
