package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An IP whose error rate sits at the error_burst threshold stops firing and fires again within the
 * 60 s hold, as the same episode. The console row showed ● while it fired and ○ ("every finding
 * ended") in each gap: a row blinking ● ○ ● for one ongoing episode. Now a finding that stopped less
 * than the hold ago is held: the row stays ●, the JSON says {@code "held": true}, and only a stop
 * longer than the hold turns the row to ○.
 */
class HeldFindingRowTest {

    private static final IpKey IP = IpKey.parse("198.51.100.77");

    private static HttpHit miss(Instant t, int i) {
        return new HttpHit(
                "t", t, IP, IP, "GET", "/missing" + i + ".css", "HTTP/1.1", 404, 1, "-", "Mozilla/5.0", "", false);
    }

    private enum Phase {
        FIRST_BURST,
        QUIET_UNTIL_STOP,
        SHORT_GAP,
        SECOND_BURST,
        LONG_QUIET
    }

    @Test
    void aFindingBelowItsThresholdForLessThanTheHoldKeepsItsRowFlagged() {
        Engine e = new Engine(Snapshots.settings());
        Screens screen = new Screens(160, 30, Theme.dark());
        Phase phase = Phase.FIRST_BURST;
        int stoppedAt = -1;
        int heldFrames = 0;
        int endedFrames = 0;
        int firingFrames = 0;
        String heldJson = null;
        for (int s = 0; s < 400 && !(phase == Phase.LONG_QUIET && endedFrames > 5); s++) {
            Instant t = Snapshots.T0.plusSeconds(s);
            boolean send = phase == Phase.FIRST_BURST || phase == Phase.SECOND_BURST;
            if (send) {
                e.apply(miss(t, 2 * s));
                e.apply(miss(t, 2 * s + 1));
            }
            e.maintain(t);
            Snapshot snap = e.snapshot(List.of());
            IpView v = snap.ips().stream()
                    .filter(x -> x.ip().equals(IP))
                    .findFirst()
                    .orElseThrow();
            String row = screen.feed(List.of(snap))
                    .text()
                    .lines()
                    .filter(l -> l.startsWith("│") && l.contains(" " + IP + " "))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + IP));
            char marker = row.charAt(1);
            boolean firing = !v.findings().isEmpty();
            PastFinding past =
                    v.earlierFindings().isEmpty() ? null : v.earlierFindings().getFirst();
            if (firing) {
                firingFrames++;
                assertThat(marker).as("at +%d s, firing: %s", s, row).isEqualTo('●');
            } else if (past != null) {
                long quiet = s - (past.ended().getEpochSecond() - Snapshots.T0.getEpochSecond());
                assertThat(past.held())
                        .as("at +%d s, below threshold for %d s", s, quiet)
                        .isEqualTo(quiet <= 60);
                if (past.held()) {
                    heldFrames++;
                    assertThat(marker).as("at +%d s, held: %s", s, row).isEqualTo('●');
                    if (heldJson == null) {
                        heldJson = new String(new SnapshotJson(false).bytes(snap), StandardCharsets.UTF_8);
                    }
                } else {
                    endedFrames++;
                    assertThat(marker).as("at +%d s, ended: %s", s, row).isEqualTo('○');
                }
            }
            switch (phase) {
                case FIRST_BURST -> phase = firing && s >= 15 ? Phase.QUIET_UNTIL_STOP : phase;
                case QUIET_UNTIL_STOP -> {
                    if (!firing) {
                        stoppedAt = s;
                        phase = Phase.SHORT_GAP;
                    }
                }
                case SHORT_GAP -> phase = s - stoppedAt >= 20 ? Phase.SECOND_BURST : phase;
                case SECOND_BURST -> phase = firing && s - stoppedAt >= 40 ? Phase.LONG_QUIET : phase;
                case LONG_QUIET -> {}
            }
        }
        assertThat(phase).as("the traffic went through every phase").isEqualTo(Phase.LONG_QUIET);
        assertThat(firingFrames).isPositive();
        assertThat(heldFrames).as("frames below the threshold within the hold").isGreaterThanOrEqualTo(20);
        assertThat(endedFrames).as("frames after a stop longer than the hold").isPositive();
        assertThat(heldJson).contains("\"held\":true").contains("\"rule\":\"error_burst\"");
    }
}
