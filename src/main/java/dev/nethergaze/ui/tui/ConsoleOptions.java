package dev.nethergaze.ui.tui;

import dev.nethergaze.ui.tui.filter.FilterParser;
import dev.nethergaze.ui.tui.filter.LanguageFilterParser;
import java.time.Duration;
import java.util.Map;

/**
 * How the console looks and behaves.
 *
 * @param theme {@code dark}, {@code light} or {@code mono} (the {@code --theme} option)
 * @param env the environment, read for {@code NO_COLOR}
 * @param refresh the redraw period when no key is pressed (at most every 250 ms by design)
 * @param mouse whether to ask the terminal for mouse reports
 * @param logLines how many lines the live log keeps for scroll-back
 * @param filterParser the language of the {@code f} filter (issue 6 swaps in the full one)
 */
public record ConsoleOptions(
        String theme,
        Map<String, String> env,
        Duration refresh,
        boolean mouse,
        int logLines,
        FilterParser filterParser) {

    public static final Duration DEFAULT_REFRESH = Duration.ofMillis(250);

    public ConsoleOptions {
        env = Map.copyOf(env);
        if (refresh.compareTo(Duration.ofMillis(20)) < 0) {
            throw new IllegalArgumentException("refresh must be at least 20 ms");
        }
        if (logLines < 10) {
            throw new IllegalArgumentException("logLines must be at least 10");
        }
    }

    /** Dark theme (or mono under NO_COLOR), 250 ms, mouse on, 2000 log lines, the filter language. */
    public static ConsoleOptions defaults() {
        return new ConsoleOptions("dark", System.getenv(), DEFAULT_REFRESH, true, 2000, new LanguageFilterParser());
    }

    public ConsoleOptions withTheme(String name) {
        return new ConsoleOptions(name, env, refresh, mouse, logLines, filterParser);
    }

    public ConsoleOptions withEnv(Map<String, String> e) {
        return new ConsoleOptions(theme, e, refresh, mouse, logLines, filterParser);
    }

    public ConsoleOptions withMouse(boolean m) {
        return new ConsoleOptions(theme, env, refresh, m, logLines, filterParser);
    }
}
