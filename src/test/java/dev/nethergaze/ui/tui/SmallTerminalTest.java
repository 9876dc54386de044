package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.ui.tui.draw.Theme;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a very small terminal shows (tmux panes split small, a phone's SSH client). */
class SmallTerminalTest {

    /**
     * Found at 20×5 in tmux: "nethergaze: terminal" / "need 40×10, have 20×", the size cut off where
     * the line ended. The words wrap, and every one is whole.
     */
    @ParameterizedTest
    @CsvSource({"20, 5", "12, 8", "39, 10", "60, 9"})
    void tooSmallSaysSoInWholeWords(int w, int h) {
        String text = new Screens(w, h, Theme.dark()).feed(Snapshots.demo(2)).text();
        String words = String.join(
                        " ", Arrays.stream(text.split("\n")).map(String::strip).toList())
                .strip()
                .replaceAll(" +", " ");
        assertThat(words).isEqualTo("nethergaze: terminal too small: need 40×10, have " + w + "×" + h);
    }

    /**
     * Found at 40×10 and 41×11 in tmux: the IP table's box was drawn without a single row (at 40×10
     * not even its header), the lines going to the log below it.
     */
    @ParameterizedTest
    @CsvSource({"40, 10", "41, 11", "60, 12"})
    void theSmallestTerminalStillShowsTheTopOffender(int w, int h) {
        String text = new Screens(w, h, Theme.dark()).feed(Snapshots.demo(4)).text();
        assertThat(text).contains("198.51.100.10");
    }
}
