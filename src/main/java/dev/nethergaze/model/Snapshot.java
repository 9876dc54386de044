package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;

/**
 * The engine's immutable picture of the host at one tick: what views, exporters and sinks read.
 * {@code ips} is ordered by activity (connections, then requests), most active first. {@code
 * findings} are host-wide: about prefixes or the host as a whole (a flood no single row explains);
 * {@code earlierFindings} the host-wide ones that ended, each with its peak.
 */
public record Snapshot(
        Instant generatedAt,
        String host,
        List<SourceHealth> sources,
        Totals totals,
        List<IpView> ips,
        List<Listener> listeners,
        List<Finding> findings,
        List<PastFinding> earlierFindings) {

    /** Version of the JSON documents written from snapshots; bump on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Waits until {@code latest} gives a snapshot other than {@code after} (a newer one is another
     * object), looking every {@code pollMillis}; the latest one when {@code timeout} passes first.
     */
    @SuppressWarnings("ReferenceEquality") // identity is the point: a newer snapshot object
    public static Snapshot awaitNewer(
            java.util.function.Supplier<Snapshot> latest, Snapshot after, java.time.Duration timeout, long pollMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Snapshot s;
        while ((s = latest.get()) == after || s == null) {
            if (System.nanoTime() > deadline) {
                return s;
            }
            Thread.sleep(pollMillis);
        }
        return s;
    }

    public Snapshot {
        sources = List.copyOf(sources);
        ips = List.copyOf(ips);
        listeners = List.copyOf(listeners);
        findings = List.copyOf(findings);
        earlierFindings = List.copyOf(earlierFindings);
    }

    /** This snapshot with other per-IP views (a filter's, the first N), everything else the same. */
    public Snapshot withIps(List<IpView> other) {
        return new Snapshot(
                generatedAt,
                host,
                sources,
                totals.withIpsShown(other.size()),
                other,
                listeners,
                findings,
                earlierFindings);
    }

    /** This snapshot with other source healths, everything else the same. */
    public Snapshot withSources(List<SourceHealth> other) {
        return new Snapshot(generatedAt, host, other, totals, ips, listeners, findings, earlierFindings);
    }
}
