package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A rule that fires while one of an IP's window counts is at or above its threshold, with the events
 * it counted as evidence, and ends when the count falls below it.
 */
abstract class WindowCountRule implements Rule {

    private final String id;
    private final Severity severity;
    final int threshold;
    final int seconds;
    /** The window as findings carry it (made once: a flagged IP is judged after each of its events). */
    private final Duration window;

    WindowCountRule(String id, Severity severity, int threshold, int seconds) {
        this.id = id;
        this.severity = severity;
        this.threshold = threshold;
        this.seconds = seconds;
        this.window = Duration.ofSeconds(this.seconds);
    }

    /** The window this rule counts; null when the IP never had such an event. */
    abstract WindowCounter counter(IpTrack t);

    /** The latest events the counter counted, as evidence lines. */
    abstract List<String> evidence(IpTrack t);

    /** The finding's sentence for {@code n} in the window. */
    abstract String reason(long n, IpTrack t);

    /**
     * Whether {@link #reason} says nothing of {@code t} but {@code n} (then one sentence per count
     * serves every IP: a flagged IP is judged after each of its events, and its sentence was made anew
     * each time).
     */
    boolean reasonIsTheCounts(IpTrack t) {
        return true;
    }

    /** The sentences for the counts up to {@link #REASONS} (made when first needed), where they are only that. */
    private static final int REASONS = 256;

    private final String[] reasons = new String[REASONS];

    private String reasonFor(long n, IpTrack t) {
        if (n >= REASONS || !reasonIsTheCounts(t)) {
            return reason(n, t);
        }
        String r = reasons[(int) n];
        if (r == null) {
            r = reason(n, t);
            reasons[(int) n] = r;
        }
        return r;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final long quietAt(IpTrack t, long sec) {
        WindowCounter c = counter(t);
        return c == null ? UNKNOWN : c.belowAt(threshold, sec);
    }

    @Override
    public final boolean counts(IpTrack t, Instant now) {
        WindowCounter c = counter(t);
        return c != null && c.sum(now.getEpochSecond()) > 0;
    }

    @Override
    public final Finding evaluate(IpTrack t, Instant now) {
        WindowCounter c = counter(t);
        if (c == null) {
            return null;
        }
        long n = c.sum(now.getEpochSecond());
        if (n < threshold) {
            return null;
        }
        return new Finding(
                id, severity, t.subject(), reasonFor(n, t), n, threshold, window, t.since(id, now), evidence(t));
    }
}
