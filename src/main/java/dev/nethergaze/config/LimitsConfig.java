package dev.nethergaze.config;

/**
 * The {@code [limits]} section: the caps that keep memory bounded.
 *
 * @param maxIps IPs tracked; the least recently seen are evicted beyond this
 * @param ipIdleSeconds an IP with no connection and no event for this long is dropped
 * @param recentRequestsPerIp the last N requests kept per IP
 * @param eventQueue capacity of the bounded source → engine queue
 */
public record LimitsConfig(int maxIps, int ipIdleSeconds, int recentRequestsPerIp, int eventQueue) {}
