package dev.nethergaze.engine;

import static dev.nethergaze.engine.Fixtures.T0;
import static dev.nethergaze.engine.Fixtures.hit;
import static dev.nethergaze.engine.Fixtures.in;
import static dev.nethergaze.engine.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.Block;
import dev.nethergaze.model.BlockTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.FirewallBlocks;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.WireDelta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A snapshot in the second of the last one keeps each quiet IP's view and place without visiting it
 * ({@link IpState#quiet}): what it gives must be what visiting every IP gives, snapshot for snapshot,
 * while findings start and end (exploit probes, scans, SSH guessing, IPv6 prefixes), the firewall's
 * blocks change, lookups answer, a capture counts packets, connections come and go, IPs are evicted or
 * go idle, and the detector drops the tracks of IPs still shown.
 */
class QuietSkipTest {

    private static final List<String> TARGETS =
            List.of("/", "/index.html", "/.env", "/.git/config", "/wp-login.php", "/x", "/%2e%2e/%2e%2e/etc/passwd");

    @Test
    void snapshotsWithinASecondAreThoseOfVisitingEveryIp() {
        Engine skipping = engine();
        Engine visiting = engine();
        visiting.skipQuiet = false;
        Random rnd = new Random(11);
        int compared = 0;
        boolean prefixShown = false;
        boolean endedShown = false;
        boolean blockedShown = false;
        boolean wireShown = false;
        for (int step = 0; step < 4 * 400; step++) { // 400 s in quarters of a second
            Instant t = T0.plusMillis(250L * step);
            List<SourceEvent> events = new ArrayList<>();
            int n = step % 40 < 30 ? rnd.nextInt(8) : 0; // quiet spells: findings end, rates decay
            for (int i = 0; i < n; i++) {
                events.add(event(rnd, t));
            }
            if (rnd.nextInt(20) == 0) {
                events.add(blocks(rnd, t));
            }
            if (rnd.nextInt(12) == 0) {
                List<Connection> c = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) {
                    c.add(in(address(rnd), 40000 + i, TcpState.ESTABLISHED));
                }
                events.add(table(t, c.toArray(Connection[]::new)));
            }
            if (rnd.nextInt(10) == 0) { // a capture's tick: wire figures, a SYN scan now and then
                List<WireDelta> d = new ArrayList<>();
                for (int i = rnd.nextInt(3); i > 0; i--) {
                    int syn = rnd.nextInt(4) == 0 ? 40 : 2;
                    d.add(new WireDelta(
                            IpKey.parse(address(rnd)),
                            syn,
                            60L * syn,
                            1,
                            syn,
                            0,
                            0,
                            1,
                            syn - 1,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            syn,
                            syn,
                            List.of(),
                            List.of(),
                            0,
                            0,
                            null));
                }
                events.add(new PacketTick("capture", t, d, rnd.nextInt(40) == 0));
            }
            if (rnd.nextInt(15) == 0) {
                events.add(new Enriched(
                        "geo",
                        t,
                        IpKey.parse(address(rnd)),
                        new GeoInfo("NL", "Netherlands", "", "", null, null, 64500L + rnd.nextInt(3), "AS", null),
                        null,
                        null));
            }
            for (SourceEvent e : events) {
                skipping.apply(e);
                visiting.apply(e);
            }
            skipping.maintain(t);
            visiting.maintain(t);
            if (rnd.nextInt(4) == 0) {
                continue; // not every tick is looked at
            }
            Snapshot a = skipping.snapshot(List.of());
            Snapshot b = visiting.snapshot(List.of());
            assertThat(a.ips()).as("at %s", t).isEqualTo(b.ips());
            assertThat(a.changed()).as("made anew at %s", t).isEqualTo(b.changed());
            assertThat(a.totals()).as("at %s", t).isEqualTo(b.totals());
            compared++;
            for (var v : a.ips()) {
                prefixShown |= v.findings().stream().anyMatch(f -> f.rule().endsWith("_prefix"));
                endedShown |= !v.earlierFindings().isEmpty();
                blockedShown |= !v.blocked().isEmpty();
                wireShown |= v.wire() != null;
            }
        }
        assertThat(compared).isGreaterThan(1000);
        assertThat(prefixShown).as("an IPv6 prefix's finding on its addresses").isTrue();
        assertThat(endedShown).as("findings that ended").isTrue();
        assertThat(blockedShown).as("blocked addresses").isTrue();
        assertThat(wireShown).as("capture figures").isTrue();
    }

    @Test
    void aQuietIpIsSkippedOnlyWithinTheSecond() {
        Engine e = new Engine(Fixtures.settings());
        e.apply(hit("203.0.113.5", T0, 200, "/"));
        e.apply(hit("203.0.113.6", T0, 200, "/"));
        e.maintain(T0.plusMillis(100));
        Snapshot first = e.snapshot(List.of());
        e.apply(hit("203.0.113.6", T0.plusMillis(200), 200, "/a"));
        e.maintain(T0.plusMillis(300));
        Snapshot second = e.snapshot(List.of());
        IpKey quiet = IpKey.parse("203.0.113.5");
        IpKey busy = IpKey.parse("203.0.113.6");
        assertThat(view(second, quiet)).as("nothing new: its view kept").isSameAs(view(first, quiet));
        assertThat(view(second, busy).requests()).isEqualTo(2);
        assertThat(second.ips().getFirst().ip()).as("the busier one moved up").isEqualTo(busy);
        e.maintain(T0.plusSeconds(120));
        Snapshot later = e.snapshot(List.of());
        assertThat(view(later, quiet).requestsPerMin())
                .as("a new second: its rate moved on")
                .isZero();
    }

    private static dev.nethergaze.model.IpView view(Snapshot s, IpKey ip) {
        return s.ips().stream().filter(v -> v.ip().equals(ip)).findFirst().orElseThrow();
    }

    private static Engine engine() {
        // a cap of 40 IPs over 60 addresses (some evicted), a 30 s idle time (some dropped)
        return new Engine(new EngineSettings(false, 40, Duration.ofSeconds(30), 5, "h", String::valueOf));
    }

    /**
     * 30 IPv4 addresses, 30 IPv6 ones in one /64 (its prefix judged as a whole), and 20 private ones,
     * hidden from the table but tracked by the detector, whose cap of 40 they crowd: it then drops the
     * tracks of IPs the engine still shows.
     */
    private static String address(Random rnd) {
        int i = rnd.nextInt(80);
        return i < 30 ? "203.0.113." + i : i < 60 ? "2001:db8:0:1::" + Integer.toHexString(i) : "10.0.0." + i;
    }

    private static SourceEvent event(Random rnd, Instant t) {
        String ip = address(rnd);
        return switch (rnd.nextInt(5)) {
            case 0 -> new AuthAttempt("auth", t, IpKey.parse(ip), "root", AuthKind.FAILED_PASSWORD, "");
            case 1 -> new AuthAttempt("auth", t, IpKey.parse(ip), "admin", AuthKind.INVALID_USER, "");
            default -> hit(ip, t, 200 + 100 * rnd.nextInt(4), TARGETS.get(rnd.nextInt(TARGETS.size())));
        };
    }

    private static FirewallBlocks blocks(Random rnd, Instant t) {
        List<BlockTable.Range> ranges = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            ranges.add(BlockTable.Range.prefix(
                    IpKey.parse(address(rnd)), 32, new Block("nftables", "drop", "", "", null)));
        }
        return new FirewallBlocks("firewall", t, BlockTable.of(ranges));
    }
}
