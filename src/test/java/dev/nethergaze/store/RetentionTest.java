package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.SESSION;
import static dev.nethergaze.store.Snaps.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.store.Snaps.Ip;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    @TempDir
    Path dir;

    private static void feed(HistoryStore store, Instant at, List<Ip> ips) throws InterruptedException {
        try (HistoryWriter w =
                store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(at), InstantSource.fixed(at))) {
            w.accept(Snaps.snapshot(at, ips));
            assertThat(w.flush()).isTrue();
        }
    }

    @Test
    void dropsIpsAndSessionsOlderThanTheRetention() throws Exception {
        HistoryStore store = HistoryStore.open(dir.resolve("h.db"));
        Instant old = T0.minus(Duration.ofDays(200));
        feed(store, old, List.of(Ip.of("203.0.113.1", old, 5), Ip.of("203.0.113.2", old, 5)));
        Instant mid = T0.minus(Duration.ofDays(100));
        feed(store, mid, List.of(Ip.of("203.0.113.2", mid, 7), Ip.of("203.0.113.3", mid, 1)));

        HistoryOptions o = new HistoryOptions(Duration.ofHours(1), Duration.ofDays(180), 1000, 1000);
        try (Connection c = store.connect()) {
            Retention.Result r = Retention.prune(c, T0, o);
            assertThat(r.ipsRemoved()).isEqualTo(1);
            assertThat(r.sessionsRemoved()).isEqualTo(1);
        }
        HistoryQueries q = store.queries();
        assertThat(q.ip(IpKey.parse("203.0.113.1"), 5)).isEmpty();
        IpRecord kept = q.ip(IpKey.parse("203.0.113.2"), 5).orElseThrow();
        assertThat(kept.requests()).as("lifetime total survives").isEqualTo(12);
        assertThat(kept.recent()).as("the old session row is gone").hasSize(1);
    }

    /**
     * A replay of a 2015 log recorded into a file that holds newer data is kept for the retention
     * from when it was recorded (it was pruned by the next writer: its dates were years before the
     * newest data), and a prune is one plain line.
     */
    @Test
    void aReplayOfOldLogsIsKeptForTheRetentionFromWhenItWasRecorded() throws Exception {
        List<String> notices = new ArrayList<>();
        HistoryStore store = HistoryStore.open(dir.resolve("h.db"), notices::add);
        feed(store, T0, List.of(Ip.of("203.0.113.1", T0, 3)));
        Instant y2015 = Instant.parse("2015-06-01T00:00:00Z");
        try (HistoryWriter w =
                store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(y2015), InstantSource.fixed(T0))) {
            w.accept(Snaps.snapshot(y2015, List.of(Ip.of("192.0.2.15", y2015, 4))));
            assertThat(w.flush()).isTrue();
        }
        Instant nextDay = T0.plus(Duration.ofDays(1));
        feed(store, nextDay, List.of(Ip.of("203.0.113.2", nextDay, 1))); // prunes at its start
        assertThat(store.queries().ip(IpKey.parse("192.0.2.15"), 5))
                .as("recorded a day ago: kept")
                .isPresent();
        assertThat(notices).noneMatch(m -> m.contains("pruned"));

        Instant expired = T0.plus(Duration.ofDays(181));
        feed(store, expired, List.of(Ip.of("203.0.113.3", expired, 1)));
        assertThat(store.queries().ip(IpKey.parse("192.0.2.15"), 5)).isEmpty();
        assertThat(store.queries().ip(IpKey.parse("203.0.113.2"), 5)).isPresent();
        assertThat(notices)
                .containsExactly("history: " + dir.resolve("h.db").toAbsolutePath()
                        + ": pruned 2 IPs and 2 sessions recorded more than 180 days ago (or beyond 1000000 IPs)");
    }

    @Test
    void capsTheIpCountDroppingTheLeastRecentlySeenAndVacuums() throws Exception {
        HistoryStore store = HistoryStore.open(dir.resolve("h.db"));
        List<Ip> many = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            Instant seen = T0.plusSeconds(i);
            many.add(new Ip("10.9." + (i / 250) + "." + (i % 250), seen, seen, 1, 0, 0, List.of()));
        }
        feed(store, T0, many);
        long before = store.sizeBytes();
        HistoryOptions o = new HistoryOptions(Duration.ofHours(1), Duration.ofDays(180), 1000, 1000);
        try (Connection c = store.connect()) {
            assertThat(Retention.prune(c, T0.plusSeconds(20_000), o).ipsRemoved())
                    .isEqualTo(11_000);
            checkpoint(c);
            assertThat(freePages(c)).isLessThan(10);
        }
        assertThat(store.queries().totals()).containsEntry("ips", 1000L);
        assertThat(store.queries().ip(IpKey.parse("10.9.47.249"), 1)).isPresent(); // newest kept
        assertThat(store.queries().ip(IpKey.parse("10.9.0.0"), 1)).isEmpty();
        assertThat(store.sizeBytes()).isLessThan(before);
    }

    private static void checkpoint(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (var st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    private static long freePages(Connection c) throws SQLException {
        try (var st = c.createStatement();
                var rs = st.executeQuery("PRAGMA freelist_count")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
