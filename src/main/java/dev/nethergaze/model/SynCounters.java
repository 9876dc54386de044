package dev.nethergaze.model;

/**
 * Host-wide SYN-flood counters from {@code /proc/net/netstat} and {@code /proc/net/snmp}: their values
 * since boot, and per-second rates over the {@code intervalS} seconds since the previous reading. They
 * see what the socket table cannot: with syncookies on, every SYN beyond a listener's queue is answered
 * statelessly and leaves no row. With a single reading there are no rates: {@code intervalS} is 0 and
 * the rate fields are 0 ({@link #hasRates()} tells). {@code syncookies} is the
 * {@code net.ipv4.tcp_syncookies} setting, or -1 when unknown.
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
        int syncookies,
        double intervalS,
        SynTotals sinceBoot) {

    /** A single reading: the values since boot, no rates yet. */
    public static SynCounters firstReading(SynTotals sinceBoot, int syncookies) {
        return new SynCounters(0, 0, 0, 0, 0, 0, 0, 0, syncookies, 0, sinceBoot);
    }

    /** Whether the rate fields hold rates (two readings, {@code intervalS} apart). */
    public boolean hasRates() {
        return intervalS > 0;
    }
}
