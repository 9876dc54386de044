package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Failed logins spread over a long window, below the rate of the brute-force rule of the same kind
 * (which fires instead). Failures that came at the brute-force rate are not counted: a burst that is
 * over stays brute force's (ended), rather than turning into a day of "slow guessing" by the same
 * failures.
 */
abstract class SlowGuessRule implements Rule {

    private final String id;
    final int threshold;
    final int seconds;
    /** The window as findings carry it (made once: a flagged IP is judged after each of its events). */
    private final Duration window;

    SlowGuessRule(String id, int threshold, int seconds) {
        this.id = id;
        this.threshold = threshold;
        this.seconds = seconds;
        this.window = Duration.ofSeconds(seconds);
    }

    /** Every failure in the long window; null when the IP never failed so. */
    abstract WindowCounter failures(IpTrack t);

    /** Of {@link #failures}, those that did not come at the brute-force rate. */
    abstract long slowOnly(IpTrack t, long sec);

    /** Whether the brute-force rule of the same kind fires now (this one then does not). */
    abstract boolean fast(IpTrack t, long sec);

    abstract String reason(long n);

    abstract List<String> evidence(IpTrack t);

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final long quietAt(IpTrack t, long sec) {
        WindowCounter c = failures(t);
        return c == null ? UNKNOWN : c.belowAt(threshold, sec);
    }

    @Override
    public final boolean counts(IpTrack t, Instant now) {
        WindowCounter c = failures(t);
        return c != null && c.sum(now.getEpochSecond()) > 0;
    }

    @Override
    public final Finding evaluate(IpTrack t, Instant now) {
        if (failures(t) == null) {
            return null;
        }
        long sec = now.getEpochSecond();
        long n = slowOnly(t, sec);
        if (n < threshold || fast(t, sec)) {
            return null;
        }
        return new Finding(
                id, Severity.MEDIUM, t.subject(), reason(n), n, threshold, window, t.since(id, now), evidence(t));
    }
}
