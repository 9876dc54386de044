package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.config.ConfigLoader;
import dev.nethergaze.enrich.geo.GeoUpdateException;
import dev.nethergaze.enrich.geo.GeoUpdater;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nethergaze geo update}: the offline GeoIP databases. */
@Command(
        name = "geo",
        description = "Manage the offline GeoIP/ASN databases.",
        mixinStandardHelpOptions = true,
        subcommands = {GeoCommand.Update.class, CommandLine.HelpCommand.class})
final class GeoCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: try 'nethergaze geo update'");
    }

    @Command(
            name = "update",
            description = "Download this month's DB-IP Lite City and ASN databases into the data folder"
                    + " (earlier months if not yet published); the installed files stay if a download fails.",
            mixinStandardHelpOptions = true)
    static final class Update implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "Configuration file (default: $XDG_CONFIG_HOME/nethergaze/config.toml).")
        Path configFile;

        @Option(
                names = "--data-dir",
                paramLabel = "DIR",
                description = "Install here instead of $XDG_DATA_HOME/nethergaze.")
        Path dataDir;

        @Option(names = "--url", paramLabel = "URL", description = "Base URL (default: geoip.update_url).")
        String url;

        @Override
        public Integer call() throws InterruptedException {
            Config c = ConfigLoader.load(
                    configFile, System.getenv(), url == null ? Map.of() : Map.of("geoip.update_url", url));
            URI base;
            try {
                base = GeoUpdater.baseUrl(c.geoip().updateUrl());
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            Path dir = dataDir != null
                    ? dataDir
                    : new EnrichSwitches().options(c).geo().dataDir();
            GeoUpdater updater =
                    new GeoUpdater(base, dir, InstantSource.system(), Duration.ofSeconds(10), Duration.ofSeconds(60));
            PrintWriter err = spec.commandLine().getErr();
            int failures = 0;
            for (GeoUpdater.Product p : GeoUpdater.Product.values()) {
                try {
                    GeoUpdater.Installed i = updater.update(p);
                    System.out.println("installed " + i.file() + ": " + i.databaseType() + " built " + i.buildDate()
                            + " (from " + i.source() + ")");
                } catch (GeoUpdateException e) {
                    err.println("nethergaze: geo update: " + e.getMessage());
                    failures++;
                }
            }
            err.flush();
            if (failures < GeoUpdater.Product.values().length) {
                System.out.println(GeoUpdater.ATTRIBUTION);
            }
            System.out.flush();
            return failures == 0 ? 0 : 1;
        }
    }
}
