package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.TcpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection-table rules for IPv4 and IPv6, with near misses (TIME_WAIT, a busy keep-alive client). */
class ConnRulesTest {

    private static final DetectSettings S = DetectSettings.defaults();
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private static final IpKey SERVER4 = IpKey.parse("192.0.2.1");
    private static final IpKey SERVER6 = IpKey.parse("2001:db8::1");

    private static Connection in(String remote, int rport, int lport, TcpState st) {
        IpKey r = IpKey.parse(remote);
        return new Connection(r.isV4() ? SERVER4 : SERVER6, lport, r, rport, st, Direction.INBOUND, 0, 0, null);
    }

    private static ConnTable table(Instant t, List<Connection> rows, List<Listener> listeners) {
        return new ConnTable("t", t, rows, listeners);
    }

    private static List<String> rules(Detector d, String ip) {
        return d.findings(IpKey.parse(ip)).stream().map(Finding::rule).toList();
    }

    @Test
    void synFloodPerIpV4AndV6() {
        List<Connection> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(in("203.0.113.5", 2000 + i, 443, TcpState.SYN_RECV));
            rows.add(in("2001:db8:bad::5", 2000 + i, 443, TcpState.SYN_RECV));
        }
        rows.add(in("198.51.100.3", 3000, 443, TcpState.SYN_RECV)); // one half-open: a slow handshake
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        d.observe(table(T0, rows, List.of()));
        d.evaluate(T0);
        for (String ip : List.of("203.0.113.5", "2001:db8:bad::5")) {
            Finding f = d.findings(IpKey.parse(ip)).getFirst();
            assertThat(f.rule()).isEqualTo(SynFloodRule.ID);
            assertThat(f.observed()).isEqualTo(12);
            assertThat(f.reason()).startsWith("12 half-open connections (SYN_RECV) from " + ip);
            assertThat(f.evidence())
                    .hasSize(S.evidenceItems())
                    .allSatisfy(e -> assertThat(e).contains("SYN_RECV"));
        }
        assertThat(d.findings(IpKey.parse("2001:db8:bad::5"))
                        .getFirst()
                        .evidence()
                        .getFirst())
                .startsWith("[2001:db8:bad::5]:2000 -> [2001:db8::1]:443 SYN_RECV");
        assertThat(rules(d, "198.51.100.3")).isEmpty();
    }

    @Test
    void floodSpreadOverAPrefixIsJudgedPerSlash24AndSlash64() {
        List<Connection> rows = new ArrayList<>();
        for (int i = 10; i < 20; i++) {
            for (int k = 0; k < 4; k++) {
                rows.add(in("198.51.100." + i, 1000 + k, 443, TcpState.SYN_RECV));
                rows.add(in("2001:db8:f00d:1::" + i, 1000 + k, 443, TcpState.SYN_RECV));
            }
        }
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        d.observe(table(T0, rows, List.of()));
        d.evaluate(T0);
        assertThat(rules(d, "198.51.100.10")).containsExactly(PrefixFloods.ID);
        assertThat(rules(d, "2001:db8:f00d:1::13")).containsExactly(PrefixFloods.ID);
        assertThat(d.hostFindings())
                .extracting(Finding::subject)
                .containsExactlyInAnyOrder("198.51.100.0/24", "2001:db8:f00d:1::/64");
        assertThat(d.findings(IpKey.parse("198.51.100.10")).getFirst().reason())
                .isEqualTo("40 half-open connections (SYN_RECV) from 10 addresses in 198.51.100.0/24"
                        + " (threshold 30 per prefix)");
        // the flood ends: the next table is empty
        d.observe(table(T0.plusSeconds(1), List.of(), List.of()));
        d.evaluate(T0.plusSeconds(1));
        assertThat(d.flagged()).isEmpty();
        assertThat(d.hostFindings()).isEmpty();
    }

    /**
     * A flood whose addresses are spread over a /16 (a /24 each holds fewer than per_prefix rows) is one
     * flood when the IPv4 grouping is /16 ({@code detect.syn.prefix_v4 = 16}); likewise a /48 for IPv6.
     * Before, the grouping was fixed at /24 and /64 and such a flood was never named.
     */
    @Test
    void theGroupingPrefixesAreTheConfiguredOnes() {
        List<Connection> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // 10 /24s and 10 /64s, 4 rows each: under 30 in any one of them
            for (int k = 0; k < 4; k++) {
                rows.add(in("198.51." + i + ".7", 1000 + k, 443, TcpState.SYN_RECV));
                rows.add(in("2001:db8:f00d:" + i + "::7", 1000 + k, 443, TcpState.SYN_RECV));
            }
        }
        Detector fixed = new Detector(S, Allowlist.EMPTY, 100);
        fixed.observe(table(T0, rows, List.of()));
        fixed.evaluate(T0);
        assertThat(fixed.hostFindings()).isEmpty();

        DetectSettings.Syn wide = new DetectSettings.Syn(10, 30, 256, 100, 16, 48);
        DetectSettings ws =
                new DetectSettings(S.evidenceItems(), wide, S.http(), S.ssh(), S.conn(), S.wire(), S.ipv6Prefix());
        Detector d = new Detector(ws, Allowlist.EMPTY, 100);
        d.observe(table(T0, rows, List.of()));
        d.evaluate(T0);
        assertThat(d.hostFindings())
                .extracting(Finding::subject)
                .containsExactlyInAnyOrder("198.51.0.0/16", "2001:db8:f00d::/48");
        assertThat(rules(d, "198.51.3.7")).containsExactly(PrefixFloods.ID);
        assertThat(d.findings(IpKey.parse("198.51.3.7")).getFirst().reason())
                .isEqualTo("40 half-open connections (SYN_RECV) from 10 addresses in 198.51.0.0/16"
                        + " (threshold 30 per prefix)");
    }

    @Test
    void manyConnectionsFewRequestsCountsOpenStatesOnly() {
        List<Connection> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(in("203.0.113.40", 4000 + i, 443, TcpState.ESTABLISHED));
            rows.add(in("203.0.113.41", 4000 + i, 443, TcpState.TIME_WAIT)); // closed: does not count
            rows.add(in("203.0.113.42", 4000 + i, 443, TcpState.ESTABLISHED)); // busy API client
        }
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        IpKey api = IpKey.parse("203.0.113.42");
        for (int s = 0; s < 60; s++) {
            d.observe(new HttpHit(
                    "t",
                    T0.plusSeconds(s),
                    api,
                    api,
                    "GET",
                    "/api/v1/items",
                    "HTTP/1.1",
                    200,
                    9,
                    "-",
                    "client/1",
                    "",
                    false));
        }
        d.observe(table(T0.plusSeconds(60), rows, List.of()));
        d.evaluate(T0.plusSeconds(60));
        assertThat(rules(d, "203.0.113.40")).containsExactly(ConnHogRule.ID);
        assertThat(d.findings(IpKey.parse("203.0.113.40")).getFirst().reason())
                .isEqualTo("30 open connections (ESTABLISHED/SYN_RECV) but only 0 requests in 60 s (threshold 20"
                        + " connections)");
        assertThat(rules(d, "203.0.113.41")).isEmpty();
        assertThat(rules(d, "203.0.113.42")).isEmpty();
    }

    @Test
    void portScanAcrossPolls() {
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        for (int p = 0; p < 12; p++) {
            d.observe(table(
                    T0.plusSeconds(p), List.of(in("2001:db8:5ca7::1", 40000, 20 + p, TcpState.SYN_RECV)), List.of()));
        }
        d.evaluate(T0.plusSeconds(12));
        Finding f = d.findings(IpKey.parse("2001:db8:5ca7::1")).getFirst();
        assertThat(f.rule()).isEqualTo(PortScanRule.ID);
        assertThat(f.observed()).isEqualTo(12);
        assertThat(f.evidence().getFirst()).isEqualTo("local ports: 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31");
        d.evaluate(T0.plusSeconds(200));
        assertThat(rules(d, "2001:db8:5ca7::1")).doesNotContain(PortScanRule.ID);
    }

    /** A port scan ends when its tenth newest port leaves the minute, not at the next re-judgement. */
    @Test
    void aPortScanEndsWhenTooFewPortsAreLeftInItsWindow() {
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        for (int p = 0; p < 12; p++) {
            d.observe(table(
                    T0.plusSeconds(p), List.of(in("2001:db8:5ca7::2", 40000, 20 + p, TcpState.SYN_RECV)), List.of()));
            d.evaluate(T0.plusSeconds(p));
        }
        assertThat(rules(d, "2001:db8:5ca7::2")).contains(PortScanRule.ID);
        d.catchUp(T0.plusSeconds(3600));
        // ports at +0..+11 s; the tenth newest (+2 s) leaves the 60 s window at +63 s
        assertThat(Samples.endedAt(d, IpKey.parse("2001:db8:5ca7::2"), PortScanRule.ID))
                .isEqualTo(T0.plusSeconds(63));
    }

    @Test
    void requestlessWebConnectionOnceLogsFlow() {
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        IpKey other = IpKey.parse("192.0.2.50");
        d.observe(new HttpHit("t", T0, other, other, "GET", "/", "HTTP/1.1", 200, 1, "-", "x", "", false));
        for (int s = 0; s <= 130; s += 10) {
            d.observe(table(
                    T0.plusSeconds(s),
                    List.of(
                            in("203.0.113.77", 5555, 443, TcpState.ESTABLISHED),
                            in("203.0.113.78", 5556, 22, TcpState.ESTABLISHED)), // ssh: no log line expected
                    List.of()));
        }
        d.evaluate(T0.plusSeconds(130));
        assertThat(rules(d, "203.0.113.77")).containsExactly(RequestlessRule.ID);
        assertThat(rules(d, "203.0.113.78")).isEmpty();
    }

    @Test
    void hostWideFloodFromTableListenersAndCounters() {
        List<Connection> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(in("127.0.0." + (2 + i % 200), 10000 + i, 8080, TcpState.SYN_RECV));
        }
        Detector d = new Detector(S, Allowlist.EMPTY, 1000);
        d.observe(table(T0, rows, List.of(new Listener(IpKey.parse("0.0.0.0"), 8080, 4097, 4096))));
        d.observe(new TcpCounters(T0, 1000, 10, 10));
        d.observe(new TcpCounters(T0.plusSeconds(5), 91_000, 10, 10));
        assertThat(d.hostFindings())
                .extracting(Finding::rule)
                .contains(HostRules.SYN_HOST, HostRules.LISTEN_FULL, HostRules.SYN_COUNTERS);
        Finding counters = d.hostFindings().stream()
                .filter(f -> f.rule().equals(HostRules.SYN_COUNTERS))
                .findFirst()
                .orElseThrow();
        assertThat(counters.reason()).startsWith("90000 SYN cookies sent and 0 listen drops in 5 s");
        assertThat(counters.evidence()).contains("TcpExt SyncookiesSent +90000 in 5000 ms");
        d.observe(new TcpCounters(T0.plusSeconds(10), 91_000, 10, 10));
        assertThat(d.hostFindings()).extracting(Finding::rule).doesNotContain(HostRules.SYN_COUNTERS);
    }

    /**
     * A listener whose accept queue stays full keeps the start of its episode (it was reset to the time
     * of every table while it kept firing, so an alert receiver saw a new episode each second); a queue
     * that drains and fills again within the hold goes on with its episode; after a longer stop it is a
     * new episode.
     */
    @Test
    void aFullListenQueueKeepsItsSinceWhileItStaysFull() {
        Detector d = new Detector(S, Allowlist.EMPTY, 1000);
        List<Listener> full = List.of(new Listener(IpKey.parse("192.0.2.1"), 8080, 6, 5));
        for (int s = 0; s <= 4; s += 2) {
            d.observe(table(T0.plusSeconds(s), List.of(), full));
        }
        assertThat(d.hostFindings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(HostRules.LISTEN_FULL);
            assertThat(f.since()).isEqualTo(T0);
        });
        d.observe(table(T0.plusSeconds(6), List.of(), List.of()));
        d.observe(table(T0.plusSeconds(8), List.of(), full));
        assertThat(d.hostFindings())
                .singleElement()
                .satisfies(f -> assertThat(f.since()).isEqualTo(T0));
        d.observe(table(T0.plusSeconds(10), List.of(), List.of()));
        d.observe(table(T0.plusSeconds(80), List.of(), full));
        assertThat(d.hostFindings())
                .singleElement()
                .satisfies(f -> assertThat(f.since()).isEqualTo(T0.plusSeconds(80)));
    }

    /**
     * A host-wide SYN_RECV count hovering at its threshold (256) crosses it every few seconds: one
     * episode, not one per crossing (each crossing was a new since and one more ended episode listed,
     * 12 in a minute here), and none listed as ended while it goes on; the same for a /24's flood and
     * the kernel's SYN counters.
     */
    @Test
    void hostWideFindingsHoveringAtTheirThresholdAreOneEpisode() {
        Detector d = new Detector(S, Allowlist.EMPTY, 1000);
        long cookies = 0;
        for (int s = 0; s <= 60; s += 5) {
            boolean over = s % 10 == 0;
            d.observe(table(T0.plusSeconds(s), synRows(over ? 300 : 200), List.of()));
            cookies += over ? 5000 : 0;
            d.observe(new TcpCounters(T0.plusSeconds(s), cookies, 10, 10));
            if (over && s > 0) {
                assertThat(d.hostFindings())
                        .as("at +%d s", s)
                        .filteredOn(f -> !f.rule().equals(PrefixFloods.ID))
                        .extracting(f -> f.rule() + " since " + f.since())
                        .containsExactlyInAnyOrder(
                                HostRules.SYN_HOST + " since " + T0,
                                HostRules.SYN_COUNTERS + " since " + T0.plusSeconds(5)); // its first rising interval
                assertThat(d.hostFindings())
                        .filteredOn(f -> f.rule().equals(PrefixFloods.ID))
                        .allSatisfy(f -> assertThat(f.since()).isEqualTo(T0));
                assertThat(d.earlierHostFindings(Instant.MAX)).as("at +%d s", s).isEmpty();
            }
        }
        d.observe(table(T0.plusSeconds(65), synRows(0), List.of()));
        assertThat(d.earlierHostFindings(Instant.MAX))
                .extracting(p -> p.finding().rule() + " since " + p.finding().since())
                .containsExactly(HostRules.SYN_HOST + " since " + T0);
    }

    @Test
    void allowlistSilencesEveryRule() {
        List<Connection> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(in("203.0.113.5", 2000 + i, 443, TcpState.SYN_RECV));
        }
        Detector d = new Detector(S, Allowlist.parse(List.of("203.0.113.0/28")), 100);
        d.observe(table(T0, rows, List.of()));
        d.evaluate(T0);
        assertThat(d.flagged()).isEmpty();
        assertThat(d.tracked()).isZero();
    }

    /**
     * A host-wide SYN flood that grows, falls and ends: it is kept as an earlier host finding at its
     * peak (400 half-open, not the 260 it last had), ended when the table showed it over; when it
     * fires again after the hold (75 s later), that is a second episode: the first stays listed, and
     * when the second ends, both are. Firing again within the hold, it goes on with its peak.
     */
    @Test
    void aHostWideFloodThatEndedIsKeptAtItsPeak() {
        Detector d = new Detector(S, Allowlist.EMPTY, 1000);
        int[] halfOpen = {300, 400, 260, 0}; // threshold 256
        for (int i = 0; i < halfOpen.length; i++) {
            d.observe(table(T0.plusSeconds(i * 5L), synRows(halfOpen[i]), List.of()));
        }
        assertThat(d.hostFindings()).isEmpty();
        assertThat(d.earlierHostFindings(Instant.MAX)).singleElement().satisfies(p -> {
            assertThat(p.finding().rule()).isEqualTo(HostRules.SYN_HOST);
            assertThat(p.finding().observed()).isEqualTo(400);
            assertThat(p.finding().since()).isEqualTo(T0);
            assertThat(p.ended()).isEqualTo(T0.plusSeconds(15));
        });
        d.observe(table(T0.plusSeconds(90), synRows(300), List.of()));
        assertThat(d.earlierHostFindings(Instant.MAX))
                .as("firing again after the hold: the first episode stays")
                .hasSize(1);
        d.observe(table(T0.plusSeconds(95), synRows(0), List.of()));
        assertThat(d.earlierHostFindings(Instant.MAX))
                .extracting(p -> p.finding().observed() + " until " + p.ended())
                .containsExactlyInAnyOrder("400.0 until " + T0.plusSeconds(15), "300.0 until " + T0.plusSeconds(95));
    }

    /**
     * The connection source's first rates already cover the interval since its first reading: a flood
     * that fell in it is judged (before, that interval was dropped, and a short burst right after
     * start-up went unseen, as HostFloodNamespaceIT showed); the same table applied twice counts once.
     */
    @Test
    void theFirstRatesOfTheCountersAreJudgedAndATableCountsOnce() {
        Detector d = new Detector(S, Allowlist.EMPTY, 1000);
        dev.nethergaze.model.SynCounters first = dev.nethergaze.model.SynCounters.firstReading(null, 1);
        d.observe(new ConnTable("t", T0, List.of(), List.of(), first));
        dev.nethergaze.model.SynCounters burst =
                new dev.nethergaze.model.SynCounters(1040, 0, 0, 0, 1040, 0, 0, 1121, 1, 1.0, null);
        ConnTable t1 = new ConnTable("t", T0.plusSeconds(1), List.of(), List.of(), burst);
        d.observe(t1);
        assertThat(d.hostFindings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(HostRules.SYN_COUNTERS);
            assertThat(f.observed()).isEqualTo(1040);
            assertThat(f.since()).isEqualTo(T0);
        });
        d.observe(t1);
        assertThat(d.hostFindings())
                .singleElement()
                .satisfies(f -> assertThat(f.observed()).isEqualTo(1040));
        dev.nethergaze.model.SynCounters calm =
                new dev.nethergaze.model.SynCounters(0, 0, 0, 0, 0, 0, 0, 3, 1, 1.0, null);
        d.observe(new ConnTable("t", T0.plusSeconds(2), List.of(), List.of(), calm));
        assertThat(d.hostFindings()).isEmpty();
        assertThat(d.earlierHostFindings(Instant.MAX)).singleElement().satisfies(p -> {
            assertThat(p.finding().observed()).isEqualTo(1040);
            assertThat(p.ended()).isEqualTo(T0.plusSeconds(2));
        });
    }

    @Test
    void aHostWideFloodBackWithinTheHoldGoesOnWithItsPeak() {
        Detector d = new Detector(S, Allowlist.EMPTY, 1000);
        int[] halfOpen = {300, 400, 0, 300, 0}; // threshold 256
        for (int i = 0; i < halfOpen.length; i++) {
            d.observe(table(T0.plusSeconds(i * 10L), synRows(halfOpen[i]), List.of()));
            if (i == 3) {
                assertThat(d.earlierHostFindings(Instant.MAX)).as("going on").isEmpty();
                assertThat(d.hostFindings())
                        .filteredOn(f -> f.rule().equals(HostRules.SYN_HOST))
                        .singleElement()
                        .satisfies(f -> assertThat(f.since()).isEqualTo(T0));
            }
        }
        assertThat(d.earlierHostFindings(Instant.MAX)).singleElement().satisfies(p -> {
            assertThat(p.finding().observed()).isEqualTo(400);
            assertThat(p.finding().since()).isEqualTo(T0);
            assertThat(p.ended()).isEqualTo(T0.plusSeconds(40));
        });
    }

    private static List<Connection> synRows(int n) {
        List<Connection> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(in("127.0.0." + (2 + i % 200), 10000 + i, 8080, TcpState.SYN_RECV));
        }
        return rows;
    }

    @Test
    void trackedIpsAreBounded() {
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        for (int i = 0; i < 1000; i++) {
            IpKey ip = IpKey.ofV4(0xC6336400 + i);
            d.observe(new HttpHit("t", T0, ip, ip, "GET", "/.env", "HTTP/1.1", 404, 1, "-", "x", "", false));
        }
        d.evaluate(T0);
        assertThat(d.tracked()).isEqualTo(100);
        assertThat(d.evicted()).isEqualTo(900);
        assertThat(d.flagged()).hasSize(100);
    }

    /** A SYN flood from 100k addresses, each with 2 half-open rows, against a cap of 5,000 tracked IPs. */
    @Test
    void floodFromManyMoreAddressesThanTheCapStaysBounded() {
        List<Connection> rows = new ArrayList<>(200_000);
        for (int i = 0; i < 100_000; i++) {
            IpKey r = IpKey.ofV4(0xCB007100 + i); // 203.0.113.0 onwards, wrapping into the next /16s
            rows.add(new Connection(SERVER4, 443, r, 1000, TcpState.SYN_RECV, Direction.INBOUND, 0, 0, null));
            rows.add(new Connection(SERVER4, 443, r, 1001, TcpState.SYN_RECV, Direction.INBOUND, 0, 0, null));
        }
        Detector d = new Detector(S, Allowlist.EMPTY, 5_000);
        d.observe(table(T0, rows, List.of()));
        d.observe(table(T0.plusSeconds(1), rows, List.of()));
        d.evaluate(T0.plusSeconds(1));
        assertThat(d.tracked()).isEqualTo(5_000);
        assertThat(d.hostFindings()).extracting(Finding::rule).contains(HostRules.SYN_HOST, PrefixFloods.ID);
        assertThat(d.flagged())
                .isNotEmpty()
                .allSatisfy(ip ->
                        assertThat(d.findings(ip)).extracting(Finding::rule).containsExactly(PrefixFloods.ID));
    }
}
