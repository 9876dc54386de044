package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.detect.Cidr;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.ui.tui.draw.Style;
import dev.nethergaze.ui.tui.draw.Theme;
import dev.nethergaze.ui.tui.screen.Mode;
import dev.nethergaze.ui.tui.screen.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Keys on a headless (in-memory) terminal: what each does to the state and to the screen. */
class ConsoleKeysTest {

    private static List<Snapshot> demo;

    @BeforeAll
    static void demo() {
        demo = Snapshots.demo(8);
    }

    private static Screens screens() {
        return new Screens(160, 45, Theme.dark()).feed(demo);
    }

    /** The table's row of {@code ip}, as drawn. */
    private static String tableRow(String screen, IpKey ip) {
        return screen.lines()
                .filter(l -> l.startsWith("│")
                        && l.length() > 23
                        && l.substring(4, 23).trim().equals(ip.toString()))
                .findFirst()
                .orElseThrow();
    }

    /** The IPs in the table rows, top to bottom, as drawn. */
    private static List<String> tableIps(Screens s) {
        List<String> out = new ArrayList<>();
        String[] lines = s.text().split("\n");
        for (int y = 5; y < lines.length - 1; y++) {
            String row = lines[y];
            if (!row.startsWith("│") || row.length() < 20) {
                continue;
            }
            String ip = row.substring(4, Math.min(row.length(), 23)).trim();
            if (IpKey.tryParse(ip) != null || ip.contains("…")) {
                out.add(ip);
            }
        }
        return out;
    }

    @Test
    void sCyclesTheSortAndTheHeaderSaysSo() {
        Screens s = screens();
        assertThat(s.loop.state().sort).isEqualTo(SortKey.CONNS);
        s.keys("s");
        assertThat(s.loop.state().sort).isEqualTo(SortKey.SYN_RECV);
        assertThat(s.text()).contains("sort syn");
        s.keys("R");
        assertThat(s.loop.state().sort).isEqualTo(SortKey.RATE);
        assertThat(tableIps(s).getFirst()).isEqualTo("192.0.2.77"); // the crawler has the highest rate
    }

    /**
     * {@code !} sorts worst first, in the order {@code --suspicious} prints (the brute-forcer that got
     * in, then the scanner, then the flood); {@code !} again brings back the sort from before, and
     * {@code T} sorts by threat with every IP shown.
     */
    @Test
    void suspiciousModeSortsWorstFirstAndLeavingItRestoresTheSort() {
        Screens s = screens().keys("R");
        assertThat(s.loop.state().sort).isEqualTo(SortKey.RATE);
        s.keys("!");
        assertThat(s.loop.state().sort).isEqualTo(SortKey.THREAT);
        assertThat(s.text()).contains("sort threat");
        List<String> expected = dev.nethergaze.detect.Findings.suspicious(
                        demo.getLast().ips())
                .stream()
                .map(v -> v.ip().toString())
                .toList();
        assertThat(tableIps(s)).isEqualTo(expected.subList(0, tableIps(s).size()));
        assertThat(tableIps(s).getFirst()).isEqualTo("2001:db8:bad:1::22");
        s.keys("!");
        assertThat(s.loop.state().sort).isEqualTo(SortKey.RATE);
        assertThat(tableIps(s).getFirst()).isEqualTo("192.0.2.77");
        s.keys("T");
        assertThat(s.loop.state().sort).isEqualTo(SortKey.THREAT);
        assertThat(tableIps(s).getFirst()).isEqualTo("2001:db8:bad:1::22");
    }

    @Test
    void theCursorFollowsTheIpWhenTheOrderChanges() {
        Screens s = screens().keys("jjj");
        IpKey chosen = s.loop.state().selected;
        s.keys("I"); // sort by IP: the rows move, the cursor stays on the address
        assertThat(s.loop.state().selected).isEqualTo(chosen);
        var screen = s.loop.screen();
        int row = -1;
        for (int y = 0; y < screen.height(); y++) {
            if (screen.toPlainText().split("\n")[y].contains(" " + chosen + " ")) {
                row = y;
            }
        }
        assertThat(row).as("selected IP visible").isPositive();
        assertThat(Style.bgOf(screen.styleAt(5, row)))
                .isEqualTo(Style.bgOf(Theme.dark().selected()));
    }

