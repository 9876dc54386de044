package dev.nethergaze.cli;

import dev.nethergaze.act.alert.AlertDispatcher;
import dev.nethergaze.config.Config;
import dev.nethergaze.control.ControlServer;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.enrich.Enricher;
import dev.nethergaze.fleet.FleetPublisher;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.capture.CaptureOptions;
import dev.nethergaze.source.capture.LiveCapture;
import dev.nethergaze.ui.web.WebServer;
import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One live run: configuration, engine, sources (the packet capture among them with --capture), the
 * runner and its subscribers (history, alerts, enrichment), and the control socket. Closing it
 * (normally, or from the shutdown hook on SIGINT/SIGTERM) closes the socket and flushes history
 * exactly once. {@link #stopRequested} completes when {@code nethergaze ctl stop} asks the run to end.
 */
final class LiveSession implements AutoCloseable {

    final Config config;
    final Engine engine;
    final LiveRunner runner;
    /** Geo/whois lookups for the IPs in each snapshot; null when enrichment is off entirely. */
    final Enricher enricher;
    /** What enrichment may do in this run ({@code --offline} among it): the console's w and t obey it too. */
    final EnrichOptions enrich;
    /** The live packet capture, or null without --capture. */
    final LiveCapture capture;
    /** Completed by {@code nethergaze ctl stop}; the command's loop ends the run. */
    final CompletableFuture<Void> stopRequested = new CompletableFuture<>();

    private final HistorySession history;
    private volatile ControlServer control;
    private volatile FleetPublisher fleet;
    private volatile WebServer web;
    private final AlertDispatcher alerts;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread hook;

    private LiveSession(
            Config config,
            Engine engine,
            LiveRunner runner,
            Enricher enricher,
            EnrichOptions enrich,
            HistorySession history,
            AlertDispatcher alerts,
            LiveCapture capture) {
        this.alerts = alerts;
        this.enrich = enrich;
        this.capture = capture;
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
     * @param session capture and control socket options, null for neither
     * @param tick snapshot period, null for the configured one
     * @param oneShot a single snapshot: enrichment from local databases only (no whois/rDNS), no alerts
     */
    static LiveSession start(CommonOptions o, SessionOptions session, Duration tick, boolean oneShot) {
        // looked up per line: while the console is open, System.err is held back off the screen
        return start(o, session, tick, oneShot, () -> System.err);
    }

    /**
     * As {@link #start(CommonOptions, SessionOptions, Duration, boolean)}, its notices (the sources'
     * problems, a database or history file that cannot be used, warnings) said to {@code err}, looked
     * up per line, rather than to System.err ({@code doctor} holds them back: its list says them).
     */
    static LiveSession start(
            CommonOptions o, SessionOptions session, Duration tick, boolean oneShot, Supplier<PrintStream> err) {
        if (session != null) {
            session.validate();
            if (session.web != null) {
                WebListen.check(session.web, System.getenv()); // a refusal before any source starts
            }
        }
        Config c = o.load();
        StatusReporter reporter =
                (source, status, detail) -> StatusReporter.to(err.get()).report(source, status, detail);
        Consumer<String> problems = line -> {
            PrintStream p = err.get();
            p.println("nethergaze: " + line);
            p.flush();
        };
        List<Source> sources =
                new ArrayList<>(Wiring.liveSources(c, InstantSource.system(), reporter, oneShot, problems));
        EnrichOptions enrich = o.enrich.options(c);
        EngineSettings settings = Wiring.engineSettings(c);
        if (!oneShot) {
            HeapCheck.warning(settings, HeapCheck.maxHeap())
                    .ifPresent(w -> err.get().println(w));
        }
        AlertDispatcher alerts = oneShot ? null : DetectWiring.alerts(c, err).orElse(null); // stderr as it is then
        LiveCapture capture = null;
        if (session != null && session.capturing()) {
            CaptureOptions co = CaptureOptions.defaults().withFilter(session.filter.spec());
            capture = new LiveCapture(
                    session.iface(),
                    DetectWiring.captureAlerts(co, alerts, settings.host()),
                    InstantSource.system(),
                    reporter);
            sources.add(capture);
        }
        LiveSession s = start(
                c, o, settings, sources, tick, oneShot ? enrich.localOnly() : enrich, alerts, capture, err, problems);
        if (session != null && session.web != null) {
            try {
                s.web = WebListen.start(session.web, s.runner, System.getenv(), err.get());
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
        if (session != null && session.nats != null) {
            s.fleet =
                    new FleetPublisher(session.nats, settings.host(), FleetOptions.INTERVAL, FleetOptions.MAX_IPS, err);
            s.runner.subscribeLive("fleet publishing", s.fleet); // the current state, not a backfill's past
        }
        if (session != null) {
            try {
                s.control = session.control.open(
                        new CaptureControlHandler(
                                capture,
                                session.filter.spec(),
                                s.runner::latest,
                                () -> s.stopRequested.complete(null),
                                settings.showPrivateIps()),
                        err.get());
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
        return s;
    }

    private static LiveSession start(
            Config c,
            CommonOptions o,
            EngineSettings settings,
            List<Source> sources,
            Duration tick,
            EnrichOptions enrich,
            AlertDispatcher alerts,
            LiveCapture capture,
            Supplier<PrintStream> err,
            Consumer<String> problems) {
        Engine engine = DetectWiring.engine(c, settings);
        LiveRunner runner = new LiveRunner(
                engine,
                sources,
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
                err.get());
        if (history != null) {
            runner.subscribe("history", history.subscriber());
        }
        if (alerts != null) {
            runner.subscribeLive("alerts", alerts); // not on the backfill's snapshots of the past
        }
        Enricher enricher = enrich == null ? null : Wiring.enricher(enrich, runner.sink(), problems);
        if (enricher != null) {
            runner.subscribe("enrichment", enricher);
        }
        runner.start();
        LiveSession s = new LiveSession(c, engine, runner, enricher, enrich, history, alerts, capture);
        runner.onEngineStopped(() -> s.stopRequested.complete(null)); // the command ends, and says why
        return s;
    }

    /** Whether this run keeps history: not {@code --no-history}, and its file could be used. */
    boolean keepsHistory() {
        return history != null;
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
        if (control != null) {
            control.close(); // first: no request reaches a half-closed run
        }
        if (enricher != null) {
            try {
                enricher.close(); // waits for running lookups (bounded by their timeouts)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (web != null) {
            web.close();
        }
        runner.close();
        if (fleet != null) {
            fleet.close();
        }
        if (alerts != null) {
            alerts.close();
        }
        if (history != null) {
            history.close();
        }
    }
}
