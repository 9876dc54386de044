package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.config.ConfigLoader;
import dev.nethergaze.enrich.EnrichOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the one-shot commands about given addresses ({@code lookup}, {@code trace}). */
final class LookupOptions {

    @Option(names = "--json", description = "A JSON document instead of text.")
    boolean json;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Configuration file (default: $XDG_CONFIG_HOME/nethergaze/config.toml).")
    Path configFile;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Set any configuration key, e.g. --set whois.rdns=true (repeatable).")
    Map<String, String> set = new LinkedHashMap<>();

    @Mixin
    EnrichSwitches enrich = new EnrichSwitches();

    /** The enrichment settings from the switches, --set, the environment and the configuration file. */
    EnrichOptions enrichOptions() {
        Map<String, String> cli = new LinkedHashMap<>(set); // as the other commands: the switches win
        enrich.addTo(cli);
        Config c = ConfigLoader.load(configFile, System.getenv(), cli);
        return enrich.options(c);
    }
}
