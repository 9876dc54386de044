package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.Mode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A dialog longer than the screen (a hook's output, up to 250 lines) scrolls, and says how much of
 * it is shown. It showed the lines that fitted and dropped the rest without a sign; ↓ did nothing.
 * The help pages too: PgDn closed it.
 */
class DialogScrollTest {

    private static final ConsoleActions HOOK = new ConsoleActions() {
        @Override
        public ActionResult runHook(int n, IpKey ip) {
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                lines.add("output line " + i);
            }
            return ActionResult.show("hook " + n, lines);
        }
    };

    @Test
    void aLongDialogScrollsToItsLastLineAndSaysWhereItIs() {
        Screens s =
                new Screens(80, 24, Theme.dark(), HOOK).feed(Snapshots.demo(4)).keys("1");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MESSAGE);
        String first = s.text();
        assertThat(first).contains("output line 1 ").doesNotContain("output line 100");
        assertThat(first).containsPattern("1–\\d+ of 100");

        s.keys("\u001b[B"); // ↓
        assertThat(s.text()).doesNotContain("output line 1 ").contains("output line 2 ");
        s.keys("\u001b[6~"); // PgDn
        assertThat(s.text()).doesNotContain("output line 2 ");
        s.keys("G"); // End
        String last = s.text();
        assertThat(last).contains("output line 100").containsPattern("\\d+–100 of 100");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MESSAGE);
        s.keys("g");
        assertThat(s.text()).contains("output line 1 ");
        s.keys("\033");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MAIN);
    }

    /** A hook's output is what it is run for: it showed the hook's label in the status bar, and nothing else. */
    @Test
    void aHooksOutputIsShownAndAShortDialogSaysNothingAboutScrolling() {
        ConsoleActions two = new ConsoleActions() {
            @Override
            public ActionResult runHook(int n, IpKey ip) {
                return ActionResult.show("reverse DNS", List.of("$ dig +short -x " + ip, "one.example.", "(exit 0)"));
            }
        };
        String text = new Screens(80, 24, Theme.dark(), two)
                .feed(Snapshots.demo(4))
                .keys("1")
                .text();
        assertThat(text)
                .contains(" reverse DNS ")
                .contains("$ dig +short -x 198.51.100.10")
                .contains("one.example.")
                .contains("(exit 0)")
                .doesNotContain(" of 3");
    }

    @Test
    void pageDownPagesTheHelpInsteadOfClosingIt() {
        Screens s = new Screens(60, 20, Theme.dark()).feed(Snapshots.demo(4)).keys("?");
        assertThat(s.text()).doesNotContain("Row marks");
        s.keys("\u001b[6~\u001b[6~\u001b[6~\u001b[6~");
        assertThat(s.loop.state().mode).isEqualTo(Mode.HELP);
        assertThat(s.text()).contains("Row marks");
        s.keys("\u001b[5~\u001b[5~\u001b[5~\u001b[5~\u001b[5~");
        assertThat(s.text()).contains("Navigate");
    }
}
