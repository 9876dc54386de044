package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.SESSION;
import static dev.nethergaze.store.Snaps.T0;
import static dev.nethergaze.store.SqliteShell.damage;
import static dev.nethergaze.store.SqliteShell.sqlite3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.store.Snaps.Ip;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history file damaged on disk (pages overwritten: a bad disk, a copy taken mid-write, a restore gone
 * wrong) is refused before anything is written into it, in one line naming it and what to do; the
 * sqlite3 shell, run beside, is the oracle for what the file holds.
 */
class CorruptFileTest {

    @TempDir
    Path dir;

    private static ReplayRecord record(HistoryStore store, String log) {
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        return store.recordReplay(
                Snaps.options(),
                SESSION,
                Snaps.snapshot(T0, List.of(Ip.of("203.0.113.7", T0.minusSeconds(600), 5))),
                T0.minusSeconds(600),
                List.of(new ReplaySource(log.substring(0, 8), () -> new ByteArrayInputStream(bytes))),
                null,
                null,
                InstantSource.fixed(T0));
    }

    /**
     * The index of host episodes damaged: a replay with no host episode never touches it, and was
     * recorded into the corrupt file without a word (found black-box: pages of a real history file
     * overwritten, then {@code replay --history} exited 0 and sqlite3's quick_check still failed).
     */
    @Test
    void aReplayIsNotRecordedIntoADamagedFile() throws Exception {
        Path file = dir.resolve("h.db");
        HistoryStore store = HistoryStore.open(file);
        record(store, "first.log line 1\n");
        damage(file, "host_episodes_ended");
        assertThat(sqlite3(file, "PRAGMA quick_check")).as("the oracle").isNotEqualTo("ok");

        assertThatThrownBy(() -> record(HistoryStore.open(file), "second.log line 1\n"))
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("history: " + file + ": the file is damaged (sqlite3 quick_check: ")
                .hasMessageContaining("; move it aside (mv " + file + " " + file + ".damaged; ")
                .hasMessageContaining("nethergaze doctor --history " + file)
                .hasMessageNotContaining("\n");
        assertThat(sqlite3(file, "SELECT count(*) FROM sessions"))
                .as("nothing recorded")
                .isEqualTo("1");
    }

    /** {@code doctor --history FILE} reads the file whole: a damaged one is said so, not "2 sessions". */
    @Test
    void inspectSaysADamagedFileIsDamaged() throws Exception {
        Path file = dir.resolve("h.db");
        record(HistoryStore.open(file), "first.log line 1\n");
        assertThat(HistoryStore.inspect(file)).contains("1 sessions");
        damage(file, "host_episodes_ended");

        assertThatThrownBy(() -> HistoryStore.inspect(file))
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("history: " + file + ": the file is damaged (sqlite3 quick_check: ")
                .hasMessageNotContaining("\n");
    }

    /**
     * A live run (console, watch) with a damaged history file says so and goes on without history, as
     * for any file that cannot be written. Before, found black-box: {@code watch --history FILE} on the
     * damaged file started a session in it without a word.
     */
    @Test
    void aLiveWriterDoesNotStartASessionInADamagedFile() throws Exception {
        Path file = dir.resolve("h.db");
        record(HistoryStore.open(file), "first.log line 1\n");
        damage(file, "host_episodes_ended");

        assertThatThrownBy(() -> HistoryStore.open(file)
                        .startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))
                        .close())
                .isInstanceOf(HistoryException.class)
                .hasMessageStartingWith("history: " + file + ": the file is damaged (sqlite3 quick_check: ")
                .hasMessageNotContaining("\n");
        assertThat(sqlite3(file, "SELECT count(*) FROM sessions"))
                .as("nothing recorded")
                .isEqualTo("1");
    }

    /**
     * The advice moves the file's write-ahead log with it, when there is one (another run holds the file,
     * or one crashed): a -wal left under the old name would be read into the new file made there. Before,
     * only "mv FILE FILE.damaged" was said. This run's own empty one is not named.
     */
    @Test
    void theAdviceMovesTheWriteAheadLogWithTheFile() throws Exception {
        Path file = dir.resolve("h.db");
        record(HistoryStore.open(file), "first.log line 1\n");
        damage(file, "host_episodes_ended");
        try (var held = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                var st = held.createStatement()) {
            st.execute("PRAGMA wal_autocheckpoint = 0"); // what it writes stays in the -wal
            st.execute("CREATE TABLE scratch(a)");
            assertThat(java.nio.file.Files.size(Path.of(file + "-wal"))).isPositive();

            assertThatThrownBy(() -> record(HistoryStore.open(file), "second.log line 1\n"))
                    .isInstanceOf(HistoryException.class)
                    .hasMessageContaining(
                            "(mv " + file + " " + file + ".damaged && mv " + file + "-wal " + file + ".damaged-wal; ")
                    .hasMessageContaining("sqlite3 " + file + ".damaged .recover");
        }
    }
}
