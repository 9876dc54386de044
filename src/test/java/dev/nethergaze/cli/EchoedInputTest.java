package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * An error that echoes what the user typed printed its escape sequences raw to the terminal
 * ({@code --filter $'\e[2Jx:y'} cleared the screen); they are shown as {@code \x1b} now, as report
 * text shows them.
 */
class EchoedInputTest {

    private static final String ESC = "\u001b";

    @Test
    void userInputInAnErrorIsShownNotObeyed() {
        CliRun filter = CliRun.of("snapshot", "--filter", ESC + "[2Jx:y", "--no-history");
        assertThat(filter.exit()).isEqualTo(2);
        assertThat(filter.err()).contains("\\x1b[2Jx:y").doesNotContain(ESC);

        CliRun explain = CliRun.of("explain", ESC + "[2Jfoo");
        assertThat(explain.exit()).isEqualTo(2);
        assertThat(explain.err()).isEqualTo("nethergaze: '\\x1b[2Jfoo' is not an IP address\n");

        CliRun replay = CliRun.of("replay", "/nonexist" + ESC + "[2J");
        assertThat(replay.exit()).isEqualTo(2);
        assertThat(replay.err()).contains("/nonexist\\x1b[2J: no such file").doesNotContain(ESC);
    }
}
