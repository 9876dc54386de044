package dev.nethergaze.cli;

import dev.nethergaze.act.alert.AlertDispatcher;
import dev.nethergaze.config.Config;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.enrich.Enricher;
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
    /** Geo/whois lookups for the IPs in each snapshot; null when enrichment is off entirely. */
    final Enricher enricher;

    private final HistorySession history;
    private final AlertDispatcher alerts;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread hook;

    private LiveSession(
            Config config,
            Engine engine,
            LiveRunner runner,
            Enricher enricher,
            HistorySession history,
            AlertDispatcher alerts) {
        this.alerts = alerts;
        this.config = config;
        this.engine = engine;
        this.runner = runner;
        this.enricher = enricher;
        this.history = history;
        this.hook = new Thread(this::close, "nethergaze-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts a live run of this host with the configured sources.
     *
     * @param tick snapshot period, null for the configured one
     * @param oneShot a single snapshot: enrichment from local databases only (no whois/rDNS), no alerts
     */
    static LiveSession start(CommonOptions o, Duration tick, boolean oneShot) {
        Config c = o.load();
        List<Source> sources = Wiring.liveSources(c, InstantSource.system(), StatusReporter.to(System.err));
        EnrichOptions enrich = o.enrich.options(c);
        return start(c, o, Wiring.engineSettings(c), sources, tick, oneShot ? enrich.localOnly() : enrich, oneShot);
    }

    static LiveSession start(
            Config c,
            CommonOptions o,
            EngineSettings settings,
            List<Source> sources,
            Duration tick,
            EnrichOptions enrich,
            boolean oneShot) {
        Engine engine = DetectWiring.engine(c, settings);
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
        AlertDispatcher alerts =
                oneShot ? null : DetectWiring.alerts(c, System.err).orElse(null);
        if (alerts != null) {
            runner.subscribe(alerts);
        }
        Enricher enricher = enrich == null ? null : Wiring.enricher(enrich, runner.sink());
        if (enricher != null) {
            runner.subscribe(enricher);
        }
        runner.start();
        return new LiveSession(c, engine, runner, enricher, history, alerts);
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
        if (enricher != null) {
            try {
                enricher.close(); // waits for running lookups (bounded by their timeouts)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        runner.close();
        if (alerts != null) {
            alerts.close();
        }
        if (history != null) {
            history.close();
        }
    }
}
