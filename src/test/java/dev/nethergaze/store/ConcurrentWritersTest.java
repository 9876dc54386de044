package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.SESSION;
import static dev.nethergaze.store.Snaps.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.store.Snaps.Ip;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several runs recording into one new history file at once (six replays started together) wait for
 * each other: every session is written whole, none is lost to "the database is locked".
 */
class ConcurrentWritersTest {

    private static final int WRITERS = 6;

    @TempDir
    Path dir;

    /**
     * Opening a new file switches it to WAL, which takes SQLite's exclusive lock without its busy
     * handler: two openers at once could each hold the shared lock and want the exclusive one, and
     * one got "database is locked" at once (about one round in fifteen before the switch was
     * retried). Many rounds of six openers of one new file: every open succeeds, in WAL.
     */
    @Test
    void sixRunsOpeningOneNewFileAtOnceAllOpenIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int round = 0; round < 80; round++) {
                Path file = dir.resolve("open-" + round + ".db");
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HistoryStore>> opened = new ArrayList<>();
                for (int i = 0; i < WRITERS; i++) {
                    opened.add(pool.submit(() -> {
                        go.await();
                        return HistoryStore.open(file, m -> {});
                    }));
                }
                go.countDown();
                for (Future<HistoryStore> f : opened) {
                    assertThat(f.get().file()).as("round %d", round).isEqualTo(file.toAbsolutePath());
                }
                try (Connection c = HistoryStore.open(file, m -> {}).connect();
                        Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("wal");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sixWritersStartedTogetherOnANewFileAllRecordTheirSessions() throws Exception {
        Path file = dir.resolve("cc.db");
        List<Ip> distinct = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            distinct.add(Ip.of("10.1." + (i / 250) + "." + (i % 250), T0, 150));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    HistoryStore store = HistoryStore.open(file);
                    try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
                        w.accept(Snaps.snapshot(T0, distinct));
                        return w.flush();
                    }
                }));
            }
            go.countDown();
            for (Future<Boolean> f : done) {
                assertThat(f.get()).as("every writer's flush succeeded").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        HistoryQueries q = HistoryStore.open(file).queries();
        IpRecord r = q.ip(IpKey.parse("10.1.3.17"), 10).orElseThrow();
        assertThat(r.sessions()).isEqualTo(WRITERS);
        assertThat(r.requests()).isEqualTo(150L * WRITERS);
        assertThat(r.recent())
                .hasSize(WRITERS)
                .allSatisfy(s -> assertThat(s.requests()).isEqualTo(150));
    }
}
