package dev.nethergaze.detect;

import java.util.List;

/** Failed SSH logins spread over a long window, below the brute-force rate ({@link SlowGuessRule}). */
final class SshSlowGuessRule extends SlowGuessRule {

    static final String ID = "ssh_slow_guess";

    private final int fastThreshold;

    SshSlowGuessRule(DetectSettings s) {
        super(ID, s.ssh().slowFailures(), s.ssh().slowWindowSeconds());
        this.fastThreshold = s.ssh().failures();
    }

    @Override
    WindowCounter failures(IpTrack t) {
        return t.auth == null ? null : t.auth.slowFailures;
    }

    @Override
    long slowOnly(IpTrack t, long sec) {
        return t.auth.slowOnly(sec);
    }

    @Override
    boolean fast(IpTrack t, long sec) {
        return t.auth.failures.sum(sec) >= fastThreshold;
    }

    @Override
    String reason(long n) {
        return n + " failed SSH logins in " + seconds + " s, below the brute-force rate (threshold " + threshold + ")";
    }

    @Override
    List<String> evidence(IpTrack t) {
        return t.auth.lines.toList(AuthTrack::line);
    }
}
