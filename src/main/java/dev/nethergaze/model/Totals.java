package dev.nethergaze.model;

import java.util.List;
import java.util.Map;

/**
 * Host-wide figures at one tick. Connection counts include remotes hidden from {@code ips[]}
 * (private/loopback unless shown); {@code hiddenConnections} says how many of them were hidden.
 * {@code syn} is the latest SYN-flood counters, or null when the connection source gives none;
 * {@code interfaces} the latest traffic of the busiest network interfaces (empty when not read).
 * {@code requests} counts every request, {@code hiddenRequests} those of hidden remotes among them.
 * {@code ipsShown} is how many IPs the snapshot lists ({@code ips[]}, after any filter);
 * {@code evictedIps} how many times the least recently seen IP was dropped to stay within the cap (an
 * IP seen again after that is counted from then on).
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
        SynCounters syn,
        List<InterfaceRates> interfaces,
        long hiddenRequests) {

    /** Totals without SYN or interface counters (tests and views that have none). */
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
                null,
                List.of(),
                0);
    }

    /**
     * What was hidden as coming from loopback or private addresses ("2001 requests and 3 connections
     * from loopback or private addresses are hidden"; --show-private-ips lists them), or "" when nothing was.
     */
    public String hiddenRemotes() {
        if (hiddenRequests == 0 && hiddenConnections == 0) {
            return "";
        }
        return Plural.of(hiddenRequests, "request") + " and " + Plural.of(hiddenConnections, "connection")
                + " from loopback or private addresses are hidden";
    }

    /** These totals with {@code n} as the IPs shown (the list a filter left), the rest the same. */
    public Totals withIpsShown(int n) {
        return new Totals(
                connections,
                established,
                byState,
                hiddenConnections,
                ipsTracked,
                n,
                evictedIps,
                requests,
                requestsPerMin,
                bytes,
                authFailures,
                syn,
                interfaces,
                hiddenRequests);
    }

    public Totals {
        byState = Map.copyOf(byState);
        interfaces = List.copyOf(interfaces);
    }
}
