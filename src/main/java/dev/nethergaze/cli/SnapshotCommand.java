package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.StatusReporter;
import java.time.Duration;
import java.time.InstantSource;
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
        Config c = common.load();
        filters.parsed();
        Engine engine = DetectWiring.engine(c, Wiring.engineSettings(c));
        var sources = Wiring.liveSources(c, InstantSource.system(), StatusReporter.to(System.err));
        // a short tick: this is a one-shot, so publish as soon as the first readings are in
        try (LiveRunner runner = new LiveRunner(
                        engine,
                        sources,
                        InstantSource.system(),
                        Duration.ofMillis(40),
                        c.limits().eventQueue())
                .start()) {
            Snapshot s = awaitSourcesReady(runner, Duration.ofMillis(waitMs));
            Output.document(filters.apply(s), System.out);
        }
        return 0;
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
