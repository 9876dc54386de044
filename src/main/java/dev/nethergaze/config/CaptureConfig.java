package dev.nethergaze.config;

/**
 * The {@code [capture]} section: packet-capture alerts.
 *
 * @param highPps a source IP sending at least this many packets per second raises a high-pps alert
 * @param alertCooldownSeconds the same alert (kind and IP or MAC) is raised at most once per this
 *     many seconds of packet time; repeats in between are counted, not written
 */
public record CaptureConfig(int highPps, int alertCooldownSeconds) {}