    @Test
    void quickFilterNarrowsAsYouTypeAndEscClears() {
        Screens s = screens().keys("/203.0.113");
        assertThat(s.loop.state().mode).isEqualTo(Mode.QUICK_FILTER);
        assertThat(tableIps(s)).hasSize(15).allMatch(ip -> ip.startsWith("203.0.113."));
        s.keys("\r");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MAIN);
        assertThat(s.text()).contains("/203.0.113");
        s.keys("\033");
        assertThat(tableIps(s)).hasSizeGreaterThan(15);
    }

    /** A filter's error goes with the filter: cancelled, then the quick filter used, it is not left in the bar. */
    @Test
    void aStaleFilterErrorLeavesWithItsFilter() {
        Screens s = screens().keys("fstate:bogus\r");
        assertThat(s.text()).contains("unknown TCP state 'bogus'");
        s.keys("\033");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MAIN);
        assertThat(s.text()).doesNotContain("bogus");
        s.keys("fstate:bogus\r").keys("\033").keys("/198.51.100\r");
        assertThat(tableIps(s)).isNotEmpty().allMatch(ip -> ip.startsWith("198.51.100."));
        assertThat(s.text()).doesNotContain("bad filter").doesNotContain("bogus");
        assertThat(s.loop.state().statusAt(0)).isEmpty();
    }

    @Test
    void structuredFilterParsesTheSubsetAndReportsErrors() {
        Screens s = screens().keys("fstate:syn cidr:198.51.100.0/24\r");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MAIN);
        assertThat(tableIps(s)).hasSize(15).allMatch(ip -> ip.startsWith("198.51.100."));
        s.keys("f\025bogus:1\r");
        assertThat(s.loop.state().mode).isEqualTo(Mode.FILTER);
        assertThat(s.loop.state().status).contains("unknown field 'bogus'");
        assertThat(s.text()) // on the screen, beside the prompt still open (it was set but not drawn)
                // the prompt's hint gives way to the reason when both do not fit
                .contains(" filter bogus:1 ")
                .contains("unknown field 'bogus'");
        s.keys("\033");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MAIN);
        assertThat(s.loop.state().structuredText).isEqualTo("state:syn cidr:198.51.100.0/24");
    }

    @Test
    void bangNarrowsToTheFloodTheScannerAndTheBruteForcer() {
        Screens s = new Screens(240, 70, Theme.dark()).feed(demo).keys("!");
        List<String> ips = tableIps(s);
        assertThat(ips)
                .hasSize(32)
                .contains("192.0.2.201", "2001:db8:bad:1::22")
                .doesNotContain("192.0.2.77", "192.0.2.20");
        assertThat(s.text()).contains("suspicious IPs 32").contains("! SUSPICIOUS");
        s.keys("!");
        assertThat(s.loop.state().suspiciousOnly).isFalse();
    }

    @Test
    void enterOpensTheLiveDetailAndEscClosesIt() {
        Screens s = screens().keys("\r");
        assertThat(s.loop.state().mode).isEqualTo(Mode.DETAIL);
        IpKey ip = s.loop.state().detailIp;
        assertThat(s.text()).contains(ip + "  ● flagged").contains("SYN_RECV").contains("half-open");
        s.feed(Snapshots.demo(10).subList(8, 10)); // live: the detail follows new snapshots
        assertThat(s.text()).contains("03:00:09 UTC");
        s.keys("\033");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MAIN);
    }

    @Test
    void helpComesFromTheKeyMap() {
        Screens s = screens().keys("?");
        String text = s.text();
        for (var e : KeyMap.help().subList(0, 10)) {
            assertThat(text).contains(e.keys());
        }
        s.keys("\033");
        assertThat(s.loop.state().mode).isEqualTo(Mode.MAIN);
    }

    @Test
    void helpOnANarrowTerminalWrapsEachDescriptionWhole() {
        // at 60 columns the descriptions were cut with "…": "Esc  close, else clear: quick filter, f filte…"
        Screens s = new Screens(60, 40, Theme.dark()).feed(demo).keys("?");
        String text = s.text()
                .lines()
                .dropWhile(l -> !l.contains("╭ keys"))
                .takeWhile(l -> !l.startsWith("╰"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(text).contains("Navigate").doesNotContain("…│"); // a cut line ends at the border
        String joined = text.lines()
                .map(l -> l.replace('│', ' ').strip())
                .collect(java.util.stream.Collectors.joining(" "))
                .replaceAll(" +", " ");
        assertThat(joined)
                .contains("close, else clear: quick filter, f filter, suspicious mode")
                .contains("sort by conns, SYN_RECV, req/min, bytes, auth, IP, threat");
    }

    @Test
    void helpKeepsItsKeyColumnWhenScrolled() {
        // scrolled past the widest keys ("Home End g G"), the key column narrowed: the descriptions jumped left
        Screens s = new Screens(100, 20, Theme.dark()).feed(demo).keys("?");
        int before = column(s.text(), "page up / down");
        s.keys("\033[6~"); // PgDn
        int after = column(s.text(), "whois lookup now");
        assertThat(after).isEqualTo(before);
    }

    private static int column(String screen, String text) {
        return screen.lines()
                .filter(l -> l.contains(text))
                .findFirst()
                .orElseThrow()
                .indexOf(text);
    }

    @Test
    void missingActionsDegradeToAMessageAndProvidedOnesShowTheirText() {
        Screens none = screens().keys("b");
        assertThat(none.text()).contains("block assist is not available");
        ConsoleActions actions = new ConsoleActions() {
            @Override
            public ActionResult blockAssist(Cidr target, Cidr prefix) {
                return ActionResult.show(
                        "2 commands",
                        List.of("nft add element inet filter blocked { " + target + " }", "or the prefix " + prefix));
            }
        };
        Screens some = new Screens(160, 45, Theme.dark(), actions).feed(demo).keys("b");
        assertThat(some.loop.state().mode).isEqualTo(Mode.MESSAGE);
        assertThat(some.text()).contains("nft add element inet filter blocked { 198.51.100.10 }");
        assertThat(some.text()).as("its SYN flood's /24").contains("or the prefix 198.51.100.0/24");
    }

    /**
     * {@code P} groups the rows by /24 and /64: the SYN flood's addresses are one row with their count
     * and summed connections; the detail lists them; block and copy take the prefix; {@code P} again
     * brings back one row per IP.
     */
    @Test
    void pGroupsTheRowsByPrefixAndActionsTakeThePrefix() {
        List<IpView> flood = demo.getLast().ips().stream()
                .filter(v -> Cidr.parse("198.51.100.0/24").contains(v.ip()))
                .toList();
        assertThat(flood).hasSizeGreaterThan(1);
        int conns = flood.stream().mapToInt(v -> v.connections().total()).sum();
        AtomicReference<Cidr> blocked = new AtomicReference<>();
        ConsoleActions actions = new ConsoleActions() {
            @Override
            public ActionResult blockAssist(Cidr target, Cidr prefix) {
                blocked.set(target);
                return ActionResult.show(
                        "1 command", List.of("nft add element inet filter blocked { " + target + " }"));
            }
        };
        Screens s = new Screens(160, 45, Theme.dark(), actions).feed(demo).keys("P");
        String grouped = s.text();
        long rows = demo.getLast().ips().stream() // one per /24 and /64
                .map(v -> v.ip().prefix(v.ip().isV4() ? 24 : 64))
                .distinct()
                .count();
        assertThat(grouped)
                .contains("198.51.100.0/24 ×" + flood.size())
                .contains("BY /24 /64")
                .contains("IPs " + demo.getLast().ips().size() + " in " + rows + " rows");
        assertThat(tableIps(s)).doesNotContain(flood.get(0).ip().toString());
        String groupRow = grouped.lines()
                .filter(l -> l.contains("198.51.100.0/24 ×"))
                .findFirst()
                .orElseThrow();
        assertThat(groupRow).as("the members' connections added up").contains(" " + conns + " ");
        s.keys("b");
        assertThat(blocked.get()).isEqualTo(Cidr.parse("198.51.100.0/24"));
        assertThat(s.text()).contains("blocked { 198.51.100.0/24 }");
        s.keys("\033").keys("\r");
        assertThat(s.loop.state().mode).isEqualTo(Mode.DETAIL);
        String detail = s.text();
        assertThat(detail)
                .contains("198.51.100.0/24 · " + flood.size() + " IPs")
                .contains("IPs in it (" + flood.size() + ")");
        for (IpView m : flood) {
            assertThat(detail).contains(m.ip().toString());
        }
        s.keys("\033").keys("c");
        assertThat(s.text()).contains("copied 198.51.100.0/24");
        s.keys("P");
        assertThat(tableIps(s)).contains(flood.get(0).ip().toString());
        // the cursor follows: from an IP to its group, and back to the group's busiest IP
        Screens c = new Screens(160, 45, Theme.dark()).feed(demo).keys("jj");
        assertThat(c.loop.state().selected).isEqualTo(IpKey.parse("198.51.100.12"));
        c.keys("P");
        assertThat(c.loop.state().selected).isEqualTo(IpKey.parse("198.51.100.0"));
        c.keys("P");
        assertThat(c.loop.state().selected).isEqualTo(IpKey.parse("198.51.100.10"));
        assertThat(s.text()).doesNotContain("/24 ×").doesNotContain("BY /24 /64");
    }

    /**
     * A row the firewall already blocks is marked (⊘ every packet, ⊖ in part), its detail says by whom
     * and how, a block dialog starts by saying so, and an unblock says which other tool's block stays.
     */
    @Test
    void whatTheFirewallAlreadyBlocksIsMarkedExplainedAndNotedInTheDialogs() {
        Snapshot last = demo.getLast();
        IpView top = last.ips().getFirst();
        IpView second = last.ips().get(1);
        dev.nethergaze.model.Block jail = new dev.nethergaze.model.Block(
                "fail2ban sshd",
                "inet f2b-table f2b-chain: ip saddr @addr-set-sshd tcp dport 22 reject",
                "tcp dport 22",
                top.ip().toString(),
                null);
        dev.nethergaze.model.Block ours = new dev.nethergaze.model.Block(
                "nethergaze",
                "inet nethergaze input: ip saddr @blocked4 drop",
                "",
                second.ip().toString(),
                last.generatedAt().plusSeconds(2520));
        List<IpView> ips = new java.util.ArrayList<>(last.ips());
        ips.set(0, top.withBlocked(List.of(jail)));
        ips.set(1, second.withBlocked(List.of(ours)));
        Snapshot marked = last.withIps(ips);
        ConsoleActions actions = new ConsoleActions() {
            @Override
            public ActionResult blockAssist(Cidr target, Cidr prefix) {
                return ActionResult.show(
                        "block", List.of("nft add element inet nethergaze blocked4 { " + target + " }"));
            }

            @Override
            public ActionResult unblockAssist(Cidr target) {
                return ActionResult.show(
                        "unblock", List.of("nft delete element inet nethergaze blocked4 { " + target + " }"));
            }
        };
        Screens s = new Screens(160, 45, Theme.dark(), actions).feed(List.of(marked));
        String table = s.text();
        assertThat(tableRow(table, top.ip()))
                .as("blocked in part: port 22 only")
                .startsWith("│⊖");
        assertThat(tableRow(table, second.ip())).startsWith("│⊘");
        assertThat(table)
                .as("the stats bar counts them")
                .contains("IPs " + last.ips().size() + "/" + last.totals().ipsShown() + " ⊘ 2 blocked");
        assertThat(tableRow(table, last.ips().get(2).ip())).doesNotContain("⊘", "⊖");
        s.keys("b");
        assertThat(s.text())
                .contains("# already blocked by fail2ban sshd: tcp dport 22 only · " + top.ip())
                .contains("# only in part:")
                .contains("blocked4 { " + top.ip() + " }");
        s.keys("\033").keys("u");
        assertThat(s.text())
                .contains("# fail2ban sshd blocks it too, and this does not lift that")
                .contains("fail2ban-client set sshd unbanip " + top.ip());
        s.keys("\033").keys("j").keys("\r");
        assertThat(s.text())
                .contains("⊘ BLOCKED nethergaze: every packet · " + second.ip() + " · ends in 42m")
                .contains("inet nethergaze input: ip saddr @blocked4 drop");
    }

    @Test
    void cCopiesTheIpWithOsc52() {
        Screens s = screens().keys("c");
        String b64 = java.util.Base64.getEncoder()
                .encodeToString("198.51.100.10".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(s.tty.output()).contains("\033]52;c;" + b64 + "\007");
        assertThat(s.text()).contains("copied 198.51.100.10");
    }

    @Test
    void pauseFreezesTheViewAndTellsTheEngine() {
        AtomicReference<Boolean> told = new AtomicReference<>();
        ConsoleActions actions = new ConsoleActions() {
            @Override
            public ActionResult pause(boolean paused) {
                told.set(paused);
                return ActionResult.ok(paused ? "engine paused" : "engine resumed");
            }
        };
        Screens s = new Screens(160, 45, Theme.dark(), actions)
                .feed(demo.subList(0, 4))
                .keys(" ");
        assertThat(told.get()).isTrue();
        s.feed(demo.subList(4, 8));
        assertThat(s.text()).contains("03:00:03 UTC").contains("PAUSED");
        s.keys("p");
        assertThat(s.text()).contains("03:00:07 UTC");
    }

    @Test
    void aClickSelectsTheRowUnderThePointer() {
        Screens s = screens();
        s.text();
        int y = s.loop.state().tableFirstRowY + 3;
        s.keys("\033[<0;10;" + (y + 1) + "M");
        assertThat(s.loop.state().selected).isEqualTo(IpKey.parse("198.51.100.13"));
    }

    @Test
    void tabMovesFocusAndArrowsThenScrollTheLog() {
        Screens s = screens().keys("\t");
        assertThat(s.text()).contains("live");
        s.keys("kkk");
        assertThat(s.loop.state().logBack).isEqualTo(3);
        assertThat(s.text()).contains("↑ 3 back");
        s.keys("\033[F"); // End: follow again
        assertThat(s.loop.state().logBack).isZero();
    }

    @Test
    void aScrolledBackLogStaysPutWhileNewLinesArrive() {
        List<Snapshot> more = Snapshots.demo(12);
        Screens s = new Screens(160, 45, Theme.dark())
                .feed(more.subList(0, 8))
                .keys("\t")
                .keys("kkkkk");
        String before = logLines(s.text());
        s.feed(more.subList(8, 12));
        assertThat(logLines(s.text())).isEqualTo(before);
        assertThat(s.loop.state().logBack).isGreaterThan(5);
        s.keys("G");
        assertThat(logLines(s.text())).contains("03:00:11");
    }

    private static String logLines(String screen) {
        List<String> lines = screen.lines().toList();
        int top = lines.indexOf(lines.stream()
                .filter(l -> l.contains("requests & ssh"))
                .findFirst()
                .orElseThrow());
        return String.join("\n", lines.subList(top + 1, lines.size() - 2));
    }

    @Test
    void theLogAppliesTheFilterToo() {
        Screens s = screens().keys("fstatus:4xx\r");
        String text = s.text();
        String log = text.lines()
                .filter(l -> l.contains("│0"))
                .map(l -> l.substring(l.lastIndexOf("││") + 2))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(log).contains("192.0.2.201").doesNotContain("192.0.2.77");
    }

    @Test
    @Timeout(10)
    void qQuitsTheRunningLoop() throws Exception {
        FakeTty tty = new FakeTty(80, 24);
        Snapshot last = demo.getLast();
        try (var exec = Executors.newVirtualThreadPerTaskExecutor()) {
            ConsoleOptions opts = ConsoleOptions.defaults().withEnv(Map.of());
            ConsoleLoop loop =
                    new ConsoleLoop(tty, () -> last, opts, Theme.mono(), ConsoleActions.NONE, exec, System::nanoTime);
            var done = exec.submit(loop::run);
            Thread.sleep(100);
            tty.type("q");
            assertThat(done.get(5, TimeUnit.SECONDS)).isZero();
        }
        assertThat(tty.output()).contains("nethergaze").contains("\033[?2026h");
    }

    @Test
    void synRecvHeavyIpsAreFlaggedByDetectionNotByAHeuristic() {
        IpView flood = demo.getLast().ips().stream()
                .filter(v -> v.connections().inState(TcpState.SYN_RECV) > 0)
                .findFirst()
                .orElseThrow();
        assertThat(dev.nethergaze.detect.Findings.flagged(flood)).isTrue();
        assertThat(flood.findings()).extracting(f -> f.rule()).anyMatch(r -> r.startsWith("syn"));
    }

    /**
     * When no snapshot comes for much longer than they came before (an engine stalled, or one that
     * cannot build a snapshot), the header says so, rather than show the last frame as the present;
     * the next snapshot clears it, and a pause (the user's freeze) is not a stall.
     */
    @Test
    void theHeaderSaysWhenNoSnapshotCameForLong() {
        java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
        AtomicReference<Snapshot> latest = new AtomicReference<>();
        FakeTty tty = new FakeTty(160, 45);
        ConsoleLoop loop = new ConsoleLoop(
                tty,
                latest::get,
                ConsoleOptions.defaults().withEnv(Map.of()),
                Theme.dark(),
                ConsoleActions.NONE,
                Runnable::run,
                clock::get);
        long second = 1_000_000_000L;
        for (int i = 0; i < 3; i++) { // one a second
            latest.set(demo.get(i));
            clock.set(i * second);
            loop.frame();
        }
        clock.set(6 * second); // 4 s after the last one: not yet
        loop.frame();
        assertThat(loop.screen().toPlainText()).doesNotContain("NO UPDATE");
        clock.set(14 * second);
        loop.frame();
        assertThat(loop.screen().toPlainText().lines().findFirst().orElseThrow())
                .contains("⚠ NO UPDATE FOR 12s");
        latest.set(demo.get(3));
        loop.frame();
        assertThat(loop.screen().toPlainText()).doesNotContain("NO UPDATE");

        loop.press(dev.nethergaze.ui.tui.term.Key.ch(' ')); // paused: frozen on purpose
        clock.set(60 * second);
        loop.frame();
        assertThat(loop.screen().toPlainText()).contains("PAUSED").doesNotContain("NO UPDATE");
        loop.press(dev.nethergaze.ui.tui.term.Key.ch(' ')); // resumed: the engine's next one is due
        clock.set(61 * second);
        loop.frame();
        assertThat(loop.screen().toPlainText()).doesNotContain("NO UPDATE");
    }

    /**
     * A log the engine is behind, and what failed inside the engine, are shown first in the top bar
     * (where a working file would only be counted), each with its detail.
     */
    @Test
    void theTopBarShowsALogBehindAndTheEnginesFaultsFirst() {
        Snapshot d = demo.getLast();
        List<dev.nethergaze.model.SourceHealth> sources = new ArrayList<>(d.sources());
        sources.add(new dev.nethergaze.model.SourceHealth(
                "http:/var/log/nginx/access.log",
                "http",
                dev.nethergaze.model.SourceStatus.BEHIND,
                "37.2 MiB unread: its lines come faster than they are judged",
                1000,
                0));
        sources.add(new dev.nethergaze.model.SourceHealth(
                "engine",
                "engine",
                dev.nethergaze.model.SourceStatus.ERROR,
                "1 event could not be applied in full",
                0,
                1));
        String top = Screens.topBar(d, sources, 400);
        assertThat(top)
                .contains("● http:/var/log/nginx/access.log: 37.2 MiB unread")
                .contains("● engine: 1 event could not be applied");
        assertThat(top.indexOf("37.2 MiB")).as("before the working sources").isLessThan(top.indexOf("● demo"));
    }
}
