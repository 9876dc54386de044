package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A filter refused on Enter says why beside the prompt, which stays open to mend it. Found in tmux
 * at 160 columns: the reason had half the line whatever the prompt left free, and the part that
 * says what is wrong was cut ({@code not an IP address or CIDR: '30…}).
 */
class FilterErrorShownTest {

    @ParameterizedTest
    @CsvSource({"160", "200"})
    void theReasonIsWholeWhenThePromptLeavesRoomForIt(int width) {
        Screens s = new Screens(width, 45, Theme.dark()).feed(Snapshots.demo(4)).keys("fcidr:300.1.1.1/8\r");
        assertThat(s.loop.state().mode).isEqualTo(Mode.FILTER);
        String bottom = s.text().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(bottom)
                .contains("cidr:300.1.1.1/8")
                .contains("bad filter term 'cidr:300.1.1.1/8' at column 1: not an IP address or CIDR: '300.1.1.1/8'");
    }

    @ParameterizedTest
    @CsvSource({"80", "100"})
    void onANarrowLineWhatWasTypedStaysInSight(int width) {
        Screens s = new Screens(width, 24, Theme.dark()).feed(Snapshots.demo(4)).keys("fcidr:300.1.1.1/8\r");
        String bottom = s.text().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(bottom).contains("cidr:300.1.1.1/8").contains("bad filter").contains("…");
    }
}
