package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.SESSION;
import static dev.nethergaze.store.Snaps.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.store.Snaps.Ip;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history file another process holds (a long replay recording into it, {@code sqlite3 FILE 'BEGIN
 * EXCLUSIVE; ...'} left open). Before, a run waited up to a minute without a word: at 3 a.m. it looked
 * hung. Now the wait is said once, after a second and a half, naming the file and how long it waits
 * at most; given up, the error says the file is held by another process.
 */
class LockedFileTest {

    @TempDir
    Path dir;

    private final List<String> notices = new CopyOnWriteArrayList<>();

    /** Holds the write lock of {@code file} on a connection of its own, as sqlite3 with a transaction open does. */
    private static Connection hold(Path file) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN EXCLUSIVE");
            st.execute("UPDATE sessions SET host = host WHERE 0");
        }
        return c;
    }

    private static ReplayRecord record(HistoryStore store) {
        byte[] log = "a\n".getBytes(StandardCharsets.UTF_8);
        return store.recordReplay(
                Snaps.options(),
                SESSION,
                Snaps.snapshot(T0, List.of(Ip.of("203.0.113.7", T0.minusSeconds(600), 5))),
                T0.minusSeconds(600),
                List.of(new ReplaySource("access.log", () -> new ByteArrayInputStream(log))),
                null,
                null,
                InstantSource.fixed(T0));
    }

    private List<String> waits() {
        return notices.stream().filter(m -> m.contains("waiting")).toList();
    }

    @Test
    void aWaitLongerThanASecondAndAHalfIsSaidOnceAndTheWriteGoesThroughWhenTheHolderLetsGo() throws Exception {
        Path file = dir.resolve("h.db");
        HistoryStore store = HistoryStore.open(file, notices::add);
        Connection holder = hold(file);
        Thread release = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(3_000);
                holder.close(); // rolls the holder's transaction back
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long started = System.nanoTime();
        assertThat(record(store).recorded()).isTrue();
        release.join();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(2_500));
        assertThat(waits())
                .containsExactly("history: " + file + ": waiting for the history file, held by another process"
                        + " (another nethergaze recording into it, or an open sqlite3 transaction); waiting up to"
                        + " 60 s");
    }

    @Test
    void aFileHeldLongerThanTheWaitIsAOneLineErrorNamingIt() throws Exception {
        Path file = dir.resolve("h.db");
        HistoryStore store = HistoryStore.open(file, notices::add);
        store.lockLimits(new LockWait.Limits(Duration.ofMillis(200), Duration.ofSeconds(1)));
        try (Connection holder = hold(file)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> record(store))
                    .isInstanceOf(HistoryException.class)
                    .hasMessage("history: " + file + ": cannot write: the history file is held by another process"
                            + " (another nethergaze recording into it, or an open sqlite3 transaction): gave up"
                            + " waiting for it after 1 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
            // a live run's session: the same error, said as that (not a timeout of the writer's own)
            assertThatThrownBy(() -> store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0)))
                    .isInstanceOf(HistoryException.class)
                    .hasMessageContaining("cannot write: the history file is held by another process");
        }
        assertThat(waits()).as("said once per store").hasSize(1).allMatch(m -> m.endsWith("waiting up to 1 s"));
    }
}
