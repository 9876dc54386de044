package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A SYN flood from a netns paused for a few seconds: its rows stayed ● (held) and the detail said "HIGH
 * syn_flood below threshold since …" with no evidence at all, while the snapshot's {@code
 * earlier_findings[].evidence} held the SYN_RECV rows. A finding below its threshold, held or ended,
 * shows the evidence it was raised on, as one firing does: "why is this IP flagged?" has its answer.
 */
class HeldEvidenceDetailTest {

    private static final IpKey IP = IpKey.parse("198.51.100.77");

    private static HttpHit miss(Instant t, int i) {
        return new HttpHit(
                "t", t, IP, IP, "GET", "/missing" + i + ".css", "HTTP/1.1", 404, 1, "-", "Mozilla/5.0", "", false);
    }

    /** The detail view of {@link #IP} after a 30 s burst of 404s and {@code quiet}
     * seconds without any (the rule looks at the last 60 s, and holds a finding for 60 s after that). */
    private static String detailAfter(int quiet, boolean held) {
        Engine e = new Engine(Snapshots.settings());
        int s = 0;
        for (; s < 30; s++) {
            Instant t = Snapshots.T0.plusSeconds(s);
            e.apply(miss(t, 2 * s));
            e.apply(miss(t, 2 * s + 1));
            e.maintain(t);
        }
        for (int q = 0; q <= quiet; q++) {
            e.maintain(Snapshots.T0.plusSeconds(s + q));
        }
        Snapshot snap = e.snapshot(List.of());
        IpView v = snap.ips().getFirst();
        assertThat(v.findings()).as("stopped firing").isEmpty();
        PastFinding p = v.earlierFindings().getFirst();
        assertThat(p.held()).isEqualTo(held);
        assertThat(p.finding().evidence()).isNotEmpty();
        return new Screens(160, 40, Theme.dark()).feed(List.of(snap)).keys("\r").text();
    }

    @ParameterizedTest
    @CsvSource({"80, true, below threshold since", "300, false, ended "})
    void aFindingBelowItsThresholdShowsItsEvidence(int quiet, boolean held, String says) {
        String detail = detailAfter(quiet, held);
        assertThat(detail).contains("error_burst").contains(says);
        assertThat(detail.lines().filter(l -> l.matches(".*\\s{3}│ .*GET /missing.*")))
                .as("evidence lines under the finding (held: %s):%n%s", held, detail)
                .isNotEmpty();
    }
}
