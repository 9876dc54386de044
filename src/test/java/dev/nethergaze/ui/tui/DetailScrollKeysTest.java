package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The help says {@code Home End g G: first / last}, and they are so in the list, the help and a dialog;
 * in the IP detail (on an 80x24 terminal, a brute-forcer's evidence runs past the screen) they did
 * nothing, and the end of the evidence took a {@code ↓} per line.
 */
class DetailScrollKeysTest {

    @Test
    void gAndShiftGGoToTheDetailsFirstAndLastLines() {
        Screens s = new Screens(80, 24, Theme.dark())
                .feed(List.of(Snapshots.longReason()))
                .keys("\r");
        String top = "END-OF-REASON"; // the finding's reason, first; the requests (none) end the detail
        String end = "no HTTP requests";
        assertThat(s.text()).contains(top).doesNotContain(end);
        assertThat(s.keys("G").text()).as("G: the last lines").contains(end).doesNotContain(top);
        assertThat(s.keys("g").text()).as("g: the first lines").contains(top).doesNotContain(end);
        assertThat(s.keys("\033[F").text()).as("End").contains(end);
        assertThat(s.keys("\033[H").text()).as("Home").contains(top);
    }
}
