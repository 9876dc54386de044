package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;

/**
 * The engine's immutable picture of the host at one tick: what views, exporters and sinks read.
 * {@code ips} is ordered by activity (connections, then requests), most active first. {@code
 * findings} are host-wide: about prefixes or the host as a whole (a flood no single row explains).
 */
public record Snapshot(
        Instant generatedAt,
        String host,
        List<SourceHealth> sources,
        Totals totals,
        List<IpView> ips,
        List<Listener> listeners,
        List<Finding> findings) {

    /** Version of the JSON documents written from snapshots; bump on any incompatible change. */
    public static final int SCHEMA_VERSION = 1;

    public Snapshot {
        sources = List.copyOf(sources);
        ips = List.copyOf(ips);
        listeners = List.copyOf(listeners);
        findings = List.copyOf(findings);
    }

    /** A snapshot without host-wide findings. */
    public Snapshot(
            Instant generatedAt,
            String host,
            List<SourceHealth> sources,
            Totals totals,
            List<IpView> ips,
            List<Listener> listeners) {
        this(generatedAt, host, sources, totals, ips, listeners, List.of());
    }
}
