package dev.nethergaze.cli;

import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.model.Snapshot;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "watch",
        description = "Print one JSON snapshot per line every interval until interrupted.",
        mixinStandardHelpOptions = true)
final class WatchCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    FilterOptions filters;

    @Mixin
    SessionOptions session = new SessionOptions();

    @Option(names = "--jsonl", description = "One compact JSON document per line (the default).")
    boolean jsonl = true;

    @Option(
            names = "--interval",
            paramLabel = "S",
            description = "Seconds between lines (default 1; fractions allowed).")
    double interval = 1.0;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N lines (default: until interrupted).")
    long count = Long.MAX_VALUE;

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        if (!(interval >= 0.05 && interval <= 86400)) {
            throw new UserException("--interval must be between 0.05 and 86400 seconds, got " + interval);
        }
        if (count < 1) {
            throw new UserException("--count must be at least 1, got " + count);
        }
        filters.parsed(); // a bad --filter fails before anything starts
        Duration tick = tickFor(interval);
        long periodNanos = (long) (interval * 1e9);
        try (LiveSession live = LiveSession.start(common, session, tick, false);
                WholeLines lines = WholeLines.toStdout()) {
            LiveRunner runner = live.runner;
            Snapshot line = runner.latestOrExplain(SnapshotCommand.awaitSourcesReady(runner, Duration.ofSeconds(3)));
            long shownAt = System.nanoTime();
            for (long n = 0; n < count && line != null; n++) {
                if (n > 0) {
                    line = nextDue(live, line, shownAt + periodNanos - tick.toNanos() / 2, shownAt + periodNanos);
                    shownAt = System.nanoTime();
                }
                if (line != null && !lines.line(filters.apply(line))) {
                    break; // a signal: the run ends with the lines written whole
                }
            }
            live.runner.throwIfEngineStopped(); // no line of a stopped engine's last snapshot passed off as current
        }
        return 0;
    }

    /**
     * The engine's tick for lines every {@code interval} seconds: the interval itself, or an even part
     * of it no longer than a second (a finding is judged within a second, as the alerts expect). Each
     * line is then a snapshot made when it is due, not the latest of several that nobody else reads:
     * the 250 ms default tick made four snapshots of every IP per line (at 10k lines/s over 20k IPs,
     * two thirds of the engine thread; bench/RESULTS-logs.md).
     */
    static Duration tickFor(double interval) {
        long nanos = (long) (interval * 1e9);
        long parts = Math.max(1, (nanos + MAX_TICK_NANOS - 1) / MAX_TICK_NANOS);
        return Duration.ofNanos(nanos / parts);
    }

    private static final long MAX_TICK_NANOS = 1_000_000_000L;

    /**
     * The first snapshot published since {@code after} and seen from {@code from} on (a tick due with
     * the line, give or take half a tick); at {@code until} plus a second, when none came (the engine
     * is slow, or still going through a backfill), the latest one, as it is. Null when the run was
     * asked to stop meanwhile.
     */
    @SuppressWarnings("ReferenceEquality") // a newer snapshot is another object, whatever it holds
    private static Snapshot nextDue(LiveSession live, Snapshot after, long from, long until)
            throws InterruptedException {
        long giveUp = until + MAX_TICK_NANOS;
        Snapshot seen = after;
        while (true) {
            long now = System.nanoTime();
            if (now - giveUp >= 0) {
                return live.runner.latestOrExplain(seen);
            }
            if (live.stopRequested.isDone()) {
                return null;
            }
            Snapshot s = live.runner.awaitNext(seen, Duration.ofNanos(Math.min(giveUp - now, POLL_NANOS)));
            if (s != null && s != seen) {
                seen = s;
                if (System.nanoTime() - from >= 0) {
                    return s;
                }
            }
        }
    }

    private static final long POLL_NANOS = 200_000_000L;
}
