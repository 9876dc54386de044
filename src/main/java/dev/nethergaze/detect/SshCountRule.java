package dev.nethergaze.detect;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.Severity;
import java.util.List;

/**
 * An SSH rule that fires when one of an IP's counts over the brute-force window reaches its threshold,
 * with the attempts it counted as evidence.
 */
abstract class SshCountRule extends WindowCountRule {

    SshCountRule(String id, Severity severity, int threshold, DetectSettings s) {
        super(id, severity, threshold, s.ssh().windowSeconds());
    }

    /** The window this rule counts; null when the IP never had such an event. */
    abstract WindowCounter counter(AuthTrack a);

    /** The latest attempts the counter counted. */
    abstract EvidenceRing<AuthAttempt> evidence(AuthTrack a);

    /** The finding's sentence for {@code n} in the window. */
    abstract String reason(long n, AuthTrack a);

    @Override
    final WindowCounter counter(IpTrack t) {
        return t.auth == null ? null : counter(t.auth);
    }

    @Override
    final List<String> evidence(IpTrack t) {
        return evidence(t.auth).toList(AuthTrack::line);
    }

    @Override
    final String reason(long n, IpTrack t) {
        return reason(n, t.auth);
    }
}
