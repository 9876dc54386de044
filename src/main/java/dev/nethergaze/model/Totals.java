package dev.nethergaze.model;

import java.util.Map;

/**
 * Host-wide figures at one tick. Connection counts include remotes hidden from {@code ips[]}
 * (private/loopback unless shown); {@code hiddenConnections} says how many of them were hidden.
 */
public record Totals(
        int connections,
        int established,
        Map<TcpState, Integer> byState,
        int hiddenConnections,
        int ipsTracked,
        int ipsShown,
        long evictedIps,
        long requests,
        long requestsPerMin,
        long bytes,
        long authFailures) {

    public Totals {
        byState = Map.copyOf(byState);
    }
}
