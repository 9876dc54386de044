package dev.nethergaze.model;

import java.util.Map;

/**
 * Host-wide figures at one tick. Connection counts include remotes hidden from {@code ips[]}
 * (private/loopback unless shown); {@code hiddenConnections} says how many of them were hidden.
 * {@code syn} is the latest SYN-flood counters, or null when the connection source gives none.
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
        long authFailures,
        SynCounters syn) {

    /** Totals without SYN counters. */
    public Totals(
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
        this(
                connections,
                established,
                byState,
                hiddenConnections,
                ipsTracked,
                ipsShown,
                evictedIps,
                requests,
                requestsPerMin,
                bytes,
                authFailures,
                null);
    }

    public Totals {
        byState = Map.copyOf(byState);
    }
}
