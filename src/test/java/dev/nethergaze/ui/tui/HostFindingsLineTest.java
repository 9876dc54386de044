package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A finding about the host as a whole has no row of its own (a SYN flood answered with cookies
 * leaves no half-open row to show): the console names it, with its reason, on a line of the top
 * strip, and the line is gone with it.
 */
class HostFindingsLineTest {

    private static Snapshot with(Snapshot s, List<Finding> findings) {
        return new Snapshot(
                s.generatedAt(), s.host(), s.sources(), s.totals(), s.ips(), s.listeners(), findings, List.of());
    }

    @Test
    void aFloodTheTableCannotShowIsNamedOnTheTopStrip() {
        Snapshot base = Snapshots.demo(1).getLast(); // before the demo's SYN flood: no host findings
        assertThat(base.findings()).isEmpty();
        Finding cookies = new Finding(
                "syn_flood_counters",
                Severity.HIGH,
                "host",
                "4123 SYN cookies sent and 0 listen drops in 1 s (threshold 100): a SYN flood the connection"
                        + " table cannot show",
                4123,
                100,
                Duration.ofSeconds(1),
                base.generatedAt(),
                List.of("TcpExt SyncookiesSent +4123 in 1000 ms"));
        Finding queue = new Finding(
                "listen_queue_full",
                Severity.HIGH,
                "host",
                "1 listening socket with a full accept queue",
                1,
                1,
                Duration.ZERO,
                base.generatedAt(),
                List.of("0.0.0.0:443 queue 4096/4096"));

        String plain = new Screens(160, 45, Theme.dark()).feed(List.of(base)).text();
        assertThat(plain).doesNotContain("⚠");
        String[] rows = new Screens(160, 45, Theme.dark())
                .feed(List.of(with(base, List.of(cookies, queue))))
                .text()
                .split("\n");
        assertThat(rows[3])
                .startsWith(" ⚠ HIGH syn_flood_counters: 4123 SYN cookies sent")
                .contains("also listen_queue_full");
        assertThat(rows[4]).as("the table below it").startsWith("╭ IPs");
        assertThat(plain.split("\n")[3]).as("no line without such findings").startsWith("╭ IPs");
    }
    /**
     * With none firing now, the host-wide findings that ended are named on that line, dim, with when
     * they ended and the worst one's peak: a flood that came and went is not gone unseen.
     */
    @Test
    void aFloodThatEndedStaysNamedOnTheTopStrip() {
        Snapshot base = Snapshots.demo(1).getLast();
        Finding flood = new Finding(
                "syn_flood_host",
                Severity.HIGH,
                "host",
                "12000 half-open connections (SYN_RECV) on this host (threshold 256)",
                12000,
                256,
                Duration.ZERO,
                base.generatedAt().minusSeconds(900),
                List.of("203.0.113.9:4242 -> 192.0.2.1:443 SYN_RECV"));
        Snapshot ended = new Snapshot(
                base.generatedAt(),
                base.host(),
                base.sources(),
                base.totals(),
                base.ips(),
                base.listeners(),
                List.of(),
                List.of(new dev.nethergaze.model.PastFinding(
                        flood, base.generatedAt().minusSeconds(240))));
        String[] rows =
                new Screens(160, 45, Theme.dark()).feed(List.of(ended)).text().split("\n");
        assertThat(rows[3])
                .startsWith(" ○ ended ")
                .contains("(4m00s ago): HIGH syn_flood_host: 12000 half-open connections");
        assertThat(rows[4]).as("the table below it").startsWith("╭ IPs");
    }

    /**
     * At 80 columns the demo's line used to end "also syn_flood_prefix 198.51.10", a prefix cut in
     * half and the second not named: when the others do not fit with their prefixes, each rule is
     * named once with how many there are.
     */
    @Test
    void onANarrowTerminalEveryOtherRuleIsStillNamedWhole() {
        String[] narrow =
                new Screens(80, 24, Theme.dark()).feed(Snapshots.demo(8)).text().split("\n");
        assertThat(narrow[3])
                .startsWith(" ⚠ HIGH syn_flood_host: ")
                .contains("also syn_flood_prefix ×2")
                .doesNotContain("198.51.10");
        String[] wide = new Screens(160, 45, Theme.dark())
                .feed(Snapshots.demo(8))
                .text()
                .split("\n");
        assertThat(wide[3]).contains("also syn_flood_prefix 198.51.100.0/24 · syn_flood_prefix 203.0.113.0/24");
    }
}
