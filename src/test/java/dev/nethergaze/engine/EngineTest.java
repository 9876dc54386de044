package dev.nethergaze.engine;

import static dev.nethergaze.engine.Fixtures.T0;
import static dev.nethergaze.engine.Fixtures.hit;
import static dev.nethergaze.engine.Fixtures.in;
import static dev.nethergaze.engine.Fixtures.out;
import static dev.nethergaze.engine.Fixtures.settings;
import static dev.nethergaze.engine.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EngineTest {

    private static IpView ip(Snapshot s, String ip) {
        IpKey k = IpKey.parse(ip);
        return s.ips().stream().filter(v -> v.ip().equals(k)).findFirst().orElse(null);
    }

    @Test
    void joinsConnectionsAndRequestsPerIp() {
        Engine e = new Engine(settings());
        e.apply(table(
                T0,
                in("203.0.113.5", 1000, TcpState.ESTABLISHED),
                in("203.0.113.5", 1001, TcpState.SYN_RECV),
                out("198.51.100.9", 5432)));
        e.apply(hit("203.0.113.5", T0.plusSeconds(1), 200, "/"));
        e.apply(hit("203.0.113.5", T0.plusSeconds(2), 404, "/.env"));
        Snapshot s = e.snapshot(List.of());

        IpView v = ip(s, "203.0.113.5");
        assertThat(v.connections().total()).isEqualTo(2);
        assertThat(v.connections().byState())
                .containsEntry(TcpState.ESTABLISHED, 1)
                .containsEntry(TcpState.SYN_RECV, 1);
        assertThat(v.services()).singleElement().satisfies(c -> {
            assertThat(c.port()).isEqualTo(443);
            assertThat(c.name()).isEqualTo("https");
            assertThat(c.count()).isEqualTo(2);
        });
        assertThat(v.requests()).isEqualTo(2);
        assertThat(v.status()).containsEntry("2xx", 1L).containsEntry("4xx", 1L);
        assertThat(v.methods()).containsEntry("GET", 2L);
        assertThat(v.firstSeen()).isEqualTo(T0);
        assertThat(v.lastSeen()).isEqualTo(T0.plusSeconds(2));

        IpView db = ip(s, "198.51.100.9");
        assertThat(db.connections().outbound()).isEqualTo(1);
        assertThat(db.services()).as("outbound sockets are never a service").isEmpty();
        assertThat(s.totals().connections()).isEqualTo(3);
        assertThat(s.totals().established()).isEqualTo(2);
    }

    /** Each row carries the firewall rules that block it at the last read; the next read replaces them. */
    @Test
    void rowsCarryWhatTheFirewallBlocksAtItsLastRead() {
        Engine e = new Engine(settings());
        e.apply(hit("203.0.113.5", T0, 404, "/.env"));
        e.apply(hit("203.0.113.6", T0, 200, "/"));
        dev.nethergaze.model.Block jail = new dev.nethergaze.model.Block(
                "fail2ban sshd", "inet f2b-table f2b-chain: …", "tcp dport 22", "203.0.113.0/24", null);
        e.apply(new dev.nethergaze.model.FirewallBlocks(
                "firewall",
                T0.plusSeconds(1),
                dev.nethergaze.model.BlockTable.of(List.of(dev.nethergaze.model.BlockTable.Range.prefix(
                        dev.nethergaze.model.IpKey.parse("203.0.113.5"), 32, jail)))));
        Snapshot s = e.snapshot(List.of());
        assertThat(ip(s, "203.0.113.5").blocked()).containsExactly(jail);
        assertThat(ip(s, "203.0.113.6").blocked()).isEmpty();

        e.apply(new dev.nethergaze.model.FirewallBlocks(
                "firewall", T0.plusSeconds(6), dev.nethergaze.model.BlockTable.EMPTY));
        assertThat(ip(e.snapshot(List.of()), "203.0.113.5").blocked())
                .as("unblocked since")
                .isEmpty();
    }

    @Test
    void privateRemotesAreCountedButHiddenUnlessAsked() {
        Engine hidden = new Engine(settings());
        hidden.apply(table(
                T0,
                in("10.1.2.3", 1, TcpState.ESTABLISHED),
                in("127.0.0.1", 2, TcpState.ESTABLISHED),
                in("fe80::1", 3, TcpState.ESTABLISHED),
                in("203.0.113.5", 4, TcpState.ESTABLISHED)));
        Snapshot s = hidden.snapshot(List.of());
        assertThat(s.ips()).extracting(v -> v.ip().toString()).containsExactly("203.0.113.5");
        assertThat(s.totals().connections()).isEqualTo(4);
        assertThat(s.totals().hiddenConnections()).isEqualTo(3);

        Engine shown = new Engine(settings().withShowPrivateIps(true));
        shown.apply(table(T0, in("10.1.2.3", 1, TcpState.ESTABLISHED), in("127.0.0.1", 2, TcpState.ESTABLISHED)));
        assertThat(shown.snapshot(List.of()).ips()).hasSize(2);
    }

    @Test
    void closedConnectionsDisappearWithTheNextTable() {
        Engine e = new Engine(settings());
        e.apply(table(T0, in("203.0.113.5", 1000, TcpState.ESTABLISHED)));
        e.apply(table(T0.plusSeconds(1)));
        IpView v = ip(e.snapshot(List.of()), "203.0.113.5");
        assertThat(v.connections().total()).isZero();
        assertThat(v.services()).isEmpty();
    }

    @Test
    void requestRateDecaysWhenTrafficStops() {
        Engine e = new Engine(settings());
        for (int i = 0; i < 30; i++) {
            e.apply(hit("203.0.113.5", T0.plusSeconds(i), 200, "/"));
        }
        assertThat(ip(e.snapshot(List.of()), "203.0.113.5").requestsPerMin()).isEqualTo(30);
        e.maintain(T0.plusSeconds(75));
        assertThat(ip(e.snapshot(List.of()), "203.0.113.5").requestsPerMin()).isBetween(1L, 29L);
        e.maintain(T0.plusSeconds(120));
        Snapshot later = e.snapshot(List.of());
        assertThat(ip(later, "203.0.113.5").requestsPerMin()).isZero();
        assertThat(ip(later, "203.0.113.5").requests()).as("totals never decay").isEqualTo(30);
        assertThat(later.totals().requestsPerMin()).isZero();
    }

    @Test
    void newConnectionsAreCountedAgainstThePreviousTable() {
        Engine e = new Engine(settings());
        e.apply(table(T0, in("203.0.113.5", 1, TcpState.ESTABLISHED)));
        e.apply(table(
                T0.plusSeconds(1),
                in("203.0.113.5", 1, TcpState.ESTABLISHED),
                in("203.0.113.5", 2, TcpState.SYN_RECV),
                in("203.0.113.5", 3, TcpState.SYN_RECV)));
        IpView v = ip(e.snapshot(List.of()), "203.0.113.5");
        assertThat(v.newConnsPerSec()).as("2 new in the 10 s average").isEqualTo(0.2);
    }

    /**
     * A host-wide SYN flood that ended is in the snapshot's earlier findings at its peak, in the JSON
     * ({@code earlier_findings}, with {@code ended}) and in the text report ({@code ended}), after the
     * table showed it over; before, it left no trace once over.
     */
    @Test
    void aHostWideFloodThatEndedIsReportedAfterwards() throws Exception {
        Engine e = new Engine(settings());
        for (int round = 0; round < 3; round++) {
            int n = round == 1 ? 400 : round == 0 ? 300 : 0;
            List<dev.nethergaze.model.Connection> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(in("198.51.100." + (1 + i % 200), 10000 + i, TcpState.SYN_RECV));
            }
            e.apply(new dev.nethergaze.model.ConnTable(
                    "test", T0.plusSeconds(round * 5L), rows, table(T0).listeners()));
        }
        Snapshot s = e.snapshot(List.of());
        assertThat(s.findings()).isEmpty();
        assertThat(s.earlierFindings()).singleElement().satisfies(p -> {
            assertThat(p.finding().rule()).isEqualTo("syn_flood_host");
            assertThat(p.finding().observed()).isEqualTo(400);
            assertThat(p.ended()).isEqualTo(T0.plusSeconds(10));
        });
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(new dev.nethergaze.export.SnapshotJson(false).bytes(s));
        assertThat(doc.get("findings")).isEmpty();
        assertThat(doc.get("earlier_findings")).singleElement().satisfies(f -> {
            assertThat(f.get("rule").asText()).isEqualTo("syn_flood_host");
            assertThat(f.get("observed").asDouble()).isEqualTo(400);
            assertThat(f.get("ended").asText()).isEqualTo(T0.plusSeconds(10).toString());
            assertThat(f.get("held").asBoolean()).as("it may go on for 60 s").isTrue();
        });
        assertThat(dev.nethergaze.ui.text.TextFrame.render(s, 10, 200))
                .contains(
                        "host  HIGH syn_flood_host since 2026-11-22 03:00:00, below threshold since 2026-11-22 03:00:10: ")
                .contains(": 400 half-open connections (SYN_RECV) on this host");

        e.maintain(T0.plusSeconds(71)); // the hold is over: the episode ended
        Snapshot after = e.snapshot(List.of());
        assertThat(after.earlierFindings())
                .singleElement()
                .satisfies(p -> assertThat(p.held()).isFalse());
        assertThat(dev.nethergaze.ui.text.TextFrame.render(after, 10, 200))
                .contains("host  HIGH syn_flood_host ended 2026-11-22 03:00:10: ")
                .contains(": 400 half-open connections (SYN_RECV) on this host");
    }

    @Test
    void recentRequestsAreBounded() {
        Engine e = new Engine(settings());
        for (int i = 0; i < 10; i++) {
            e.apply(hit("203.0.113.5", T0.plusSeconds(i), 200, "/p" + i));
        }
        assertThat(ip(e.snapshot(List.of()), "203.0.113.5").lastRequests())
                .extracting(r -> r.target())
                .containsExactly("/p7", "/p8", "/p9");
    }

    @Test
    void idleIpsAreEvictedButNotWhileConnected() {
        Engine e = new Engine(settings().withIpIdle(Duration.ofMinutes(1)));
        e.apply(hit("203.0.113.5", T0, 200, "/"));
        e.apply(table(T0, in("203.0.113.6", 1, TcpState.ESTABLISHED)));
        e.maintain(T0.plusSeconds(120));
        assertThat(e.snapshot(List.of()).ips())
                .extracting(v -> v.ip().toString())
                .containsExactly("203.0.113.6");
    }

    /**
     * A live line stamped long before now (Apache's %t is when a 20-minute download began; a syslog
     * queue that delivers late) counted in the totals, and its IP was dropped as idle at the next tick:
     * 4 GB in totals.bytes that no IP carried. Its IP is now kept for the idle time from when it came,
     * showing when it was really seen.
     */
    @Test
    void anIpFromALateLineIsKeptForTheIdleTimeFromWhenItCame() {
        Engine e = new Engine(settings().withIpIdle(Duration.ofMinutes(15)));
        Instant now = T0.plusSeconds(3600);
        e.maintain(now); // the live clock's tick
        e.apply(hit("198.51.100.20", now.minusSeconds(20 * 60), 200, "/big.iso"));
        e.apply(hit("198.51.100.1", now, 200, "/"));
        e.maintain(now.plusSeconds(1));
        Snapshot s = e.snapshot(List.of());
        assertThat(s.totals().requests()).isEqualTo(2);
        assertThat(s.ips()).extracting(v -> v.ip().toString()).contains("198.51.100.1", "198.51.100.20");
        assertThat(ip(s, "198.51.100.20").lastSeen()).as("when it was seen").isEqualTo(now.minusSeconds(20 * 60));

        e.maintain(now.plusSeconds(15 * 60 + 2));
        assertThat(e.snapshot(List.of()).ips())
                .as("idle 15 minutes after it came")
                .extracting(v -> v.ip().toString())
                .doesNotContain("198.51.100.20");
    }

    /**
     * Idle IPs go however many there are, and an enrichment answer about one (GeoIP, whois) is no sign
     * of life: the IP still goes when its last event is old.
     */
    @Test
    void everyIdleIpIsEvictedAndAnAnswerAboutOneDoesNotKeepIt() {
        Engine e = new Engine(settings().withIpIdle(Duration.ofSeconds(100)));
        for (int i = 0; i < 50; i++) {
            e.apply(hit("198.51.100." + i, T0, 200, "/"));
        }
        for (int i = 0; i < 600; i++) { // under the cap of 1,000: only idleness evicts here
            e.apply(hit("2001:db8::" + Integer.toHexString(i), T0.plusSeconds(i), 200, "/"));
        }
        e.apply(new Enriched("geo", T0.plusSeconds(599), IpKey.parse("2001:db8::5"), null, null, null));
        e.maintain(T0.plusSeconds(650));
        Snapshot s = e.snapshot(List.of());
        assertThat(s.totals().evictedIps()).isZero();
        assertThat(s.ips())
                .extracting(v -> v.ip().toString())
                .hasSize(50)
                .doesNotContain("2001:db8::5", "198.51.100.7", "2001:db8::225")
                .contains("2001:db8::226", "2001:db8::257");
    }

    @Test
    void ipCapEvictsLeastRecentlySeenAndSaysSo() {
        EngineSettings s = new EngineSettings(false, 100, null, 3, "h", String::valueOf);
        Engine e = new Engine(s);
        for (int i = 0; i < 250; i++) {
            e.apply(hit("198.51.100." + i, T0.plusSeconds(i), 200, "/"));
        }
        Snapshot snap = e.snapshot(List.of());
        assertThat(snap.ips()).hasSize(100);
        assertThat(snap.totals().evictedIps()).isEqualTo(150);
        assertThat(snap.totals().requests()).as("totals stay exact").isEqualTo(250);
        assertThat(ip(snap, "198.51.100.249")).isNotNull();
        assertThat(ip(snap, "198.51.100.0")).isNull();
    }

    /** The written-out order of ips[] is the documented one: connections, requests, auth failures (most first), address. */
    @Test
    void activityOrderIsTheDocumentedOne() {
        Comparator<IpView> documented = Comparator.<IpView>comparingInt(
                        v -> v.connections().total())
                .thenComparingLong(IpView::requests)
                .thenComparingLong(v -> v.auth().failures())
                .reversed()
                .thenComparing(IpView::ip);
        Random rnd = new Random(3);
        Instant t = Instant.parse("2026-12-04T05:00:00Z");
        List<IpView> views = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String ip = rnd.nextBoolean()
                    ? "198.51.100." + rnd.nextInt(40)
                    : "2001:db8::" + Integer.toHexString(rnd.nextInt(40));
            int conns = rnd.nextInt(3);
            views.add(new IpView(
                    IpKey.parse(ip),
                    t,
                    t,
                    new ConnSummary(conns, conns, 0, Map.of()),
                    List.of(),
                    rnd.nextInt(3),
                    0,
                    Map.of(),
                    Map.of(),
                    0,
                    0,
                    List.of(),
                    new AuthSummary(rnd.nextInt(3), 0, 0, 0, 0, List.of()),
                    null,
                    null,
                    null,
                    List.of()));
        }
        List<IpView> ours = new ArrayList<>(views);
        Engine.sortByActivity(ours);
        views.sort(documented);
        assertThat(ours).isEqualTo(views);
    }
}
