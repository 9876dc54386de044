package dev.nethergaze.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Why an IP (or a prefix, or the host) looks wrong: the rule that fired, how bad, a human sentence
 * with the numbers, the observed value against the threshold over the window, and the evidence
 * (log lines or connection rows) that triggered it. {@code subject} is the IP or prefix text, or
 * "host" for host-wide findings. The evidence may be {@link DeferredLines}: made when first read.
 */
public record Finding(
        String rule,
        Severity severity,
        String subject,
        String reason,
        double observed,
        double threshold,
        Duration window,
        Instant since,
        List<String> evidence) {

    public Finding {
        // deferred lines are immutable already, and copying them would make them now
        evidence = evidence instanceof DeferredLines ? evidence : List.copyOf(evidence);
    }
}
