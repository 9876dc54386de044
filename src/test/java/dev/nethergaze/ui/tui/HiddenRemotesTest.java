package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.Totals;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An empty table whose remotes were all hidden (loopback/private) says so: the console on an nginx log
 * of 2,001 requests from 127.x addresses read them all and still said "no remote IPs yet".
 */
class HiddenRemotesTest {

    private static Snapshot onlyHidden(int hiddenConns, long hiddenRequests) {
        Snapshot base = Snapshots.demo(1).getLast();
        Totals tot = new Totals(
                hiddenConns,
                0,
                Map.of(),
                hiddenConns,
                0,
                0,
                0,
                hiddenRequests,
                0,
                6003,
                0,
                null,
                List.of(),
                hiddenRequests);
        return new Snapshot(
                base.generatedAt(), base.host(), base.sources(), tot, List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void anEmptyTableSaysWhatItHidesAndHowToShowIt() {
        String screen = new Screens(160, 45, Theme.dark())
                .feed(List.of(onlyHidden(3, 2001)))
                .text();
        assertThat(screen)
                .contains("2001 requests and 3 connections from loopback or private addresses are hidden")
                .contains("--show-private-ips lists them");
        String narrow = new Screens(80, 24, Theme.dark())
                .feed(List.of(onlyHidden(3, 2001)))
                .text();
        assertThat(narrow).contains("--show-private-ips lists them");
    }

    @Test
    void withNothingHiddenItIsStillNoRemoteIpsYet() {
        String screen = new Screens(160, 45, Theme.dark())
                .feed(List.of(onlyHidden(0, 0)))
                .text();
        assertThat(screen).contains("no remote IPs yet").doesNotContain("hidden");
    }
}
