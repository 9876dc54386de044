package dev.nethergaze.store;

import java.time.Instant;
import java.util.List;

/**
 * A host-wide finding that ended, as filed: which host and session saw it, the rule, its peak (the
 * reason and evidence at the highest observed value) and when it began and ended.
 */
public record HostEpisode(
        String host,
        long session,
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
}
