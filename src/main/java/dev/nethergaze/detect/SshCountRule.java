package dev.nethergaze.detect;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;

/**
 * An SSH rule that fires when one of an IP's counts over the brute-force window reaches its threshold,
 * with the attempts it counted as evidence.
 */
abstract class SshCountRule implements Rule {

    private final String id;
    private final Severity severity;
    final int threshold;
    final int seconds;

    SshCountRule(String id, Severity severity, int threshold, DetectSettings s) {
        this.id = id;
        this.severity = severity;
        this.threshold = threshold;
        this.seconds = s.ssh().windowSeconds();
    }

    /** The window this rule counts; null when the IP never had such an event. */
    abstract WindowCounter counter(AuthTrack a);

    /** The latest attempts the counter counted. */
    abstract EvidenceRing<AuthAttempt> evidence(AuthTrack a);

    /** The finding's sentence for {@code n} in the window. */
    abstract String reason(long n, AuthTrack a);

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final long quietAt(IpTrack t, long sec) {
        return counter(t.auth).belowAt(threshold, sec);
    }

    @Override
    public final Finding evaluate(IpTrack t, Instant now) {
        WindowCounter c = t.auth == null ? null : counter(t.auth);
        if (c == null) {
            return null;
        }
        long n = c.sum(now.getEpochSecond());
        if (n < threshold) {
            return null;
        }
        return new Finding(
                id,
                severity,
                t.subject(),
                reason(n, t.auth),
                n,
                threshold,
                Duration.ofSeconds(seconds),
                t.since(id, now),
                evidence(t.auth).toList(AuthTrack::line));
    }
}
