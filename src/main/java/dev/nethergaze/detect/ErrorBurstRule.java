package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;

/** Many 4xx/5xx answers that are also most of the IP's answers: probing for what exists. */
final class ErrorBurstRule implements Rule {

    static final String ID = "error_burst";

    private final int min;
    private final int percent;
    private final int seconds;

    ErrorBurstRule(DetectSettings s) {
        this.min = s.http().errorMin();
        this.percent = s.http().errorPercent();
        this.seconds = s.http().errorSeconds();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.http == null) {
            return null;
        }
        long sec = now.getEpochSecond();
        long errors = t.http.errorsWithin(sec);
        long total = t.http.total.sum(sec);
        if (errors < min || total == 0 || errors * 100 < (long) percent * total) {
            return null;
        }
        long share = errors * 100 / total;
        String reason = errors + " of " + total + " responses in " + seconds + " s were 4xx/5xx (" + share
                + "%; threshold " + min + " and " + percent + "%)";
        return new Finding(
                ID,
                Severity.LOW,
                t.subject(),
                reason,
                errors,
                min,
                Duration.ofSeconds(seconds),
                t.since(ID, now),
                t.http.errorEvidence(t.subject()));
    }
}
