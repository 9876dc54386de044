package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.Mode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Esc backs out one step at a time, in a fixed order: the open view (help, detail, dialog, a prompt),
 * then the quick filter, then the {@code f} filter, then suspicious mode. Before, one Esc meant to
 * drop a typed filter also left suspicious mode, and its worst-first order with it.
 */
class EscOrderTest {

    private static List<Snapshot> demo;

    @BeforeAll
    static void demo() {
        demo = Snapshots.demo(8);
    }

    @Test
    void escClearsTheQuickFilterFirstAndKeepsSuspiciousMode() {
        Screens s = new Screens(160, 45, Theme.dark()).feed(demo).keys("!/198.51\r");
        assertThat(s.loop.state().suspiciousOnly).isTrue();
        assertThat(s.loop.state().quick.describe()).contains("198.51");

        s.keys("\033");
        assertThat(s.loop.state().quick.describe()).isEmpty();
        assertThat(s.loop.state().suspiciousOnly).as("one Esc, one step").isTrue();
        assertThat(s.text()).contains("! SUSPICIOUS").contains("quick filter cleared");

        s.keys("\033");
        assertThat(s.loop.state().suspiciousOnly).isFalse();
        assertThat(s.text()).doesNotContain("! SUSPICIOUS").contains("suspicious mode off");
    }

    @Test
    void theOrderIsQuickFilterThenFilterThenSuspiciousMode() {
        Screens s = new Screens(160, 45, Theme.dark()).feed(demo).keys("!fstate:syn\r/198\r");
        assertThat(s.loop.state().structuredText).isEqualTo("state:syn");

        s.keys("\033");
        assertThat(s.loop.state().quick.describe()).isEmpty();
        assertThat(s.loop.state().structuredText).isEqualTo("state:syn");
        assertThat(s.loop.state().suspiciousOnly).isTrue();

        s.keys("\033");
        assertThat(s.loop.state().structuredText).isEmpty();
        assertThat(s.loop.state().structured.describe()).isEmpty();
        assertThat(s.loop.state().suspiciousOnly).isTrue();
        assertThat(s.text()).contains("filter state:syn cleared");

        s.keys("\033");
        assertThat(s.loop.state().suspiciousOnly).isFalse();
    }

    @Test
    void anOpenViewClosesBeforeAnyFilterIsTouched() {
        Screens s = new Screens(160, 45, Theme.dark()).feed(demo).keys("!/198\r?");
        assertThat(s.loop.state().mode).isEqualTo(Mode.HELP);
        s.keys("\033");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MAIN);
        assertThat(s.loop.state().quick.describe()).contains("198");
        assertThat(s.loop.state().suspiciousOnly).isTrue();

        s.keys("\r");
        assertThat(s.loop.state().mode).isEqualTo(Mode.DETAIL);
        s.keys("\033");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MAIN);
        assertThat(s.loop.state().quick.describe()).contains("198");
        assertThat(s.loop.state().suspiciousOnly).isTrue();
    }

    @Test
    void theHelpSaysWhatEscDoes() {
        String esc = KeyMap.help().stream()
                .filter(e -> e.keys().equals("Esc"))
                .findFirst()
                .orElseThrow()
                .description();
        assertThat(esc).contains("quick filter").contains("f filter").contains("suspicious");
        assertThat(esc.indexOf("quick filter")).isLessThan(esc.indexOf("f filter"));
        assertThat(esc.indexOf("f filter")).isLessThan(esc.indexOf("suspicious"));
        assertThat(new Screens(80, 24, Theme.dark()).feed(demo).keys("?").text())
                .as("whole in the help at 80 columns")
                .contains(esc);
    }
}
