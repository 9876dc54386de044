package dev.nethergaze.cli;

import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.model.Snapshot;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        long periodNanos = (long) (interval * 1e9);
        try (LiveSession live = LiveSession.start(common, session, null, false);
                WholeLines lines = WholeLines.toStdout()) {
            LiveRunner runner = live.runner;
            Snapshot last = SnapshotCommand.awaitSourcesReady(runner, Duration.ofSeconds(3));
            long next = System.nanoTime();
            for (long n = 0; n < count && !live.stopRequested.isDone(); n++) {
                long wait = next - System.nanoTime();
                if (wait > 0 && stoppedWithin(live, wait)) {
                    break;
                }
                if (!lines.line(filters.apply(runner.latestOrExplain(last)))) {
                    break; // a signal: the run ends with the lines written whole
                }
                next += periodNanos;
            }
            live.runner.throwIfEngineStopped(); // no line of a stopped engine's last snapshot passed off as current
        }
        return 0;
    }

    /** Waits up to {@code nanos}; true when {@code ctl stop} asked the run to end meanwhile. */
    private static boolean stoppedWithin(LiveSession live, long nanos) throws InterruptedException, ExecutionException {
        try {
            live.stopRequested.get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
