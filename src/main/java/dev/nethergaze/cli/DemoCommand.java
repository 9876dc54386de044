package dev.nethergaze.cli;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.fleet.FleetPublisher;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.demo.DemoSource;
import dev.nethergaze.ui.text.TextFrame;
import dev.nethergaze.ui.tui.Console;
import dev.nethergaze.ui.tui.ConsoleActions;
import dev.nethergaze.ui.tui.ConsoleOptions;
import dev.nethergaze.ui.web.WebServer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        description = "Synthetic traffic (visitors, a crawler, a scanner, an SSH brute-forcer and a SYN flood)"
                + " through the real pipeline; needs no root.",
        mixinStandardHelpOptions = true)
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--headless", description = "No console: run for --duration, then print the final snapshot.")
    boolean headless;

    @Option(
            names = "--duration",
            paramLabel = "S",
            description = "Seconds to run headless (default 6); the console runs until q.")
    Integer duration;

    @Option(names = "--json", description = "Print the final snapshot as JSON (headless).")
    boolean json;

    @Option(
            names = "--theme",
            paramLabel = "NAME",
            description = "Console theme: dark, light or mono (NO_COLOR forces mono).")
    String theme = "dark";

    @Option(names = "--seed", description = "Random seed of the synthetic traffic (default 42).")
    long seed = 42;

    @Option(
            names = "--web",
            paramLabel = "ADDR",
            arity = "0..1",
            fallbackValue = WebListen.DEFAULT,
            description = "Also serve the web view and metrics on ADDR (default " + WebListen.DEFAULT + ").")
    String web;

    @Option(
            names = "--nats",
            paramLabel = "URL",
            description = "Also publish the demo's flagged IPs to NATS, as 'nethergaze fleet' reads them.")
    String nats;

    @Override
    public Integer call() throws InterruptedException {
        if (duration != null && duration < 1) {
            throw new UserException("--duration must be at least 1 second, got " + duration);
        }
        var base =
                Wiring.engineSettings(dev.nethergaze.config.Config.defaults()).withIpIdle(null);
        // the demo's snapshots are not this host's: named demo@HOST, so that a fleet view (and its
        // JetStream stream, which keeps each host's last document) never takes them for the real host's
        var settings = new dev.nethergaze.engine.EngineSettings(
                base.showPrivateIps(),
                base.maxIps(),
                base.ipIdle(),
                base.recentRequestsPerIp(),
                FleetCommand.demoHost(base.host()),
                base.serviceNames());
        Engine engine = new Engine(settings);
        DemoSource demo = new DemoSource(InstantSource.system(), Duration.ofSeconds(1), seed);
        if (web != null) {
            WebListen.parse(web); // a bad address fails before anything starts
        }
        if (nats != null) {
            FleetOptions.checked(nats);
        }
        try (LiveRunner runner =
                new LiveRunner(engine, List.of(demo), InstantSource.system(), Duration.ofMillis(250), 65536).start()) {
            WebServer w = web == null ? null : WebListen.start(web, runner, System.getenv(), System.err);
            FleetPublisher fleet = nats == null
                    ? null
                    : new FleetPublisher(
                            nats, settings.host(), FleetOptions.INTERVAL, FleetOptions.MAX_IPS, () -> System.err);
            if (fleet != null) {
                runner.subscribe("fleet publishing", fleet);
            }
            try {
                return show(runner);
            } finally {
                if (w != null) {
                    w.close();
                }
                if (fleet != null) {
                    fleet.close();
                }
            }
        }
    }

    private int show(LiveRunner runner) throws InterruptedException {
        if (headless) {
            Thread.sleep(Duration.ofSeconds(duration == null ? 6 : duration));
            runner.throwIfEngineStopped();
            Snapshot s = runner.awaitNext(null, Duration.ofSeconds(2));
            if (json) {
                WholeLines.one(o -> Output.document(s, o));
            } else {
                Output.text(TextFrame.render(s, 40, 160));
            }
            return 0;
        }
        if (!ConsoleCommand.isTerminal()) {
            return Console.run(() -> null, ConsoleOptions.defaults().withTheme(theme), ConsoleActions.NONE);
        }
        int code =
                ConsoleCommand.open(runner, ConsoleOptions.defaults().withTheme(theme), LiveConsoleActions.forDemo());
        runner.throwIfEngineStopped();
        return code;
    }
}
