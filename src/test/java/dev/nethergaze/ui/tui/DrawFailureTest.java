package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.ui.tui.draw.CellBuffer;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.LogHistory;
import java.util.AbstractList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bug in drawing one view (a value the view did not expect) must not end the console in the middle
 * of an incident, as a history record without a first time once did on Enter: the view says it failed
 * and where, Esc goes back to the list, and the console keeps running.
 */
class DrawFailureTest {

    @Test
    void aViewThatFailsToDrawSaysSoAndEscGoesBack() {
        Screens s = new Screens(160, 45, Theme.dark()).feed(List.of(Snapshots.enriched()));
        s.keys("?"); // the help, which also lists the hooks
        List<String> failingHooks = new AbstractList<>() { // a value the view did not expect
                    @Override
                    public String get(int i) {
                        throw new IllegalStateException("hook names unreadable");
                    }

                    @Override
                    public int size() {
                        return 1;
                    }
                };
        CellBuffer buf = new CellBuffer(160, 45);
        Frame.render(buf, s.loop.state(), s.loop.rows(), new LogHistory(10), Theme.dark(), failingHooks, 0L);
        String failed = buf.toPlainText();
        assertThat(failed)
                .contains("nethergaze: this view failed to draw (a bug; please report it):")
                .contains("IllegalStateException: hook names unreadable at ")
                .contains("Esc goes back to the list");

        s.keys("\u001b");
        Frame.render(buf, s.loop.state(), s.loop.rows(), new LogHistory(10), Theme.dark(), failingHooks, 0L);
        assertThat(buf.toPlainText()).contains("╭ IPs").doesNotContain("failed to draw");
    }
}
