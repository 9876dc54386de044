package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rendered frames of fixed snapshots, compared with files under test resources: the characters
 * ({@code .txt}, what a person reads) and the styles ({@code .ansi}, dark and mono).
 */
class GoldenFrameTest {

    private static List<Snapshot> demo;

    @BeforeAll
    static void demo() {
        demo = Snapshots.demo(8);
    }

    @ParameterizedTest
    @CsvSource({"80,24", "160,45", "240,70"})
    void mainScreenOfTheDemo(int w, int h) {
        String size = w + "x" + h;
        Screens dark = new Screens(w, h, Theme.dark()).feed(demo);
        Golden.check("main-demo-" + size + ".txt", dark.text());
        Golden.check("main-demo-" + size + "-dark.ansi", dark.styled());
        Screens mono = new Screens(w, h, Theme.mono()).feed(demo);
        Golden.check("main-demo-" + size + "-mono.ansi", mono.styled());
    }

    @Test
    void suspiciousModeNarrowsToTheFloodScannerAndBruteForcer() {
        Golden.check(
                "suspicious-demo-160x45.txt",
                new Screens(160, 45, Theme.dark()).feed(demo).keys("!").text());
    }

    /** Grouped by prefix: the two flooding /24s, the visitors' /24, a /64, and the lone brute-forcer. */
    @ParameterizedTest
    @CsvSource({"80,24", "160,45"})
    void groupedByPrefixAndTheDetailOfAGroup(int w, int h) {
        Screens s = new Screens(w, h, Theme.dark()).feed(demo).keys("P");
        Golden.check("grouped-demo-" + w + "x" + h + ".txt", s.text());
        Golden.check("grouped-detail-demo-" + w + "x" + h + ".txt", s.keys("\r").text());
    }

    @ParameterizedTest
    @CsvSource({"80,24", "160,45"})
    void detailOfAFloodIp(int w, int h) {
        Screens s = new Screens(w, h, Theme.dark()).feed(demo).keys("Y\r");
        Golden.check("detail-demo-" + w + "x" + h + ".txt", s.text());
    }

    @Test
    void enrichedSnapshotShowsGeoFindingsAndHistory() {
        Screens s = new Screens(160, 45, Theme.dark()).feed(List.of(Snapshots.enriched()));
        Golden.check("main-enriched-160x45.txt", s.text());
        Golden.check(
                "main-enriched-160x45-light.ansi",
                new Screens(160, 45, Theme.light())
                        .feed(List.of(Snapshots.enriched()))
                        .styled());
        Golden.check("detail-enriched-160x45.txt", s.keys("A\r").text());
    }

    /** A request's vhost is shown; its log file too, when the IP's requests come from several. */
    @Test
    void detailNamesVhostsAndLogFiles() {
        String detail = new Screens(160, 45, Theme.dark())
                .feed(List.of(Snapshots.enriched()))
                .keys("/192.0.2.77\r\r")
                .text();
        assertThat(detail)
                .contains("200 GET /blog/page/1  Mozilla/5.0  [access.log]")
                .contains("200 blog.example:443 GET /blog/page/2  Mozilla/5.0  [blog.access.log]")
                .as("an IP the history store never saw (0 sessions, no first time): said, not a crash")
                .contains("history    no earlier sessions recorded");
    }

    @Test
    void findingsThatEndedKeepAnIpInSuspiciousModeAndAreExplained() {
        Screens s = new Screens(160, 45, Theme.dark())
                .feed(List.of(Snapshots.enriched()))
                .keys("!");
        assertThat(s.text())
                .contains("suspicious IPs 2")
                .contains("│○  203.0.113.9")
                .doesNotContain("│   192.0.2.77");
        assertThat(s.text()).contains("sort threat");
        // worst first: the IP flagged now, then the one whose findings ended
        Screens detail = s.keys("j\r");
        assertThat(detail.loop.state().detailIp).hasToString("203.0.113.9");
        Golden.check("detail-ended-160x45.txt", detail.text());
        assertThat(detail.text())
                .contains("203.0.113.9  ○ flagged earlier")
                .contains("○ HIGH exploit  ended 03:08:00 (2m00s ago): 2 exploit probes");
    }

    @Test
    void helpIsGeneratedFromTheKeyMap() {
        Golden.check(
                "help-80x24.txt",
                new Screens(80, 24, Theme.dark()).feed(demo).keys("?").text());
        Golden.check(
                "help-160x45.txt",
                new Screens(160, 45, Theme.dark()).feed(demo).keys("?").text());
    }

    /** The working log files of a kind are one item in the top bar; one with a problem stays its own. */
    @Test
    void theTopBarGroupsWorkingLogFilesByKind() {
        Snapshot last = demo.getLast();
        List<SourceHealth> sources = List.of(
                new SourceHealth("conn", "conn", SourceStatus.OK, "netlink: 10 sockets", 10, 0),
                new SourceHealth("http:/var/log/nginx/a.log", "http", SourceStatus.OK, "", 5, 0),
                new SourceHealth("http:/var/log/nginx/b.log", "http", SourceStatus.OK, "2 unparsed", 5, 2),
                new SourceHealth(
                        "http:/var/log/nginx/c.log", "http", SourceStatus.PERMISSION_DENIED, "permission denied", 0, 0),
                new SourceHealth("http:/var/log/nginx/d.log", "http", SourceStatus.OK, "", 5, 0),
                new SourceHealth("auth:/var/log/auth.log", "auth", SourceStatus.OK, "", 5, 0));
        String top = Screens.topBar(last, sources, 240);
        // what has a problem first (the bar is cut at the terminal's width), then what works
        assertThat(top)
                .contains("● http 3 files, 2 unparsed  ● http:/var/log/nginx/c.log: permission denied  ● conn  "
                        + "● auth:/var/log/auth.log")
                .doesNotContain("a.log");

        // a source watching many paths, none there yet, is its kind: not every path twice, hiding the rest
        List<SourceHealth> none = List.of(
                new SourceHealth("conn", "conn", SourceStatus.OK, "netlink: 10 sockets", 10, 0),
                new SourceHealth(
                        "http:/var/log/nginx/access.log,/var/log/nginx/*access*.log,/var/log/httpd/*access_log",
                        "http",
                        SourceStatus.MISSING,
                        "no file matches /var/log/nginx/access.log, /var/log/nginx/*access*.log,"
                                + " /var/log/httpd/*access_log; watching",
                        0,
                        0),
                new SourceHealth("auth:journald", "auth", SourceStatus.PERMISSION_DENIED, "journalctl shows …", 0, 0));
        String bar = new Screens(160, 45, Theme.dark())
                .feed(List.of(new Snapshot(
                        last.generatedAt(),
                        last.host(),
                        none,
                        last.totals(),
                        last.ips(),
                        last.listeners(),
                        last.findings(),
                        List.of())))
                .text()
                .lines()
                .findFirst()
                .orElseThrow();
        assertThat(bar).contains("● http: no file yet (watching 3 paths)  ● auth:journald: journalctl shows …  ● conn");
    }
}
