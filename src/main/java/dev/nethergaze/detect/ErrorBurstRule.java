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
    /** The window as findings carry it (made once: a flagged IP is judged after each of its events). */
    private final Duration window;

    ErrorBurstRule(DetectSettings s) {
        this.min = s.http().errorMin();
        this.percent = s.http().errorPercent();
        this.seconds = s.http().errorSeconds();
        this.window = Duration.ofSeconds(this.seconds);
    }

    @Override
    public String id() {
        return ID;
    }

    private boolean fires(long errors, long total) {
        return errors >= min && total > 0 && errors * 100 >= (long) percent * total;
    }

    /**
     * When too few errors are left in the window, or sooner when, as old answers leave it, the errors
     * stop being the share it asks for (both windows have the same buckets: checked as each leaves).
     */
    @Override
    public long quietAt(IpTrack t, long sec) {
        WindowCounter errors = t.http.errors();
        WindowCounter total = t.http.total;
        if (errors == null) {
            return UNKNOWN;
        }
        long end = errors.belowAt(min, sec);
        for (long s = total.nextStep(sec); s < end; s = total.nextStep(s)) {
            if (!fires(errors.sumAt(s), total.sumAt(s))) {
                return s;
            }
        }
        return end;
    }

    /** Its errors make the prefix's burst; its other answers only dilute it. */
    @Override
    public boolean counts(IpTrack t, Instant now) {
        return t.http != null && t.http.errorsWithin(now.getEpochSecond()) > 0;
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.http == null) {
            return null;
        }
        long sec = now.getEpochSecond();
        long errors = t.http.errorsWithin(sec);
        long total = t.http.total.sum(sec);
        if (!fires(errors, total)) {
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
                window,
                t.since(ID, now),
                t.http.errorEvidence(t.subject()));
    }
}
