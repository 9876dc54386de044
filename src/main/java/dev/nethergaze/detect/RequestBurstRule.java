package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;

/** A request rate over a short sliding window that a person or a polite client does not reach. */
final class RequestBurstRule implements Rule {

    static final String ID = "request_burst";

    private final int threshold;
    private final int seconds;
    /** The window as findings carry it (made once: a flagged IP is judged after each of its events). */
    private final Duration window;

    RequestBurstRule(DetectSettings s) {
        this.threshold = s.http().burstRequests();
        this.seconds = s.http().burstSeconds();
        this.window = Duration.ofSeconds(this.seconds);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public long quietAt(IpTrack t, long sec) {
        return t.http.burst.belowAt(threshold, sec);
    }

    @Override
    public boolean counts(IpTrack t, Instant now) {
        return t.http != null && t.http.burst.sum(now.getEpochSecond()) > 0;
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.http == null) {
            return null;
        }
        long n = t.http.burst.sum(now.getEpochSecond());
        if (n < threshold) {
            return null;
        }
        String reason = n + " requests in " + seconds + " s (" + String.format("%.1f", n / (double) seconds)
                + "/s; threshold " + threshold + ")";
        return new Finding(
                ID,
                Severity.MEDIUM,
                t.subject(),
                reason,
                n,
                threshold,
                window,
                t.since(ID, now),
                t.http.recentEvidence(t.subject()));
    }
}
