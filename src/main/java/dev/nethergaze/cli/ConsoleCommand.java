package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.ui.text.TextFrame;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The live console. Until the full-screen terminal UI lands it prints a compact text frame each second. */
@Command(
        name = "console",
        description = "Live per-IP console for this host (the default command).",
        mixinStandardHelpOptions = true)
final class ConsoleCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        Config c = common.load();
        Engine engine = DetectWiring.engine(c, Wiring.engineSettings(c));
        var sources = Wiring.liveSources(c, InstantSource.system(), StatusReporter.to(System.err));
        var alerts = DetectWiring.alerts(c, System.err);
        try (LiveRunner runner = Wiring.live(c, sources, engine)) {
            alerts.ifPresent(runner::subscribe);
            runner.start();
            return textFrames(runner, null);
        } finally {
            alerts.ifPresent(a -> a.close());
        }
    }

    /** Whether stdout is an interactive terminal (JDK 22+: System.console() exists but may not be one). */
    @SuppressWarnings("SystemConsoleNull") // null check kept for consoles-less launches (e.g. jdk.console=none)
    static boolean isTerminal() {
        java.io.Console con = System.console();
        return con != null && con.isTerminal();
    }

    /** Prints a frame each second for {@code seconds} (null: until interrupted). */
    static int textFrames(LiveRunner runner, Integer seconds) throws InterruptedException {
        boolean tty = isTerminal();
        Snapshot last = null;
        for (int n = 0; seconds == null || n < seconds; n++) {
            Thread.sleep(1000);
            Snapshot s = runner.awaitNext(last, Duration.ofSeconds(2));
            if (s == null) {
                continue;
            }
            last = s;
            if (tty) {
                System.out.print("\033[H\033[2J");
            }
            System.out.print(TextFrame.render(s, tty ? 20 : 40, 160));
            System.out.flush();
        }
        return 0;
    }
}
