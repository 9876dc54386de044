package dev.nethergaze.enrich;

/**
 * Counters for the status line and tests.
 *
 * @param inFlight lookups running now
 * @param maxInFlight most lookups ever running at once
 * @param queued whois requests waiting
 * @param dropped requests dropped by the bounded queue
 * @param answered whois answers emitted (network or cache)
 * @param failed whois lookups that failed
 * @param geoAnswered geo answers emitted
 */
public record EnrichStats(
        int inFlight, int maxInFlight, int queued, long dropped, long answered, long failed, long geoAnswered) {}
