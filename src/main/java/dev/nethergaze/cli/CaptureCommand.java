package dev.nethergaze.cli;

import dev.nethergaze.act.alert.AlertDispatcher;
import dev.nethergaze.config.Config;
import dev.nethergaze.config.ConfigLoader;
import dev.nethergaze.control.ControlServer;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.engine.ReplayDriver;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.capture.CaptureControl;
import dev.nethergaze.source.capture.CaptureFile;
import dev.nethergaze.source.capture.CaptureJsonl;
import dev.nethergaze.source.capture.CaptureOptions;
import dev.nethergaze.source.capture.LiveCapture;
import dev.nethergaze.source.capture.PacketFilter;
import dev.nethergaze.source.capture.ReplayCapture;
import dev.nethergaze.source.tail.IoErrors;
import dev.nethergaze.ui.text.TextFrame;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nethergaze capture --headless}: live capture (libpcap) or pcap/pcapng replay ({@code --read})
 * into the engine, with the control socket, an optional JSONL export, and the snapshot JSON and
 * top-talkers CSV written at exit.
 */
@Command(
        name = "capture",
        mixinStandardHelpOptions = true,
        description = "Capture packets (live or from a pcap) into per-IP wire metrics.")
public final class CaptureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--headless",
            description = "run without the console (else: the console with capture on, like `nethergaze --capture`);"
                    + " prints the text report at the end unless --snapshot, --csv, --jsonl or --alerts is given")
    boolean headless;

    @Option(names = "--iface", description = "interface (default: the default-route interface)")
    String iface;

    @Option(names = "--read", description = "replay this pcap or pcapng file instead of capturing")
    Path read;

    @Option(names = "--speed", defaultValue = "max", description = "replay pace: max, or e.g. 1x, 10x")
    String speed;

    @Mixin
    CaptureFilterOptions filter = new CaptureFilterOptions();

    @Option(names = "--jsonl", description = "write JSON lines to FILE")
    Path jsonl;

    @Option(names = "--jsonl-level", defaultValue = "second", description = "packet or second")
    String jsonlLevel;

    @Option(names = "--jsonl-max-mb", defaultValue = "100", description = "rotate the JSONL file at this size")
    long jsonlMaxMb;

    @Mixin
    ControlSocketOptions control = new ControlSocketOptions();

    @Option(names = "--duration", description = "stop after this many seconds (a replay: with what it read by then)")
    Long durationSeconds;

    @Option(names = "--snapshot", description = "write the snapshot JSON here at exit")
    Path snapshotFile;

    @Option(names = "--csv", description = "write the top-talkers CSV here at exit")
    Path csvFile;

    @Option(
            names = "--alerts",
            description = "also append every alert to FILE as JSON lines: findings (high_pps, syn_scan, ...) and"
                    + " first sightings (new_ip, new_mac), besides the [alerts] sinks of the config")
    Path alertsFile;

    @Option(names = "--config", description = "configuration file (default: $XDG_CONFIG_HOME/nethergaze/config.toml)")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!headless) {
            return console(err);
        }
        Config config = ConfigLoader.load(configFile, System.getenv(), Map.of());
        writableAtExit("--snapshot", snapshotFile);
        writableAtExit("--csv", csvFile);
        writableAtExit("--jsonl", jsonl);
        CaptureOptions options;
        try {
            options = options();
        } catch (UserException | IllegalArgumentException e) {
            err.println("nethergaze capture: " + e.getMessage());
            return 2;
        }
        if (alertsFile != null) {
            writable(alertsFile);
        }
        if (read != null && Files.isDirectory(read)) { // replay's word for a directory asks for logs in it
            err.println("nethergaze capture: " + read + ": is a directory (give a pcap or pcapng file in it, e.g. "
                    + read + "/*.pcap)");
            return 2;
        }
        SourceHealth unreadable = read == null ? null : ReplayCommand.unreadable(read);
        if (unreadable != null) { // as replay says it: one line, exit 2 (it was an empty report, exit 0)
            err.println("nethergaze capture: " + read + ": " + unreadable.detail());
            return 2;
        }
        if (read != null && !CaptureFile.isCapture(read)) {
            err.println("nethergaze capture: " + read + ": not a pcap or pcapng file (no capture header at its start)");
            return 2;
        }
        String cannot = read == null ? LiveCapture.probe(iface, options) : null;
        if (cannot != null) { // the only source cannot start: say so now, not after a run that counts nothing
            err.println("nethergaze capture: " + cannot);
            if (options.jsonl() != null) {
                options.jsonl().close();
            }
            return 2;
        }
        StatusReporter reporter = StatusReporter.to(System.err);
        EngineSettings settings = Wiring.engineSettings(config).withShowPrivateIps(true);
        if (read != null) {
            settings = settings.withIpIdle(null);
        }
        Engine engine = DetectWiring.engine(config, settings);
        AlertDispatcher alerts = DetectWiring.alerts(config, alertsFile, read != null, () -> System.err)
                .orElse(null);
        options = DetectWiring.captureAlerts(options, alerts, settings.host());
        try (ExitHook exit = ExitHook.install()) { // closed last: a signal waits for the writes below
            Snapshot last = read != null
                    ? replay(engine, options, reporter, alerts, exit)
                    : live(engine, options, reporter, alerts, exit);
            List<String> unwritten = CaptureExports.write(last, snapshotFile, csvFile);
            unwritten.forEach(line -> err.println("nethergaze capture: " + line));
            if (snapshotFile == null && csvFile == null && jsonl == null && alertsFile == null && last != null) {
                // nothing asked to be written: say what was seen rather than exit in silence
                Output.text(TextFrame.render(last, 50, 160));
            }
            return unwritten.isEmpty() ? 0 : 1;
        } finally {
            if (options.jsonl() != null) {
                options.jsonl().close();
            }
            if (alerts != null) {
                alerts.close();
                if (alerts.failed() + alerts.dropped() > 0) {
                    err.println("nethergaze capture: alerts: " + alerts.sent() + " delivered, " + alerts.failed()
                            + " failed, " + alerts.dropped() + " dropped");
                }
            }
        }
    }

    /**
     * Without --headless: the console of this host with capture on --iface (the default-route
     * interface) and the control socket; the options that only make sense headless are refused.
     */
    private int console(PrintWriter err) {
        String headlessOnly = read != null
                ? "--read (or `nethergaze replay FILE.pcap`)"
                : jsonl != null
                        ? "--jsonl"
                        : durationSeconds != null
                                ? "--duration"
                                : snapshotFile != null ? "--snapshot" : csvFile != null ? "--csv" : null;
        if (headlessOnly != null) {
            err.println("nethergaze capture: " + headlessOnly + " needs --headless (without it, capture opens the"
                    + " console: nethergaze --capture[=IFACE])");
            return 2;
        }
        if (alertsFile != null) {
            err.println("nethergaze capture: --alerts FILE needs --headless; the console sends alerts to the"
                    + " [alerts] sinks (e.g. --set alerts.jsonl=FILE)");
            return 2;
        }
        CommonOptions common = new CommonOptions();
        common.configFile = configFile;
        return ConsoleCommand.run(common, SessionOptions.capturing(iface, filter, control), "dark");
    }

    private CaptureOptions options() throws IOException {
        CaptureOptions o = CaptureOptions.defaults().withFilter(filter.spec()).withSpeed(parseSpeed(speed));
        if (read != null) {
            PacketFilter.of(o.filter()); // a replay filters in software: a --bpf it cannot apply is a usage error
        }
        if (durationSeconds != null && durationSeconds < 1) { // 0 or less ended the run at once, exit 0
            throw new IllegalArgumentException("--duration must be at least 1 (second), got " + durationSeconds);
        }
        if (jsonlMaxMb < 1) {
            throw new IllegalArgumentException("--jsonl-max-mb must be at least 1 (MiB), got " + jsonlMaxMb);
        }
        if (jsonl != null) {
            o = o.withJsonl(new CaptureJsonl(jsonl, CaptureJsonl.Level.parse(jsonlLevel), jsonlMaxMb << 20, 5));
        }
        return o;
    }

    /** Creates the alerts file now, so an unwritable path is one error at start, not one per alert. */
    private static void writable(Path file) {
        try {
            Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    .close();
        } catch (IOException e) {
            throw new UserException("--alerts " + file + ": cannot write (" + IoErrors.describe(e) + ")");
        }
    }

    /**
     * Checks now that {@code file} can be written at exit (or, for --jsonl, opened now), without
     * creating it: a path that cannot be written is one error at start, not an internal error after
     * the whole capture ran.
     */
    static void writableAtExit(String option, Path file) {
        if (file == null) {
            return;
        }
        Path abs = file.toAbsolutePath();
        String why;
        if (Files.isDirectory(abs)) {
            why = "is a directory";
        } else if (Files.exists(abs)) {
            why = Files.isWritable(abs) ? null : "permission denied";
        } else {
            Path dir = abs.getParent();
            why = !Files.isDirectory(dir)
                    ? "no such directory " + dir
                    : Files.isWritable(dir) ? null : "permission denied: cannot create files in " + dir;
        }
        if (why != null) {
            throw new UserException(option + " " + file + ": cannot write (" + why + ")");
        }
    }

    static double parseSpeed(String s) {
        String v = s.toLowerCase(Locale.ROOT).strip();
        if (v.equals("max") || v.equals("0")) {
            return 0;
        }
        try {
            double x = Double.parseDouble(v.endsWith("x") ? v.substring(0, v.length() - 1) : v);
            if (!(x > 0)) {
                throw new IllegalArgumentException("--speed must be positive: " + s);
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--speed must be max or like 1x: " + s, e);
        }
    }

    private Snapshot replay(
            Engine engine, CaptureOptions options, StatusReporter reporter, AlertDispatcher alerts, ExitHook exit)
            throws Exception {
        ReplayCapture capture = new ReplayCapture(read, options, reporter);
        exit.onSignal(capture::stop);
        Thread deadline = durationSeconds == null
                ? null
                : Thread.ofVirtual().name("replay-duration").start(() -> {
                    try {
                        Thread.sleep(Duration.ofSeconds(durationSeconds));
                        capture.stop("at --duration " + durationSeconds + " s");
                    } catch (InterruptedException e) {
                        // the replay ended first
                    }
                });
        ReplayDriver driver = new ReplayDriver(engine, options.tick());
        if (alerts != null) {
            driver.subscribe(alerts);
        }
        CaptureControlHandler handler =
                CaptureControlHandler.replaying(capture, options.filter(), read, driver.requests(), capture::stop);
        try (ControlServer ignored = openControl(handler)) {
            return driver.run(List.of(capture));
        } finally {
            if (deadline != null) {
                deadline.interrupt();
            }
        }
    }

    private Snapshot live(
            Engine engine, CaptureOptions options, StatusReporter reporter, AlertDispatcher alerts, ExitHook exit)
            throws Exception {
        LiveCapture capture = new LiveCapture(iface, options, InstantSource.system(), reporter);
        CountDownLatch stop = new CountDownLatch(1);
        exit.onSignal(stop::countDown);
        try (LiveRunner runner =
                        new LiveRunner(engine, List.of(capture), InstantSource.system(), Duration.ofMillis(250), 4096);
                ControlServer ignored = control(capture, options, runner::latest, stop)) {
            if (alerts != null) {
                runner.subscribe("alerts", alerts);
            }
            runner.onEngineStopped(stop::countDown);
            runner.start();
            if (durationSeconds != null) {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            runner.throwIfEngineStopped();
            Snapshot last = runner.latest();
            return last != null ? last : engine.snapshot(List.of(capture.health()));
        }
    }

    private ControlServer control(
            CaptureControl capture, CaptureOptions options, Supplier<Snapshot> latest, CountDownLatch stop) {
        return openControl(new CaptureControlHandler(capture, options.filter(), latest, stop::countDown));
    }

    private ControlServer openControl(CaptureControlHandler handler) {
        return control.open(handler, System.err);
    }
}
