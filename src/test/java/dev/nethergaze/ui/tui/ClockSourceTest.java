package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's {@code clock} entry counts the log lines stamped ahead of this host's clock (taken at
 * the time read, or left out of a backfill). Found following a log written a minute ahead: the top
 * bar said {@code ● clock, 496 unparsed} (every one of those lines was parsed and counted), and the
 * help, which lists the sources' problems in full, left it out, so the reason was nowhere.
 */
class ClockSourceTest {

    static final String DETAIL = "496 log lines stamped up to 72 s ahead of this host's clock (first from"
            + " http:/var/log/nginx/access.log): taken at the time read. A server clock ahead, or a log"
            + " written in another time zone than this one (TZ)?";

    private static Snapshot withClock() {
        Snapshot d = Snapshots.demo(4).getLast();
        List<SourceHealth> sources = new ArrayList<>(d.sources());
        sources.add(new SourceHealth("clock", "clock", SourceStatus.OK, DETAIL, 496, 496));
        return new Snapshot(
                d.generatedAt(), d.host(), sources, d.totals(), d.ips(), d.listeners(), d.findings(), List.of());
    }

    @Test
    void theTopBarSaysWhatTheClockEntryCountsNotUnparsed() {
        String top = Screens.topBar(withClock(), withClock().sources(), 400);
        assertThat(top).doesNotContain("unparsed").contains("● clock: 496 log lines stamped up to 72 s ahead");
    }

    @Test
    void theHelpHasItInFull() {
        Screens s =
                new Screens(160, 45, Theme.dark()).feed(List.of(withClock())).keys("?");
        String help = String.join(" ", s.text().lines().map(String::strip).toList());
        assertThat(help.replaceAll("[│ ]+", " ")).contains("clock: 496 log lines stamped up to 72 s ahead");
        assertThat(help).contains("(TZ)?");
    }
}
