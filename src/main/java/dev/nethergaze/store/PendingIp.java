package dev.nethergaze.store;

import dev.nethergaze.model.IpKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One IP's changes since the last flush: additive deltas (never negative) and last-known values.
 * Mutable, owned by the writer thread only.
 */
final class PendingIp {

    final IpKey ip;
    Instant firstSeen;
    Instant lastSeen;
    long requests;
    long bytes;
    long authFailures;
    long synRecv;
    int peakConns;
    final Map<String, Long> flags = new TreeMap<>();
    Instant lastFlagged;
    String country;
    Long asn;
    String asOrg;
    String org;
    List<String> lastPaths = List.of();

    PendingIp(IpKey ip, Instant firstSeen, Instant lastSeen) {
        this.ip = ip;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
    }

    void seen(Instant first, Instant last) {
        if (first.isBefore(firstSeen)) {
            firstSeen = first;
        }
        if (last.isAfter(lastSeen)) {
            lastSeen = last;
        }
    }

    void flagged(String rule, Instant at) {
        flags.merge(rule, 1L, Long::sum);
        if (lastFlagged == null || at.isAfter(lastFlagged)) {
            lastFlagged = at;
        }
    }

    long flaggedTotal() {
        long n = 0;
        for (long v : flags.values()) {
            n += v;
        }
        return n;
    }
}
