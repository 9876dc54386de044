package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpView;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A line that does not fit its width ends in {@code …}, so a cut value is never taken for a whole one:
 * {@code ● dem} for the source {@code demo}, a request log line that stops in the middle of a path.
 */
class CutLinesTest {

    private static final Snapshot DEMO = Snapshots.demo(12).getLast();

    /** The top bar of {@code s} at {@code width} columns after {@code keys}. */
    private static String top(Snapshot s, int width, String keys) {
        return new Screens(width, 24, Theme.dark())
                .feed(List.of(s))
                .keys(keys)
                .text()
                .lines()
                .findFirst()
                .orElseThrow();
    }

    /** The top bar's left part: what comes before the {@code ! SUSPICIOUS} badge, trailing blanks off. */
    private static String topLeft(int width) {
        String top = top(DEMO, width, "!");
        int badge = top.indexOf(" ! SUSPICIOUS ");
        assertThat(badge).as("width %d: %s", width, top).isPositive();
        return top.substring(0, badge).stripTrailing();
    }

    @Test
    void theTopBarSaysWhereItIsCut() {
        String whole = topLeft(300);
        assertThat(whole).endsWith("● authlog: permission denied  ● demo");
        for (int w = 40; w <= 120; w++) {
            String shown = topLeft(w);
            if (!shown.equals(whole)) {
                assertThat(shown).as("width %d", w).endsWith("…");
                assertThat(whole).as("width %d", w).startsWith(shown.substring(0, shown.length() - 1));
            }
        }
    }

    /**
     * A cloud host's long name took the whole top bar at 80 columns: no uptime, no clock, no source
     * health. It gets a third of the width, cut with {@code …}, and the rest still shows.
     */
    @Test
    void aLongHostNameLeavesRoomForTheClockAndTheSources() {
        String host = "very-long-hostname-of-a-web-server.eu-west-1.compute.internal";
        Snapshot s = new Snapshot(
                DEMO.generatedAt(),
                host,
                DEMO.sources(),
                DEMO.totals(),
                DEMO.ips(),
                DEMO.listeners(),
                DEMO.findings(),
                DEMO.earlierFindings());
        assertThat(top(s, 80, ""))
                .contains(" very-long-hostname-of-a-w…  up ")
                .contains("03:00:11 UTC")
                .contains("● authlog");
        assertThat(top(s, 300, "")).contains(" " + host + "  up ");
    }

    @Test
    void aCutLogLineEndsInAnEllipsis() {
        String frame =
                new Screens(80, 24, Theme.dark()).feed(Snapshots.demo(12)).text();
        List<String> ssh = frame.lines()
                .filter(l -> l.contains(" ssh sshd ") && l.contains("failed logins"))
                .toList();
        assertThat(ssh).as("the log shows the brute-forcer's SSH lines").isNotEmpty();
        for (String l : ssh) {
            String inside = l.substring(1, l.lastIndexOf('│'));
            assertThat(inside.contains(")") || inside.endsWith("…"))
                    .as("cut without an ellipsis: %s", l)
                    .isTrue();
        }
    }

    @Test
    void theDetailsRequestLinesSayTheyAreCut() {
        IpView crawler = DEMO.ips().stream()
                .filter(v -> v.ip().toString().equals("192.0.2.77"))
                .findFirst()
                .orElseThrow();
        RequestView last = crawler.lastRequests().getLast();
        assertThat(last.userAgent()).hasSizeGreaterThan(60);
        Screens s = new Screens(80, 24, Theme.dark()).feed(List.of(DEMO)).keys("R\r");
        assertThat(s.loop.state().detailIp).isEqualTo(crawler.ip());
        String frame = s.keys("\u001b[6~\u001b[6~\u001b[6~").text();
        List<String> rows =
                frame.lines().filter(l -> l.contains(" " + last.target() + " ")).toList();
        assertThat(rows).as("the last request's row in the detail:\n%s", frame).isNotEmpty();
        for (String l : rows) {
            String inside = l.substring(1, l.lastIndexOf('│')).stripTrailing();
            assertThat(inside).as("its user agent is cut").doesNotContain(last.userAgent());
            assertThat(inside).endsWith("…");
        }
    }
}
