package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.ui.tui.draw.Theme;
import org.junit.jupiter.api.Test;

/** The strip's request rate is a 60 s average (the engine keeps no shorter window): it says so. */
class RateLabelTest {

    @Test
    void theRequestRateSaysItIsASixtySecondAverage() {
        String screen =
                new Screens(160, 45, Theme.dark()).feed(Snapshots.demo(8)).text();
        assertThat(screen).contains("req/s (60 s avg) ");
    }
}
