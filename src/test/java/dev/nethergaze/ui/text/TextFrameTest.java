package dev.nethergaze.ui.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.model.Totals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain-text frame says why: markers, each finding once with its reason and evidence. */
class TextFrameTest {

    private static final Instant T = Instant.parse("2026-12-04T05:00:00Z");

    /** A snapshot of these IPs and host findings, with nothing else, its totals counting them. */
    private static Snapshot of(List<IpView> views, List<Finding> hostFindings) {
        return new Snapshot(
                T,
                "web1",
                List.of(),
                new Totals(views.size(), views.size(), Map.of(), 0, views.size(), views.size(), 0, 0, 0, 0, 0),
                views,
                List.of(),
                hostFindings,
                List.of());
    }

    private static IpView view(String ip, List<Finding> findings) {
        return new IpView(
                IpKey.parse(ip),
                T,
                T,
                new ConnSummary(1, 1, 0, Map.of()),
                List.of(),
                0,
                0,
                Map.of(),
                Map.of(),
                0,
                0,
                List.of(),
                AuthSummary.NONE,
                null,
                null,
                null,
                findings);
    }

    @Test
    void aPrefixFindingOnManyIpsIsShownOnceAndOwnFindingsEach() {
        Finding prefix = new Finding(
                "syn_flood_prefix",
                Severity.HIGH,
                "198.51.100.0/24",
                "135 half-open connections (SYN_RECV) from 15 addresses in 198.51.100.0/24",
                135,
                30,
                Duration.ZERO,
                T,
                List.of("198.51.100.10:1045 -> 192.0.2.1:443 SYN_RECV inbound"));
        Finding burst = new Finding(
                "request_burst",
                Severity.MEDIUM,
                "198.51.100.12",
                "400 requests in 10 s",
                400,
                300,
                Duration.ofSeconds(10),
                T,
                List.of("e1", "e2", "e3", "e4"));
        List<IpView> views = new ArrayList<>();
        for (int i = 10; i < 15; i++) {
            String ip = "198.51.100." + i;
            views.add(view(ip, i == 12 ? List.of(prefix, burst) : List.of(prefix)));
        }
        views.add(view("192.0.2.7", List.of()));
        Snapshot s = of(views, List.of(prefix));

        String text = TextFrame.render(s, 50, 200);

        assertThat(text).contains("● 198.51.100.10 ").contains("  192.0.2.7 ");
        assertThat(text.split("syn_flood_prefix", -1))
                .as("the prefix finding once")
                .hasSize(2);
        assertThat(text)
                .contains("198.51.100.0/24  HIGH syn_flood_prefix since 2026-12-04 05:00:00: 135 half-open")
                .contains("      198.51.100.10:1045 -> 192.0.2.1:443 SYN_RECV inbound")
                .contains("● 198.51.100.12  MEDIUM request_burst since 2026-12-04 05:00:00: 400 requests in 10 s")
                .contains("      e3\n      … 1 more\n")
                .contains("also flagged by the findings above (4): 198.51.100.10, 198.51.100.11, 198.51.100.13,"
                        + " 198.51.100.14");
    }

    /** What the firewall already blocks is marked as in the console: ⊘ every packet, ⊖ some. */
    @Test
    void blockedIpsAreMarkedBeforeTheirFindings() {
        Finding f =
                new Finding("exploit", Severity.CRITICAL, "203.0.113.7", "probe", 1, 1, Duration.ZERO, T, List.of());
        IpView flagged = view("203.0.113.7", List.of(f));
        assertThat(TextFrame.marker(flagged)).isEqualTo("●");
        assertThat(TextFrame.marker(flagged.withBlocked(List.of(
                        new dev.nethergaze.model.Block("fail2ban sshd", "r", "tcp dport 22", "203.0.113.7", null)))))
                .isEqualTo("⊖");
        assertThat(TextFrame.marker(flagged.withBlocked(
                        List.of(new dev.nethergaze.model.Block("nethergaze", "r", "", "203.0.113.7", null)))))
                .isEqualTo("⊘");
        assertThat(TextFrame.marker(view("203.0.113.8", List.of()))).isEqualTo(" ");
    }

