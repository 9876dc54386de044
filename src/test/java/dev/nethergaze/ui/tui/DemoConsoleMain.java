package dev.nethergaze.ui.tui;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.LiveRunner;
import dev.nethergaze.model.ServiceNames;
import dev.nethergaze.source.demo.DemoSource;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

/**
 * Opens the real console over the demo scenario, wired exactly as {@code nethergaze demo} should
 * wire it (the CLI is not on this branch): the end-to-end tmux test starts this. Argument: the
 * theme (dark, light, mono).
 */
public final class DemoConsoleMain {

    private DemoConsoleMain() {}

    public static void main(String[] args) {
        EngineSettings settings =
                new EngineSettings(false, 100_000, Duration.ofMinutes(15), 20, "demo", ServiceNames::name);
        InstantSource clock = InstantSource.system();
        DemoSource demo = new DemoSource(clock, Duration.ofSeconds(1), 42);
        int rc;
        try (LiveRunner runner =
                new LiveRunner(new Engine(settings), List.of(demo), clock, Duration.ofMillis(250), 65_536).start()) {
            ConsoleOptions opts = ConsoleOptions.defaults().withTheme(args.length > 0 ? args[0] : "dark");
            rc = Console.run(runner::latest, opts, ConsoleActions.NONE);
        }
        System.exit(rc);
    }
}
