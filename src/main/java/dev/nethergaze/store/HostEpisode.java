package dev.nethergaze.store;

import java.time.Instant;
import java.util.List;

/**
 * A host-wide finding that ended, as filed: which host and session saw it, the rule, its peak (the
 * reason and evidence at the highest observed value) and when it began and ended. Sessions that
 * watched the host at the same time (a console beside serve, one log replayed twice) each file it:
 * {@code sessions} of them saw this episode, {@code session} is the one that saw its peak.
 */
public record HostEpisode(
        String host,
        long session,
        int sessions,
        String rule,
        String subject,
        String severity,
        Instant since,
        Instant ended,
        double observed,
        double threshold,
        String reason,
        List<String> evidence) {

    public HostEpisode {
        evidence = List.copyOf(evidence);
    }

    /** The same finding on the same host, at overlapping times: one episode seen by several sessions. */
    boolean sameEpisode(HostEpisode o) {
        return host.equals(o.host)
                && rule.equals(o.rule)
                && subject.equals(o.subject)
                && !since.isAfter(o.ended)
                && !o.since.isAfter(ended);
    }

    /**
     * This episode and {@code o} (the same, {@link #sameEpisode}) as one: from the earlier start to the
     * later end, at the higher peak (its session, reason and evidence), seen by both's sessions.
     */
    HostEpisode merge(HostEpisode o) {
        HostEpisode peak = o.observed > observed ? o : this;
        return new HostEpisode(
                host,
                peak.session,
                sessions + o.sessions,
                rule,
                subject,
                peak.severity,
                since.isBefore(o.since) ? since : o.since,
                ended.isAfter(o.ended) ? ended : o.ended,
                peak.observed,
                peak.threshold,
                peak.reason,
                peak.evidence);
    }
}
