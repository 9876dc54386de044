package dev.nethergaze.cli;

import dev.nethergaze.config.ConfigException;
import dev.nethergaze.config.ConfigLoader;
import dev.nethergaze.config.HistoryConfig;
import dev.nethergaze.store.HistoryException;
import dev.nethergaze.store.HistoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options shared by every {@code history} command (a picocli mixin): which file, which format, and
 * the one-line-error convention. {@code --history FILE} and {@code --no-history} mean the same in
 * every command that reads or writes history.
 */
public final class HistoryFileOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--history", paramLabel = "FILE", description = "History file (default: [history] path)")
    Path file;

    @Option(names = "--no-history", description = "Do not use a history file")
    boolean noHistory;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file")
    Path config;

    @Option(names = "--json", description = "JSON output")
    boolean json;

    @Option(names = "--csv", description = "CSV output")
    boolean csv;

    /** What a command does with the opened store. */
    @FunctionalInterface
    interface Body {
        void run(HistoryStore store) throws IOException;
    }

    int run(Body body) {
        if (noHistory) {
            return fail("history: --no-history given: nothing to read");
        }
        if (json && csv) {
            return fail("history: choose one of --json and --csv");
        }
        try {
            Path path = file != null ? file : configured();
            if (!Files.exists(path)) {
                return fail("history: " + path + ": no history file (run the console, or replay with --history FILE)");
            }
            body.run(HistoryStore.openToRead(path));
            out().flush();
            return 0;
        } catch (HistoryException | ConfigException e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("history: cannot write output: " + e.getMessage());
        }
    }

    private Path configured() {
        HistoryConfig h = ConfigLoader.load(config, System.getenv(), Map.of()).history();
        return h.file(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    PrintWriter out() {
        return dev.nethergaze.ui.text.SafeTerminalWriter.over(spec.commandLine().getOut());
    }

    int fail(String message) {
        spec.commandLine().getErr().println(message);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
