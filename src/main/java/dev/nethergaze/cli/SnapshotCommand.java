package dev.nethergaze.cli;

import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.enrich.Enricher;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceStatus;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "snapshot",
        description = "Print this host's per-IP picture now as one JSON document, then exit.",
        mixinStandardHelpOptions = true)
final class SnapshotCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    FilterOptions filters;

    @Option(names = "--json", description = "JSON output (the default and, for now, only format).")
    boolean json = true;

    @Option(
            names = "--wait-ms",
            paramLabel = "MS",
            description = "Longest wait for every source's first reading (default 3000).")
    long waitMs = 3000;

    @Override
    public Integer call() throws InterruptedException {
        filters.parsed(); // a bad --filter fails before anything starts
        // history only when asked for (--history FILE): a cron job taking snapshots is not a session
        if (common.historyFile == null) {
            common.noHistory = true;
        }
        // a short tick: this is a one-shot, so publish as soon as the first readings are in
        // local databases only: a one-shot never waits for (or sends) whois lookups
        try (LiveSession session = LiveSession.start(common, null, Duration.ofMillis(40), true)) {
            Snapshot s = awaitSourcesReady(session.runner, Duration.ofMillis(waitMs));
            Output.document(filters.apply(withGeo(session.runner, session.enricher, s)), System.out);
        }
        return 0;
    }

    private static final Duration GEO_WAIT = Duration.ofMillis(200);

    /** Gives the enricher a brief chance (200 ms) to put local geo answers into the next snapshot. */
    private static Snapshot withGeo(LiveRunner runner, Enricher enricher, Snapshot s) throws InterruptedException {
        if (s == null || enricher == null || !enricher.awaitScanned(GEO_WAIT)) {
            return s;
        }
        Snapshot after = runner.awaitNext(runner.latest(), GEO_WAIT);
        return after != null ? after : s;
    }

    /** The first snapshot in which no source is still starting (or the latest at the deadline). */
    static Snapshot awaitSourcesReady(LiveRunner runner, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Snapshot s = runner.awaitNext(null, wait);
        while (s != null
                && s.sources().stream().anyMatch(h -> h.status() == SourceStatus.STARTING)
                && System.nanoTime() < deadline) {
            s = runner.awaitNext(s, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        // one more tick so the events of the first readings are applied
        Snapshot after = runner.awaitNext(s, Duration.ofSeconds(2));
        return after != null ? after : s;
    }
}
