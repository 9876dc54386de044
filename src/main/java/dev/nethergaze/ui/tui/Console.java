package dev.nethergaze.ui.tui;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.term.JLineTty;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The entry point the CLI calls to open the full-screen console over a live snapshot supplier.
 * Owns terminal hygiene: it refuses when stdout is not a terminal, restores the terminal on every
 * exit path (quit, Ctrl-C, SIGTERM via a shutdown hook, an exception), and keeps stray output off
 * the screen while it runs (held back, then written to stderr; each line also said in the status bar).
 */
public final class Console {

    /** Exit status when the console cannot start (not a terminal, bad option). */
    public static final int EXIT_USAGE = 2;

    private static final int HELD_OUTPUT_MAX = 64 * 1024;

    private Console() {}

    /**
     * Runs the console until the user quits; returns the process exit status.
     *
     * @param latest the newest snapshot, or null before the first (e.g. {@code runner::latest})
     * @param opts theme, refresh, mouse and filter language
     * @param actions what the console may ask of the program ({@link ConsoleActions#NONE} for none)
     */
    public static int run(Supplier<Snapshot> latest, ConsoleOptions opts, ConsoleActions actions) {
        return run(latest, opts, actions, new CompletableFuture<Void>());
    }

    /**
     * Runs the console until the user quits or {@code stop} completes (e.g. {@code nethergaze ctl
     * stop}): the console then closes as if the user had quit, terminal restored.
     */
    @SuppressWarnings("SystemConsoleNull") // null check kept for JDKs/launchers without a console
    public static int run(
            Supplier<Snapshot> latest, ConsoleOptions opts, ConsoleActions actions, CompletionStage<?> stop) {
        // the run the console opens over has just started (the demo's, a live session's): its uptime
        // counts from here, not from the first frame after the terminal opened, nor from the JVM's start
        Instant opened = Instant.now();
        PrintStream err = System.err;
        java.io.Console c = System.console();
        if (c == null || !c.isTerminal()) {
            err.println("nethergaze: the console needs a terminal, and stdin/stdout are not one.");
            err.println("  For scripts use `nethergaze snapshot` (one JSON snapshot, or `--text` for the plain-text"
                    + " report) or `nethergaze watch` (a JSONL stream).");
            return EXIT_USAGE;
        }
        Theme theme;
        try {
            theme = Theme.select(opts.theme(), opts.env());
        } catch (IllegalArgumentException e) {
            err.println("nethergaze: " + e.getMessage());
            return EXIT_USAGE;
        }
        return runOnTerminal(latest, opts, actions, stop, theme, err, opened);
    }

    private static int runOnTerminal(
            Supplier<Snapshot> latest,
            ConsoleOptions opts,
            ConsoleActions actions,
            CompletionStage<?> stop,
            Theme theme,
            PrintStream err,
            Instant opened) {
        PrintStream out = System.out;
        ConsoleLoop[] loop = new ConsoleLoop[1];
        // each line also goes to the status bar as it is written: a NATS connection lost, said at once
        HeldOutput held = new HeldOutput(HELD_OUTPUT_MAX, line -> note(loop[0], line));
        PrintStream hold = new PrintStream(held, true, StandardCharsets.UTF_8);
        JLineTty tty;
        try {
            tty = JLineTty.open(opts.mouse(), () -> interrupt(loop[0]), () -> resize(loop[0]));
        } catch (IOException | RuntimeException e) {
            err.println("nethergaze: cannot open the terminal: " + e.getMessage());
            return EXIT_USAGE;
        }
        Thread restore = new Thread(tty::close, "console-restore");
        Runtime.getRuntime().addShutdownHook(restore);
        System.setOut(hold);
        System.setErr(hold);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            loop[0] = new ConsoleLoop(tty, latest, opts, theme, actions, executor, System::nanoTime);
            loop[0].runStartedAt(opened);
            stop.thenRun(loop[0]::interrupt); // at once if already stopped
            return loop[0].run();
        } catch (IOException | RuntimeException | Error e) {
            tty.close();
            err.println("nethergaze: the console failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            tty.close();
            System.setOut(out);
            System.setErr(err);
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException e) {
                // shutting down already: the hook restores (again, idempotently)
            }
            if (!held.isEmpty()) {
                err.println("nethergaze: output while the console was open:");
                err.print(held.text());
            }
        }
    }

    private static void interrupt(ConsoleLoop l) {
        if (l != null) {
            l.interrupt();
        }
    }

    private static void note(ConsoleLoop l, String line) {
        if (l != null) {
            l.note(line);
        }
    }

    private static void resize(ConsoleLoop l) {
        if (l != null) {
            l.resize();
        }
    }
}
