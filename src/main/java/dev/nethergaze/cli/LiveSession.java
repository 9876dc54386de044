package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live run: configuration, engine, sources, the runner and its subscribers (history). Closing it
 * (normally, or from the shutdown hook on SIGINT/SIGTERM) flushes history exactly once.
 */
final class LiveSession implements AutoCloseable {

    final Config config;
    final Engine engine;
    final LiveRunner runner;
    private final HistorySession history;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread hook;

    private LiveSession(Config config, Engine engine, LiveRunner runner, HistorySession history) {
        this.config = config;
        this.engine = engine;
        this.runner = runner;
        this.history = history;
        this.hook = new Thread(this::close, "nethergaze-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Starts a live run of this host with the configured sources. */
    static LiveSession start(CommonOptions o, Duration tick) {
        Config c = o.load();
        return start(
                c,
                o,
                Wiring.engineSettings(c),
                Wiring.liveSources(c, InstantSource.system(), StatusReporter.to(System.err)),
                tick);
    }

    static LiveSession start(Config c, CommonOptions o, EngineSettings settings, List<Source> sources, Duration tick) {
        Engine engine = new Engine(settings);
        LiveRunner runner = new LiveRunner(
                engine,
                new ArrayList<>(sources),
                InstantSource.system(),
                tick != null ? tick : Duration.ofMillis(c.general().tickMs()),
                c.limits().eventQueue());
        HistorySession history = HistorySession.open(
                c,
                o == null ? null : o.historyFile,
                o == null || o.noHistory,
                settings.host(),
                runner.sink(),
                InstantSource.system(),
                System.err);
        if (history != null) {
            runner.subscribe(history.subscriber());
        }
        runner.start();
        return new LiveSession(c, engine, runner, history);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: we are the hook
        }
        runner.close();
        if (history != null) {
            history.close();
        }
    }
}
