package dev.nethergaze.engine;

import dev.nethergaze.model.IpKey;
import java.time.Duration;
import java.util.function.IntFunction;

/**
 * The engine's frozen settings: visibility, the caps that bound memory, and how ports are named.
 *
 * @param showPrivateIps list loopback/link-local/private remotes in {@code ips[]} (always counted in totals)
 * @param maxIps IPs tracked at once; beyond it the least recently seen is evicted (and counted)
 * @param ipIdle an IP with no live connection and no event for this long is dropped; null = never (replay)
 * @param recentRequestsPerIp last N requests kept per IP
 * @param host host name written into snapshots
 * @param serviceNames port to service name
 */
public record EngineSettings(
        boolean showPrivateIps,
        int maxIps,
        Duration ipIdle,
        int recentRequestsPerIp,
        String host,
        IntFunction<String> serviceNames) {

    public static final int MAX_USERS_PER_IP = 16;
    public static final int MAX_METHODS_PER_IP = 12;
    public static final int MAX_VIA_PER_IP = 8;

    public EngineSettings {
        if (maxIps < 1 || recentRequestsPerIp < 0) {
            throw new IllegalArgumentException("maxIps >= 1 and recentRequestsPerIp >= 0 required");
        }
    }

    /** Whether an IP is listed and tracked; one that is not is still counted in the totals. */
    public boolean shows(IpKey ip) {
        return showPrivateIps || !ip.isNonPublic();
    }

    public EngineSettings withShowPrivateIps(boolean show) {
        return new EngineSettings(show, maxIps, ipIdle, recentRequestsPerIp, host, serviceNames);
    }

    public EngineSettings withIpIdle(Duration idle) {
        return new EngineSettings(showPrivateIps, maxIps, idle, recentRequestsPerIp, host, serviceNames);
    }
}
