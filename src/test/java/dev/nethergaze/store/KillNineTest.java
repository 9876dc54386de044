package dev.nethergaze.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writing history at full speed is killed with SIGKILL at random moments; after every
 * kill the file passes {@code PRAGMA integrity_check}, each flush was all-or-nothing, and no total
 * exceeds what was fed. Runs: {@code -Dhistory.kill.runs} (default 50).
 */
class KillNineTest {

    @TempDir
    Path dir;

    @Test
    void sigkillNeverCorruptsNorOvercounts() throws Exception {
        int runs = Integer.getInteger("history.kill.runs", 50);
        Path db = dir.resolve("crash.db");
        Random random = new Random(8);
        long fed = 0;
        long start = System.nanoTime();
        for (int run = 0; run < runs; run++) {
            fed += killOnce(db, random.nextInt(300));
            check(db, fed);
        }
        System.out.printf(
                "%d SIGKILLs in %.1f s, %d requests per IP fed%n", runs, (System.nanoTime() - start) / 1e9, fed);
        assertThat(HistoryStore.open(db).queries().totals().get("requests")).isPositive();
    }

    /** Starts the child, kills it {@code delayMs} after its first snapshot; returns the largest k it announced. */
    private static long killOnce(Path db, int delayMs) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(
                        java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), db.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("child started").isNotNull();
            Thread.sleep(delayMs);
            p.toHandle().destroyForcibly(); // SIGKILL on Linux; keeps the pipe readable
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long k = Long.parseLong(line);
            while ((line = out.readLine()) != null) {
                k = Math.max(k, Long.parseLong(line.strip()));
            }
            return k;
        }
    }

    private static void check(Path db, long fedPerIp) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
            try (ResultSet rs = st.executeQuery("SELECT ip, requests, bytes FROM ips")) {
                while (rs.next()) {
                    assertThat(rs.getLong(2)).as("never more than fed").isLessThanOrEqualTo(fedPerIp);
                    assertThat(rs.getLong(3)).as("flush is all or nothing").isEqualTo(10 * rs.getLong(2));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT (SELECT coalesce(sum(requests),0) FROM ips), (SELECT coalesce(sum(requests),0) FROM ip_sessions),"
                            + " (SELECT coalesce(sum(requests),0) FROM sessions)")) {
                rs.next();
                assertThat(rs.getLong(2)).isEqualTo(rs.getLong(1));
                assertThat(rs.getLong(3)).isEqualTo(rs.getLong(1));
            }
        }
    }
}
