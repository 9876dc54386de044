package dev.nethergaze.store;

import java.time.Instant;

/**
 * One row of {@code history top} or {@code history recurring}. For {@code top} the counters cover
 * the sessions in the asked period only; for {@code recurring} they are lifetime totals.
 */
public record IpSummary(
        String ip,
        long sessions,
        Instant firstSeen,
        Instant lastSeen,
        long requests,
        long authFailures,
        long flagged,
        String country,
        String asOrg) {}
