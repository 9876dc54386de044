package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Under the test runner stdin/stdout are pipes: the console must refuse and point elsewhere. */
class ConsoleRefusalTest {

    @Test
    void refusesPolitelyWithoutATerminal() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            rc = Console.run(() -> null, ConsoleOptions.defaults(), ConsoleActions.NONE);
        } finally {
            System.setErr(err);
        }
        assertThat(rc).isEqualTo(Console.EXIT_USAGE);
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("needs a terminal")
                .contains("nethergaze snapshot")
                .contains("nethergaze watch");
    }
}
