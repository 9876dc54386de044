package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.ReplayDriver;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.httplog.AccessLogReplay;
import dev.nethergaze.ui.text.TextFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "replay",
        description = "Read whole log files (no tailing) on their own timestamps and print the final per-IP report.",
        mixinStandardHelpOptions = true)
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    FilterOptions filters;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Access logs (plain or .gz).")
    List<Path> files;

    @Option(names = "--json", description = "Print the report as one JSON document (default: a text table).")
    boolean json;

    @Option(
            names = "--hide-private-ips",
            description = "Hide private/loopback clients (replay shows them by default: the report is about the file).")
    boolean hidePrivate;

    @Override
    public Integer call() throws InterruptedException {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new UserException(f + ": no such file");
            }
        }
        Config c = common.load();
        filters.parsed();
        EngineSettings settings =
                Wiring.engineSettings(c).withShowPrivateIps(!hidePrivate).withIpIdle(null);
        Engine engine = DetectWiring.engine(c, settings);
        ReplayDriver driver =
                new ReplayDriver(engine, Duration.ofMillis(c.general().tickMs()));
        AccessLogReplay logs = new AccessLogReplay("replay:http", files, StatusReporter.to(System.err));
        Snapshot s = filters.apply(driver.run(List.of(logs)));
        if (json) {
            Output.document(s, System.out);
        } else {
            System.out.print(TextFrame.render(s, 50, 160));
        }
        return 0;
    }
}
