package dev.nethergaze.model;

/**
 * Host-wide SYN-flood counters from {@code /proc/net/netstat} and {@code /proc/net/snmp}, as
 * per-second rates over the last poll interval. They see what the socket table cannot: with
 * syncookies on, every SYN beyond a listener's queue is answered statelessly and leaves no row.
 * {@code syncookies} is the {@code net.ipv4.tcp_syncookies} setting, or -1 when unknown.
 */
public record SynCounters(
        double syncookiesSentPerS,
        double syncookiesFailedPerS,
        double listenOverflowsPerS,
        double listenDropsPerS,
        double reqQFullDoCookiesPerS,
        double reqQFullDropPerS,
        double synRetransPerS,
        double inSegsPerS,
        int syncookies) {}
