package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The header's uptime counts from the start of the run, the clock the IPs' first-seen times are on.
 * It counted from the first snapshot the console drew, a second or two after the engine had started
 * (the terminal opened meanwhile): "up 4s" beside an IP "first seen … (5s ago)".
 */
class UptimeTest {

    private static final List<Snapshot> DEMO = Snapshots.demo(8);

    private static String top(Screens s) {
        return s.text().lines().findFirst().orElseThrow();
    }

    @Test
    void upCountsFromTheRunsStartNotFromTheConsolesFirstFrame() {
        Screens s = new Screens(160, 45, Theme.dark());
        s.loop.runStartedAt(Snapshots.T0);
        s.feed(DEMO.subList(3, 8)); // the console's first frame came 3 s into the run
        assertThat(top(s)).contains("up 7s").contains("03:00:07 UTC");
        assertThat(DEMO.getLast().ips())
                .as("IPs first seen in the run's first second: 7 s before, as the uptime says")
                .anyMatch(v -> v.firstSeen().equals(Snapshots.T0));
    }

    @Test
    void aStartAfterTheFirstSnapshotIsNotTrusted() {
        Screens s = new Screens(160, 45, Theme.dark());
        s.loop.runStartedAt(Snapshots.T0.plusSeconds(3600)); // another clock than the snapshots'
        s.feed(DEMO.subList(3, 8));
        assertThat(top(s)).contains("up 4s");
    }

    @Test
    void withoutAStartTheFirstSnapshotIsTheStart() {
        Screens s = new Screens(160, 45, Theme.dark()).feed(DEMO.subList(3, 8));
        assertThat(top(s)).contains("up 4s");
    }
}
