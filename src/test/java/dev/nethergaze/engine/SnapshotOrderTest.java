package dev.nethergaze.engine;

import static dev.nethergaze.engine.Fixtures.T0;
import static dev.nethergaze.engine.Fixtures.hit;
import static dev.nethergaze.engine.Fixtures.in;
import static dev.nethergaze.engine.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.TcpState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A snapshot keeps the last one's order and sorts only the IPs whose counts changed (and the new ones)
 * into it, and reuses the view of an IP with nothing new: the result must be what sorting every view
 * afresh gives, tick after tick, with IPs coming, changing and going (idle or evicted).
 */
class SnapshotOrderTest {

    @Test
    void keptOrderIsAlwaysTheFullSortAndHoldsExactlyTheIpsHeld() {
        // a cap of 60 IPs over 90 addresses: some are evicted; a 40 s idle time: some go idle
        Engine e = new Engine(new EngineSettings(false, 60, Duration.ofSeconds(40), 3, "h", String::valueOf));
        Random rnd = new Random(7);
        for (int sec = 0; sec < 300; sec++) {
            Instant t = T0.plusSeconds(sec);
            int events = rnd.nextInt(12);
            for (int i = 0; i < events; i++) {
                String ip = "203.0.113." + rnd.nextInt(90);
                switch (rnd.nextInt(6)) {
                    case 0 ->
                        e.apply(new AuthAttempt("auth", t, IpKey.parse(ip), "root", AuthKind.FAILED_PASSWORD, ""));
                    default -> e.apply(hit(ip, t, 200 + 100 * rnd.nextInt(4), "/p" + rnd.nextInt(5)));
                }
            }
            if (sec % 7 == 0) { // connections come and go, on some of the same addresses
                List<Connection> c = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    c.add(in("203.0.113." + rnd.nextInt(90), 40000 + i, TcpState.ESTABLISHED));
                }
                e.apply(table(t, c.toArray(Connection[]::new)));
            }
            e.maintain(t);
            if (rnd.nextInt(3) == 0) {
                continue; // not every tick is looked at: changes pile up between snapshots
            }
            Snapshot s = e.snapshot(List.of());
            List<IpView> resorted = new ArrayList<>(s.ips());
            Engine.sortByActivity(resorted);
            assertThat(s.ips()).as("second %d", sec).isEqualTo(resorted);
            assertThat(s.ips().stream().map(IpView::ip).distinct().count())
                    .as("each IP once, second %d", sec)
                    .isEqualTo(s.ips().size())
                    .isEqualTo(s.totals().ipsTracked());
        }
    }

    @Test
    void anIpWithNothingNewKeepsItsViewAndItsRateStillDecays() {
        Engine e = new Engine(Fixtures.settings());
        e.apply(hit("203.0.113.5", T0, 200, "/"));
        e.apply(hit("203.0.113.5", T0, 200, "/a"));
        e.maintain(T0.plusSeconds(1));
        IpView first = only(e.snapshot(List.of()));
        e.maintain(T0.plusSeconds(2));
        IpView again = only(e.snapshot(List.of()));
        assertThat(again).as("nothing new, rate the same: the same view").isSameAs(first);
        assertThat(again.requestsPerMin()).isEqualTo(2);

        e.maintain(T0.plusSeconds(200));
        IpView later = only(e.snapshot(List.of()));
        assertThat(later.requestsPerMin()).as("the minute has passed").isZero();
        assertThat(later.requests()).isEqualTo(2);
        assertThat(later.lastRequests()).hasSize(2);

        e.apply(hit("203.0.113.5", T0.plusSeconds(200), 404, "/b"));
        e.maintain(T0.plusSeconds(201));
        IpView changed = only(e.snapshot(List.of()));
        assertThat(changed.requests()).isEqualTo(3);
        assertThat(changed.requestsPerMin()).isEqualTo(1);
        assertThat(changed.status()).containsEntry("2xx", 2L).containsEntry("4xx", 1L);
    }

    private static IpView only(Snapshot s) {
        assertThat(s.ips()).hasSize(1);
        return s.ips().getFirst();
    }
}
