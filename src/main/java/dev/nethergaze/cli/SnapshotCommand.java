package dev.nethergaze.cli;

import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.enrich.Enricher;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.text.TextFrame;
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

    @Option(names = "--json", description = "JSON output (the default).")
    boolean json = true;

    @Option(
            names = "--text",
            description = "The plain-text report instead: the busiest IPs, then each finding with its reason and"
                    + " evidence (as replay prints it).")
    boolean text;

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
        Snapshot shown;
        try (LiveSession session = LiveSession.start(common, null, Duration.ofMillis(40), true)) {
            Snapshot s = awaitSourcesReady(session.runner, Duration.ofMillis(waitMs));
            shown = filters.apply(
                    withGeo(session.runner, session.enricher, s != null ? s : session.runner.latestOrExplain(null)));
            session.runner.throwIfEngineStopped();
        } // stopped before the document is written: its 40 ms snapshots of every IP would compete with it
        if (text) {
            Output.text(TextFrame.render(shown, 50, 160));
        } else {
            WholeLines.one(o -> Output.document(shown, o));
        }
        return 0;
    }

    private static final Duration GEO_WAIT = Duration.ofMillis(200);

    /**
     * Gives the enricher a brief chance (200 ms) to put local geo answers into one more snapshot;
     * publishes that snapshot at once, and only when the scan did emit something.
     */
    private static Snapshot withGeo(LiveRunner runner, Enricher enricher, Snapshot s) throws InterruptedException {
        if (s == null || enricher == null) {
            return s;
        }
        long before = enricher.emitted();
        if (!enricher.awaitScanned(GEO_WAIT) || enricher.emitted() == before) {
            return s; // nothing arrived: no second snapshot to wait for
        }
        Snapshot after = runner.publishNow(GEO_WAIT);
        return after != null ? after : s;
    }

    /** How long a one-shot waits for a backfill (--since) to read the recent past; then it reports what it has. */
    private static final Duration BACKFILL_WAIT = Duration.ofMinutes(5);

    /**
     * Waits until no source is still starting (or the deadline) and any backfill has read the recent
     * past, then publishes a snapshot holding every first reading right away instead of waiting for
     * the next tick.
     */
    static Snapshot awaitSourcesReady(LiveRunner runner, Duration wait) throws InterruptedException {
        runner.awaitSourcesStarted(wait);
        runner.awaitFiniteSources(BACKFILL_WAIT);
        Snapshot s = runner.publishNow(Duration.ofSeconds(2));
        return s != null ? s : runner.awaitNext(null, Duration.ofSeconds(2));
    }
}
