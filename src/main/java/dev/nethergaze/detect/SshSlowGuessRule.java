package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;

/**
 * Failed SSH logins spread over a long window, below the brute-force rate (it fires instead of it).
 * Failures that came at the brute-force rate are not counted: a burst that is over stays brute
 * force's (ended), rather than turning into a day of "slow guessing" by the same failures.
 */
final class SshSlowGuessRule implements Rule {

    static final String ID = "ssh_slow_guess";

    private final int threshold;
    private final int seconds;
    /** The window as findings carry it (made once: a flagged IP is judged after each of its events). */
    private final Duration window;

    private final int fastThreshold;

    SshSlowGuessRule(DetectSettings s) {
        this.threshold = s.ssh().slowFailures();
        this.seconds = s.ssh().slowWindowSeconds();
        this.window = Duration.ofSeconds(this.seconds);
        this.fastThreshold = s.ssh().failures();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public long quietAt(IpTrack t, long sec) {
        return t.auth.slowFailures.belowAt(threshold, sec);
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.auth == null) {
            return null;
        }
        long sec = now.getEpochSecond();
        long n = t.auth.slowOnly(sec);
        if (n < threshold || t.auth.failures.sum(sec) >= fastThreshold) {
            return null;
        }
        String reason =
                n + " failed SSH logins in " + seconds + " s, below the brute-force rate (threshold " + threshold + ")";
        return new Finding(
                ID,
                Severity.MEDIUM,
                t.subject(),
                reason,
                n,
                threshold,
                window,
                t.since(ID, now),
                t.auth.lines.toList(AuthTrack::line));
    }
}
