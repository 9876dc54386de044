package dev.nethergaze.cli;

import dev.nethergaze.act.ActionHook;
import dev.nethergaze.act.AuditLog;
import dev.nethergaze.act.Backend;
import dev.nethergaze.act.BlockGuard;
import dev.nethergaze.act.FirewallDetector;
import dev.nethergaze.act.ProcessRunner;
import dev.nethergaze.act.SshClient;
import dev.nethergaze.act.alert.AlertDispatcher;
import dev.nethergaze.act.alert.CommandAlertSink;
import dev.nethergaze.act.alert.JsonlAlertSink;
import dev.nethergaze.act.alert.WebhookAlertSink;
import dev.nethergaze.config.Config;
import dev.nethergaze.config.HookConfig;
import dev.nethergaze.detect.Allowlist;
import dev.nethergaze.detect.Detector;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.Severity;
import dev.nethergaze.source.capture.CaptureAlerts;
import dev.nethergaze.source.capture.CaptureOptions;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Wiring of detection and response from the configuration: detector, guard, firewall, hooks, alerts. */
final class DetectWiring {

    private DetectWiring() {}

    static Engine engine(Config c, EngineSettings settings) {
        return new Engine(settings, detector(c, settings));
    }

    static Detector detector(Config c, EngineSettings settings) {
        return new Detector(c.detect(), allowlist(c), settings.maxIps());
    }

    static Allowlist allowlist(Config c) {
        return Allowlist.parse(c.allowlist().cidrs()); // validated by the loader
    }

    static BlockGuard guard(Config c, Map<String, String> env) {
        return new BlockGuard(
                allowlist(c),
                SshClient.fromEnv(env),
                dev.nethergaze.act.HostAddresses.read(java.nio.file.Path.of("/proc/net")));
    }

    /** The configured firewall, or the detected one (its reasons go to {@code info}). */
    static Backend backend(String configured, PrintStream info) throws InterruptedException {
        if (!configured.equals("auto")) {
            return Backend.parse(configured);
        }
        FirewallDetector.Detection d = new FirewallDetector(new ProcessRunner()).detect();
        info.println("# firewall: " + d.backend().cliName() + " (" + String.join("; ", d.reasons()) + ")");
        return d.backend();
    }

    static AuditLog audit(Config c, Map<String, String> env) {
        String configured = c.actions().auditLog();
        Path file;
        if (!configured.isEmpty()) {
            file = Path.of(
                    configured.startsWith("~/")
                            ? System.getProperty("user.home") + configured.substring(1)
                            : configured);
        } else {
            String state = env.getOrDefault("XDG_STATE_HOME", "");
            Path base = !state.isEmpty() && Path.of(state).isAbsolute()
                    ? Path.of(state)
                    : Path.of(System.getProperty("user.home"), ".local", "state");
            file = base.resolve("nethergaze").resolve("audit.jsonl");
        }
        return new AuditLog(file, env);
    }

    static List<ActionHook> hooks(Config c) {
        List<ActionHook> out = new ArrayList<>();
        for (HookConfig h : c.actions().hooks()) {
            int t = h.timeoutSeconds() > 0 ? h.timeoutSeconds() : c.actions().hookTimeoutSeconds();
            out.add(new ActionHook(h.key(), h.label(), h.command(), Duration.ofSeconds(t)));
        }
        return out;
    }

    /**
     * The capture options with nettop's first-sight alerts ({@code new_ip}, {@code new_mac}) going to
     * {@code alerts}, the dispatcher the run's findings go to; unchanged when there is none.
     */
    static CaptureOptions captureAlerts(CaptureOptions o, AlertDispatcher alerts, String host) {
        if (alerts == null) {
            return o;
        }
        return o.withAlerts(new CaptureAlerts(
                (time, f) -> alerts.notice(time, host, f), o.limits().maxIps()));
    }

    /**
     * The alert dispatcher when any sink is configured; sink failures are told to {@code log} as it is
     * when they happen (the console holds stderr back while it owns the screen).
     */
    static Optional<AlertDispatcher> alerts(Config c, Supplier<PrintStream> log) {
        return alerts(c, null, false, log);
    }

    /**
     * The alert dispatcher when any sink is configured or {@code extraJsonl} is given: the configured
     * sinks get findings at or above {@code alerts.min_severity}; {@code extraJsonl} ({@code capture
     * --alerts FILE}) gets every alert, first-sight notices (info) included.
     *
     * @param replay a full queue waits instead of dropping (no real time to keep up with)
     */
    static Optional<AlertDispatcher> alerts(Config c, Path extraJsonl, boolean replay, Supplier<PrintStream> log) {
        var a = c.alerts();
        if (!a.anySink() && extraJsonl == null) {
            return Optional.empty();
        }
        Severity min = Severity.valueOf(a.minSeverity().toUpperCase(Locale.ROOT));
        List<AlertDispatcher.Route> routes = new ArrayList<>();
        if (!a.jsonl().isEmpty()) {
            routes.add(new AlertDispatcher.Route(new JsonlAlertSink(Path.of(a.jsonl())), min));
        }
        if (!a.webhook().isEmpty()) {
            routes.add(new AlertDispatcher.Route(
                    new WebhookAlertSink(URI.create(a.webhook()), a.webhookRetries(), Duration.ofSeconds(1)), min));
        }
        if (!a.command().isEmpty()) {
            routes.add(new AlertDispatcher.Route(
                    new CommandAlertSink(
                            a.command(), Duration.ofSeconds(c.actions().hookTimeoutSeconds())),
                    min));
        }
        if (extraJsonl != null) {
            routes.add(new AlertDispatcher.Route(new JsonlAlertSink(extraJsonl), Severity.INFO));
        }
        return Optional.of(AlertDispatcher.routed(
                routes,
                Duration.ofSeconds(a.cooldownSeconds()),
                a.queue(),
                replay,
                m -> log.get().println("nethergaze: " + m)));
    }
}
