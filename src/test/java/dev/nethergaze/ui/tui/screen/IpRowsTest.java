package dev.nethergaze.ui.tui.screen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The table's rows: sorted by a key, ties by the snapshot's own order (so a snapshot sorted by
 * connections is in table order as it comes), and found by address.
 */
class IpRowsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private static final IpKey LOCAL = IpKey.parse("192.0.2.1");

    /** Snapshots of a real engine fed hits, SSH failures and kernel tables over 60 addresses. */
    private static List<Snapshot> snapshots() {
        Engine e = new Engine(new EngineSettings(false, 1000, Duration.ofMinutes(15), 3, "h", String::valueOf));
        Random rnd = new Random(11);
        List<Snapshot> out = new ArrayList<>();
        for (int sec = 0; sec < 120; sec++) {
            Instant t = T0.plusSeconds(sec);
            for (int i = rnd.nextInt(10); i > 0; i--) {
                IpKey ip = IpKey.parse(
                        rnd.nextBoolean() ? "203.0.113." + rnd.nextInt(40) : "2001:db8::" + rnd.nextInt(20));
                if (rnd.nextInt(5) == 0) {
                    e.apply(new AuthAttempt("auth", t, ip, "root", AuthKind.FAILED_PASSWORD, ""));
                } else {
                    e.apply(new HttpHit("test", t, ip, ip, "GET", "/", "HTTP/1.1", 200, 100, "-", "ua", "", false));
                }
            }
            if (sec % 9 == 0) {
                List<Connection> c = new ArrayList<>();
                for (int i = rnd.nextInt(5); i > 0; i--) {
                    IpKey ip = IpKey.parse("203.0.113." + rnd.nextInt(40));
                    c.add(new Connection(
                            LOCAL, 443, ip, 40000 + i, TcpState.ESTABLISHED, Direction.INBOUND, 1, 0, null));
                }
                e.apply(new ConnTable("test", t, c, List.of(new Listener(IpKey.parse("0.0.0.0"), 443, 0, 511))));
            }
            e.maintain(t);
            out.add(e.snapshot(List.of()));
        }
        return out;
    }

    @Test
    void aSnapshotSortedByConnectionsIsAlreadyInTableOrderAndEveryKeyAgreesWithItsComparator() {
        for (Snapshot s : snapshots()) {
            List<IpView> ips = s.ips();
            assertThat(IpRows.sorted(ips, SortKey.CONNS, false))
                    .as("by connections, at %s", s.generatedAt())
                    .isEqualTo(ips);
            for (SortKey k : SortKey.values()) {
                for (boolean reversed : new boolean[] {false, true}) {
                    List<IpView> expected = new ArrayList<>(ips);
                    expected.sort(k.comparator(reversed));
                    assertThat(IpRows.sorted(ips, k, reversed))
                            .as("%s%s at %s", k, reversed ? " reversed" : "", s.generatedAt())
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void tiesGoToTheBusierIpAndSortingByAddressIsByAddressAlone() {
        Snapshot s = snapshots().getLast();
        List<IpView> byConns = IpRows.sorted(s.ips(), SortKey.CONNS, false);
        IpView quiet = null;
        IpView busy = null;
        for (IpView v : byConns) { // two IPs with no connection: the one with more requests comes first
            if (v.connections().total() == 0) {
                if (busy == null) {
                    busy = v;
                } else if (v.requests() < busy.requests()) {
                    quiet = v;
                    break;
                }
            }
        }
        assertThat(quiet)
                .as("the engine's traffic has IPs with no connection and different requests")
                .isNotNull();
        assertThat(byConns.indexOf(busy)).isLessThan(byConns.indexOf(quiet));

        List<IpView> byIp = IpRows.sorted(s.ips(), SortKey.IP, false);
        for (int i = 1; i < byIp.size(); i++) {
            assertThat(byIp.get(i - 1).ip().compareTo(byIp.get(i).ip())).isNegative();
        }
    }

    @Test
    void anIpIsFoundInTheSnapshotOnScreenAndNotOnceItsGone() {
        List<Snapshot> all = snapshots();
        ConsoleState st = new ConsoleState();
        IpRows rows = new IpRows();
        st.snapshot = all.getFirst();
        rows.rows(st);
        IpView first = all.getFirst().ips().getFirst();
        assertThat(rows.find(first.ip())).isSameAs(first);
        assertThat(rows.find(IpKey.parse("198.51.100.1"))).isNull();

        st.snapshot = all.getLast();
        rows.rows(st);
        for (IpView v : all.getLast().ips()) {
            assertThat(rows.find(v.ip())).as("%s in the newer snapshot", v.ip()).isSameAs(v);
        }
    }
}
