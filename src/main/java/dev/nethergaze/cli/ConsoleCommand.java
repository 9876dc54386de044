package dev.nethergaze.cli;

import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.source.sys.TerminalStdin;
import dev.nethergaze.ui.tui.Console;
import dev.nethergaze.ui.tui.ConsoleActions;
import dev.nethergaze.ui.tui.ConsoleOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The live full-screen console of this host (the default command). */
@Command(
        name = "console",
        description = "Live per-IP console for this host (the default command).",
        mixinStandardHelpOptions = true)
final class ConsoleCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    SessionOptions session = new SessionOptions();

    @Option(names = "--theme", paramLabel = "NAME", description = "dark, light or mono (NO_COLOR forces mono).")
    String theme = "dark";

    @Override
    public Integer call() {
        return run(common, session, theme);
    }

    /** The console over a live session of this host (also {@code nethergaze capture} without --headless). */
    static int run(CommonOptions common, SessionOptions session, String theme) {
        ConsoleOptions opts = ConsoleOptions.defaults().withTheme(theme);
        keysFromTheTerminal();
        if (!isTerminal()) {
            return Console.run(() -> null, opts, ConsoleActions.NONE); // explains and points at snapshot/watch
        }
        try (LiveSession s = LiveSession.start(common, session, null, false)) {
            int code = Console.run(
                    s.runner::latest,
                    opts,
                    new LiveConsoleActions(s.config, s.enricher != null ? s.enrich : null, true)
                            .keepingHistory(s.keepsHistory()),
                    s.stopRequested);
            s.runner.throwIfEngineStopped(); // closed because the engine stopped: said once the terminal is restored
            return code;
        }
    }

    /**
     * With a pipe as standard input (a log: {@code docker logs -f web | nethergaze --access-log -}) and
     * a terminal as standard output, the console reads its keys from the terminal and the log from
     * where the pipe was moved ({@link TerminalStdin}). Where that cannot be done, the console
     * explains that it needs a terminal.
     */
    private static void keysFromTheTerminal() {
        try {
            Path pipe = TerminalStdin.moveAside();
            if (pipe != null) {
                Wiring.stdinAt(pipe);
            }
        } catch (IllegalStateException | UnsatisfiedLinkError | UnsupportedOperationException e) {
            // no native access (or no such libc call): left as it is
        }
    }

    /** Opens the console over a running pipeline until the user quits. */
    static int open(LiveRunner runner, ConsoleOptions opts, ConsoleActions actions) {
        return Console.run(runner::latest, opts, actions, runner.engineStopped()); // closes if the engine stops
    }

    /** Whether stdout is an interactive terminal (JDK 22+: System.console() exists but may not be one). */
    @SuppressWarnings("SystemConsoleNull") // null check kept for consoles-less launches (e.g. jdk.console=none)
    static boolean isTerminal() {
        java.io.Console con = System.console();
        return con != null && con.isTerminal();
    }
}
