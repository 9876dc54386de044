package dev.nethergaze.model;

/**
 * The SYN-flood counters as the kernel keeps them: totals since boot (or since the network namespace
 * was created), like {@code netstat -s} or {@code nstat -a} show. -1 for a counter this kernel does not
 * report.
 */
public record SynTotals(
        long syncookiesSent,
        long syncookiesFailed,
        long listenOverflows,
        long listenDrops,
        long reqQFullDoCookies,
        long reqQFullDrop,
        long synRetrans,
        long inSegs) {}
