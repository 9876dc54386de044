package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.ui.tui.draw.Theme;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a background part of the run writes to stderr while the console holds it (the NATS
 * publisher's "connection lost" or "documents are cut", a history write that failed) is said in the
 * status bar when it is written, not only after the console closes, hours later.
 */
class BackgroundNoteTest {

    private static String bottom(Screens s) {
        return s.text().lines().reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aLineWrittenToTheHeldStderrIsShownInTheStatusBar() {
        Screens s = new Screens(160, 45, Theme.dark()).feed(Snapshots.demo(4));
        s.loop.note("nethergaze: nats: connection lost: Connection reset (reconnecting)");
        assertThat(bottom(s)).contains("nats: connection lost: Connection reset (reconnecting)");
        assertThat(bottom(s)).doesNotContain("nethergaze: nats"); // the console's own name is not repeated
    }

    @Test
    void aKeysAnswerAfterwardsTakesTheBar() {
        Screens s = new Screens(160, 45, Theme.dark()).feed(Snapshots.demo(4));
        s.loop.note("nethergaze: nats: connection lost (reconnecting)");
        s.keys("!");
        assertThat(bottom(s)).contains("suspicious mode").doesNotContain("nats");
    }

    @Test
    void heldOutputKeepsEveryByteAndPassesOnWholeLines() {
        List<String> lines = new ArrayList<>();
        HeldOutput held = new HeldOutput(1024, lines::add);
        PrintStream err = new PrintStream(held, true, StandardCharsets.UTF_8);
        err.print("nethergaze: nats: conn");
        assertThat(lines).isEmpty(); // not yet a line
        err.println("ected to 127.0.0.1:4222 — publishing");
        err.print("second\r\nthird\n\n");
        assertThat(lines)
                .containsExactly("nethergaze: nats: connected to 127.0.0.1:4222 — publishing", "second", "third");
        assertThat(held.text())
                .isEqualTo("nethergaze: nats: connected to 127.0.0.1:4222 — publishing" + System.lineSeparator()
                        + "second\r\nthird\n\n");
    }

    @Test
    void heldOutputIsBoundedButStillPassesLinesOn() {
        List<String> lines = new ArrayList<>();
        HeldOutput held = new HeldOutput(16, lines::add);
        PrintStream err = new PrintStream(held, true, StandardCharsets.UTF_8);
        err.print("0123456789abcdef-and-more\nlate line\n");
        assertThat(held.text()).isEqualTo("0123456789abcdef");
        assertThat(lines).containsExactly("0123456789abcdef-and-more", "late line");
    }
}