    @Test
    void nothingFlaggedMeansNoFindingsSection() {
        Snapshot s = new Snapshot(
                T,
                "web1",
                List.of(),
                new Totals(1, 1, Map.of(), 0, 1, 1, 0, 0, 0, 0, 0),
                List.of(view("192.0.2.7", List.of())),
                List.of(),
                List.of(),
                List.of());
        assertThat(TextFrame.render(s, 50, 200)).doesNotContain("findings:").doesNotContain("●");
    }

    /**
     * Many sources (a replay of rotated logs, every vhost log followed) do not make one endless line:
     * a count, then a line for each one with a problem or unparsed lines.
     */
    @Test
    void aFewSourcesTooLongForOneLineAreEachSaidWhole() {
        // replay LONG_PATH --until 2020-01-01 at 80 columns read "sources: 1, 1 fine, 1 lines read" above an
        // empty table: why nothing was counted ("1 more outside the time window") was left out
        String name = "/var/log/nginx/shop.example.com-access.log-20211001";
        SourceHealth one = new SourceHealth(
                name,
                "http",
                SourceStatus.DONE,
                "access: 1 line, 0 events (1 more outside the time window), read from its start to 10 min past"
                        + " the window's end",
                1,
                0);
        Snapshot s = new Snapshot(
                T,
                "web1",
                List.of(one),
                new Totals(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        List<String> lines = TextFrame.render(s, 10, 80).lines().toList();
        assertThat(lines.get(1)).isEqualTo("sources: 1, 1 fine, 1 line read:");
        assertThat(lines.get(2)).isEqualTo("  " + name + ":done");
        assertThat(String.join(" ", lines.subList(3, 5)).replaceAll(" +", " "))
                .isEqualTo(" access: 1 line, 0 events (1 more outside the time window), read from its start to 10 min"
                        + " past the window's end");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void manySourcesAreCountedAndOnlyTheNotableOnesListed() {
        List<SourceHealth> sources = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            sources.add(new SourceHealth(
                    "/var/log/nginx/access.log." + i,
                    "log",
                    SourceStatus.DONE,
                    "access: 100 lines, 100 events",
                    100,
                    0));
        }
        sources.add(new SourceHealth(
                "/var/log/nginx/error.log",
                "log",
                SourceStatus.DONE,
                "access: 22 lines, 6 events, 16 unparsed (first at /var/log/nginx/error.log:1)",
                22,
                16));
        sources.add(new SourceHealth(
                "/var/log/nginx/x.log.gz", "log", SourceStatus.ERROR, "truncated gzip after 3 lines", 3, 0));
        Snapshot s = new Snapshot(
                T,
                "web1",
                sources,
                new Totals(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        List<String> lines = TextFrame.render(s, 10, 120).lines().toList();
        assertThat(lines.get(1)).isEqualTo("sources: 14, 12 fine, 1225 lines read; with problems or unparsed lines:");
        assertThat(lines.get(2))
                .isEqualTo("  /var/log/nginx/error.log:done (access: 22 lines, 6 events, 16 unparsed (first at"
                        + " /var/log/nginx/error.log:1))");
        assertThat(lines.get(3)).isEqualTo("  /var/log/nginx/x.log.gz:error (truncated gzip after 3 lines)");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));

        // narrower than a source's line: its detail is wrapped below it, whole, not cut at the width
        List<String> narrow = TextFrame.render(s, 10, 60).lines().toList();
        assertThat(narrow.get(2)).isEqualTo("  /var/log/nginx/error.log:done");
        assertThat(narrow.get(3)).isEqualTo("      access: 22 lines, 6 events, 16 unparsed (first at");
        assertThat(narrow.get(4)).isEqualTo("      /var/log/nginx/error.log:1)");
        assertThat(narrow.get(5)).isEqualTo("  /var/log/nginx/x.log.gz:error");
        assertThat(narrow.get(6)).isEqualTo("      truncated gzip after 3 lines");
        assertThat(narrow.subList(2, 7)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));

        Snapshot few = new Snapshot(
                T,
                "web1",
                List.of(new SourceHealth("conn", "conn", SourceStatus.OK, "procfs: 3 sockets", 3, 0)),
                s.totals(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        assertThat(TextFrame.render(few, 10, 120).lines().toList().get(1)).isEqualTo("sources: conn:ok");

        Snapshot unparsed = new Snapshot(
                T,
                "web1",
                List.of(new SourceHealth(
                        "http:/var/log/nginx/access.log",
                        "http",
                        SourceStatus.OK,
                        "2 unparsed (first at /var/log/nginx/access.log:7)",
                        50,
                        2)),
                s.totals(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        assertThat(TextFrame.render(unparsed, 10, 120).lines().toList().get(1))
                .as("a working source's unparsed lines are shown, not just 'ok'")
                .isEqualTo("sources: http:/var/log/nginx/access.log:ok (2 unparsed (first at"
                        + " /var/log/nginx/access.log:7))");
    }

    /** A flagged IP below the table's last row still has its finding shown; past the cap, a count. */
    @Test
    void flaggedIpsBelowTheTableAreExplainedToo() {
        List<IpView> views = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String ip = "203.0.113." + i;
            List<Finding> f = i < 4
                    ? List.of()
                    : List.of(new Finding(
                            "exploit",
                            Severity.HIGH,
                            ip,
                            "1 exploit probe (env file) from " + ip,
                            1,
                            1,
                            Duration.ofHours(1),
                            T,
                            List.of("GET /.env")));
            views.add(view(ip, f));
        }
        Snapshot s = of(views, List.of());
        String text = TextFrame.render(s, 2, 160);
        assertThat(text).contains("… 4 more"); // table rows
        assertThat(text)
                .contains("1 exploit probe (env file) from 203.0.113.4")
                .contains("1 exploit probe (env file) from 203.0.113.5")
                .doesNotContain("from 203.0.113.6")
                .contains("… 1 more flagged IPs (--suspicious shows only flagged IPs; --json has every finding)");
    }

    /**
     * Past the cap, the IPs whose findings are shown are the worst, not the busiest: the demo's SSH
     * guesser that got in as root (critical) ranks 47th by activity, after 30 SYN flooders and 15
     * ordinary visitors; with more busier flagged IPs than the cap (a day's replay with hundreds of
     * scanners), the one that got in was left out under "… N more flagged IPs". As {@code --suspicious}
     * orders them: worst first.
     */
    @Test
    void pastTheCapTheWorstFindingsAreShownFirst() {
        List<IpView> views = new ArrayList<>();
        for (int i = 1; i <= 4; i++) { // the busiest, in table order
            String ip = "198.51.100." + i;
            views.add(view(
                    ip,
                    List.of(new Finding(
                            "scanner_agent",
                            Severity.MEDIUM,
                            ip,
                            "scanner " + ip,
                            1,
                            1,
                            Duration.ZERO,
                            T,
                            List.of()))));
        }
        String quiet = "2001:db8:bad:1::22";
        views.add(view(
                quiet,
                List.of(new Finding(
                        "ssh_login_after_guessing",
                        Severity.CRITICAL,
                        quiet,
                        "SSH login accepted (password for root) after 16 failed SSH logins",
                        16,
                        5,
                        Duration.ofMinutes(10),
                        T,
                        List.of()))));
        Snapshot s = of(views, List.of());
        String findings = TextFrame.render(s, 2, 160).split("findings:\n", 2)[1];
        assertThat(findings.lines().toList())
                .first()
                .asString()
                .contains(quiet + "  CRITICAL ssh_login_after_guessing");
        assertThat(findings)
                .contains("scanner 198.51.100.1")
                .doesNotContain("scanner 198.51.100.2")
                .contains("… 3 more flagged IPs");
    }

    /** A replay of logs alone has no connections: its table has no empty connection columns. */
    @Test
    void connectionColumnsOnlyWhenThereAreConnections() {
        IpView withConn = view("192.0.2.7", List.of());
        IpView logOnly = new IpView(
                IpKey.parse("192.0.2.8"),
                T,
                T,
                ConnSummary.NONE,
                List.of(),
                12,
                3400,
                Map.of("2xx", 12L),
                Map.of("GET", 12L),
                0,
                0,
                List.of(),
                AuthSummary.NONE,
                null,
                null,
                null,
                List.of());
        Totals none = new Totals(0, 0, Map.of(), 0, 1, 1, 0, 12, 0, 3400, 0);
        String replay = TextFrame.render(
                new Snapshot(T, "web1", List.of(), none, List.of(logOnly), List.of(), List.of(), List.of()), 10, 160);
        assertThat(replay)
                .contains("  IP  ")
                .doesNotContain("CONNS")
                .doesNotContain("STATES")
                .doesNotContain("conns");
        assertThat(replay.lines().filter(l -> l.contains("192.0.2.8")))
                .singleElement()
                .satisfies(l -> assertThat(l.strip()).matches("192\\.0\\.2\\.8 +12 +0 +0"));
        Totals one = new Totals(1, 1, Map.of(), 0, 2, 2, 0, 12, 0, 3400, 0);
        String live = TextFrame.render(
                new Snapshot(T, "web1", List.of(), one, List.of(withConn, logOnly), List.of(), List.of(), List.of()),
                10,
                160);
        assertThat(live)
                .contains("CONNS")
                .contains("STATES")
                .contains("SERVICES")
                .contains("conns 1 (established 1");
    }

    /**
     * A row cut at the width ends in "…" (a cut value read as a whole one), and a request logged with no
     * method (scanner bytes) is "400 \\x16…", not "400  \\x16…".
     */
    @Test
    void aCutRowEndsInAnEllipsisAndARequestWithoutMethodHasOneSpace() {
        IpView base = view("203.0.113.9", List.of());
        IpView scanner = new IpView(
                base.ip(),
                T,
                T,
                base.connections(),
                List.of(),
                1,
                157,
                Map.of("4xx", 1L),
                Map.of(),
                1,
                0,
                List.of(new dev.nethergaze.model.RequestView(
                        T, "", "\\x16\\x03\\x01" + "\\x00".repeat(60), 400, 157, "-", true, "", "access.log")),
                AuthSummary.NONE,
                null,
                null,
                null,
                List.of());
        List<String> lines = TextFrame.render(of(List.of(scanner), List.of()), 10, 160)
                .lines()
                .toList();
        String row = lines.stream()
                .filter(l -> l.contains("203.0.113.9"))
                .findFirst()
                .orElseThrow();
        assertThat(row).hasSize(160).endsWith("…").contains(" 400 \\x16\\x03\\x01");
    }

    /**
     * An empty table whose remotes were all hidden as loopback/private says so (snapshot --text on a host
     * with only loopback connections said "IPs 0" under "conns 4" and nothing more); one of each is singular.
     */
    @Test
    void anEmptyTableSaysWhatWasHidden() {
        Totals tot = new Totals(4, 0, Map.of(), 4, 0, 0, 0, 1, 0, 0, 0, null, List.of(), 1);
        Snapshot s = new Snapshot(T, "web1", List.of(), tot, List.of(), List.of(), List.of(), List.of());
        assertThat(TextFrame.render(s, 10, 160))
                .contains("  (none shown: 1 request and 4 connections from loopback or private addresses are hidden;"
                        + " --show-private-ips lists them)");
        Snapshot nothing = new Snapshot(
                T,
                "web1",
                List.of(),
                new Totals(0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        assertThat(TextFrame.render(nothing, 10, 160)).doesNotContain("none shown");
    }
}
