package dev.nethergaze.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the history file holds about one IP, for {@code history IP}.
 *
 * @param rules times flagged per rule
 * @param recent the IP's most recent sessions, newest first
 */
public record IpRecord(
        String ip,
        Instant firstSeen,
        Instant lastSeen,
        long sessions,
        long requests,
        long bytes,
        long authFailures,
        long synRecv,
        long peakConns,
        long flagged,
        String country,
        Long asn,
        String asOrg,
        String org,
        List<String> lastPaths,
        String lastAction,
        String lastActionReason,
        Instant lastActionAt,
        Map<String, Long> rules,
        List<IpSession> recent) {

    public IpRecord {
        lastPaths = List.copyOf(lastPaths);
        rules = Map.copyOf(rules);
        recent = List.copyOf(recent);
    }

    /** One session of one IP. */
    public record IpSession(
            long session,
            String host,
            String version,
            Instant started,
            Instant ended,
            Instant firstSeen,
            Instant lastSeen,
            long requests,
            long bytes,
            long authFailures,
            long flagged) {}
}
