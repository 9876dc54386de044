package dev.nethergaze.model;

import java.time.Instant;

/** What earlier sessions recorded about an IP (from the history store). */
public record HistoryInfo(long sessions, Instant firstSeenEver, long requestsTotal, long flaggedTotal) {}
