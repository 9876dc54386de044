package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;

/**
 * The engine's immutable picture of the host at one tick: what views, exporters and sinks read.
 * {@code ips} is ordered by activity (connections, then requests), most active first. {@code
 * findings} are host-wide: about prefixes or the host as a whole (a flood no single row explains);
 * {@code earlierFindings} the host-wide ones that ended, each with its peak.
 *
 * <p>{@code sequence} numbers a live engine's snapshots (1, 2, ...; 0 when not numbered). {@code
 * changed} holds the views of {@code ips} made anew since the snapshot numbered one less: every IP
 * whose counts, requests, auth, connections, lookups or findings changed since, and every new one
 * (an IP not in it has the same figures as there, but for its rates and the firewall's blocks); null
 * when not known (a replay's report, a filtered copy). A reader that saw that snapshot looks only at
 * these for what is new.
 */
public record Snapshot(
        Instant generatedAt,
        String host,
        List<SourceHealth> sources,
        Totals totals,
        List<IpView> ips,
        List<Listener> listeners,
        List<Finding> findings,
        List<PastFinding> earlierFindings,
        long sequence,
        List<IpView> changed) {

    /** A snapshot that is not one of a numbered series. */
    public Snapshot(
            Instant generatedAt,
            String host,
            List<SourceHealth> sources,
            Totals totals,
            List<IpView> ips,
            List<Listener> listeners,
            List<Finding> findings,
            List<PastFinding> earlierFindings) {
        this(generatedAt, host, sources, totals, ips, listeners, findings, earlierFindings, 0, null);
    }

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
        changed = changed == null ? null : List.copyOf(changed);
    }

    /** True when {@code changed} tells all that is new against {@code before} (the one numbered one less). */
    public boolean follows(Snapshot before) {
        return changed != null && before != null && sequence > 0 && sequence == before.sequence + 1;
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
        return new Snapshot(
                generatedAt, host, other, totals, ips, listeners, findings, earlierFindings, sequence, changed);
    }
}
