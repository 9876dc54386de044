package dev.nethergaze.store;

import dev.nethergaze.config.HistoryConfig;
import java.time.Duration;

/**
 * How the writer behaves.
 *
 * @param flushEvery interval between flushes (one transaction each)
 * @param retention IPs and sessions last seen longer ago than this are pruned
 * @param maxIps at most this many IPs are kept; the least recently seen are pruned beyond it
 * @param maxPending IPs with unwritten changes that force an early flush (bounds writer memory)
 */
public record HistoryOptions(Duration flushEvery, Duration retention, int maxIps, int maxPending) {

    public HistoryOptions {
        if (flushEvery.isNegative() || flushEvery.isZero() || maxIps < 1 || maxPending < 1) {
            throw new IllegalArgumentException("history options out of range");
        }
    }

    public static HistoryOptions from(HistoryConfig c) {
        return new HistoryOptions(
                Duration.ofSeconds(c.flushSeconds()), Duration.ofDays(c.retentionDays()), c.maxIps(), 200_000);
    }
}
