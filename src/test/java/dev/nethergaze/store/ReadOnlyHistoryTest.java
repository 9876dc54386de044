package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.SESSION;
import static dev.nethergaze.store.Snaps.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.AsNobody;
import dev.nethergaze.store.Snaps.Ip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code history IP} reads a history file this user cannot write (root's file, read by an operator;
 * a read-only mount). Before, every history command opened the file to migrate it and failed:
 * "cannot open: the database is read-only", though it only reads. Needs root, to run as nobody.
 */
class ReadOnlyHistoryTest {

    @TempDir
    Path dir;

    @Test
    void anotherUsersHistoryFileIsReadReadOnly() throws Exception {
        assumeTrue(AsNobody.isRoot(), "needs root, to run the reader as nobody");
        Path db = dir.resolve("h.db");
        HistoryStore store = HistoryStore.open(db, m -> {});
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
            w.accept(Snaps.snapshot(T0, List.of(Ip.of("203.0.113.7", T0, 12))));
            assertThat(w.flush()).isTrue();
        }
        assertThat(Files.exists(Path.of(db + "-wal")))
                .as("closed: all of it in the file")
                .isFalse();
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        String out = AsNobody.run(
                dir, List.of(org.sqlite.JDBC.class), ReadOnlyHistoryMain.class, db.toString(), "203.0.113.7");
        assertThat(out.strip()).isEqualTo("12 requests in 1 sessions");
        assertThat(Files.exists(Path.of(db + "-wal"))).isFalse();
    }
}
