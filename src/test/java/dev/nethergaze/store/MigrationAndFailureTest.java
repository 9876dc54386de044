package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.SESSION;
import static dev.nethergaze.store.Snaps.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.store.Snaps.Ip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationAndFailureTest {

    @TempDir
    Path dir;

    private static void sql(Path db, String script) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            for (String s : script.split(";\\s*\\n")) {
                String stmt = s.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
                if (!stmt.isBlank()) {
                    st.execute(stmt);
                }
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MigrationAndFailureTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void migratesAV1FileKeepingItsData() throws Exception {
        Path db = dir.resolve("v1.db");
        sql(db, resource("/store/history-v1.sql"));
        HistoryStore store = HistoryStore.open(db);
        IpRecord r = store.queries().ip(IpKey.parse("203.0.113.7"), 5).orElseThrow();
        assertThat(r.sessions()).isEqualTo(2);
        assertThat(r.requests()).isEqualTo(1234);
        assertThat(r.flagged()).isEqualTo(3);
        assertThat(r.firstSeen()).isEqualTo(Instant.ofEpochMilli(1795316400000L));
        assertThat(r.bytes()).isZero();
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
            w.accept(Snaps.snapshot(T0, List.of(Ip.of("203.0.113.7", T0, 6))));
        }
        IpRecord after = store.queries().ip(IpKey.parse("203.0.113.7"), 5).orElseThrow();
        assertThat(after.sessions()).isEqualTo(3);
        assertThat(after.requests()).isEqualTo(1240);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement();
                var rs = st.executeQuery("PRAGMA user_version")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(HistoryStore.schemaVersion());
        }
        assertThat(HistoryStore.open(db)
                        .queries()
                        .info(IpKey.parse("2001:db8::1"))
                        .requestsTotal())
                .isEqualTo(10);
    }

    @Test
    void aNewerSchemaIsAClearOneLineErrorAndTheFileIsUntouched() throws Exception {
        Path db = dir.resolve("future.db");
        sql(db, "CREATE TABLE ips(x);\nPRAGMA user_version = 99;\n");
        long size = Files.size(db);
        assertThatThrownBy(() -> HistoryStore.open(db))
                .isInstanceOf(HistoryException.class)
                .hasMessage("history: " + db.toAbsolutePath()
                        + ": schema version 99 is newer than this build knows (" + HistoryStore.schemaVersion()
                        + "); history disabled");
        assertThat(Files.size(db)).isEqualTo(size);
    }

    @Test
    void notADatabaseOrAnUncreatableDirectoryAreOneLineErrors() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "this is not sqlite, it is a text file with enough bytes to have a header".repeat(20));
        assertThatThrownBy(() -> HistoryStore.open(junk))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("not an SQLite database")
                .hasMessageNotContaining("\n");
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> HistoryStore.open(file.resolve("sub/history.db")))
                .isInstanceOf(HistoryException.class)
                .hasMessageContaining("cannot create its directory")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFullDiskIsAClearMessageAndTheWriterKeepsAccepting() throws Exception {
        HistoryStore store = HistoryStore.open(dir.resolve("full.db"));
        store.maxPageCount(40); // SQLite's own size limit gives SQLITE_FULL, as a full disk does
        try (HistoryWriter w = store.startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))) {
            List<Ip> many = new java.util.ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                many.add(Ip.of("10.7." + (i / 250) + "." + (i % 250), T0, 1));
            }
            w.accept(Snaps.snapshot(T0, many));
            assertThat(w.flush()).isFalse();
            HistoryStatus s = w.status();
            assertThat(s.ok()).isFalse();
            assertThat(s.detail()).contains("the disk is full").doesNotContain("\n");
            w.accept(Snaps.snapshot(T0.plusSeconds(1), many)); // still accepted without blocking
        }
    }

    @Test
    void aReadOnlyFileIsAClearMessage() throws Exception {
        Path db = dir.resolve("ro.db");
        HistoryStore.open(db);
        boolean immutable = makeReadOnly(db);
        try {
            assertThatThrownBy(() -> HistoryStore.open(db)
                            .startWriter(Snaps.options(), SESSION, InstantSource.fixed(T0))
                            .close())
                    .isInstanceOf(HistoryException.class)
                    .hasMessageContaining("read-only")
                    .hasMessageNotContaining("\n");
        } finally {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", db.toString()).start().waitFor();
            }
        }
    }

    /** chmod is not enough as root; the immutable attribute stops root too. True if it was set. */
    private static boolean makeReadOnly(Path db) throws IOException, InterruptedException {
        db.toFile().setWritable(false, false);
        if (!Files.isWritable(db)) {
            return false;
        }
        Process p = new ProcessBuilder("chattr", "+i", db.toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "cannot make the file read-only as root");
        return true;
    }
}
