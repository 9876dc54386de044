package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;

/** Failed SSH logins per window, fail2ban style (default 5 in 10 minutes). */
final class SshBruteForceRule implements Rule {

    static final String ID = "ssh_bruteforce";

    private final int threshold;
    private final int seconds;

    SshBruteForceRule(DetectSettings s) {
        this.threshold = s.ssh().failures();
        this.seconds = s.ssh().windowSeconds();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public long quietAt(IpTrack t, long sec) {
        return t.auth.failures.belowAt(threshold, sec);
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.auth == null) {
            return null;
        }
        long n = t.auth.failures.sum(now.getEpochSecond());
        if (n < threshold) {
            return null;
        }
        String reason = n + " failed SSH logins in " + seconds + " s (threshold " + threshold + ")"
                + (t.auth.accepted > 0 ? "; " + t.auth.accepted + " accepted" : "");
        return new Finding(
                ID,
                Severity.HIGH,
                t.subject(),
                reason,
                n,
                threshold,
                Duration.ofSeconds(seconds),
                t.since(ID, now),
                t.auth.lines.toList(AuthTrack::line));
    }
}
