package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay --history FILE writes a session into that file; history IP --history FILE reads it back. */
class ReplayHistoryTest {

    @Test
    void replayIntoAHistoryFileAndReadItBack(@TempDir Path dir) {
        Path db = dir.resolve("replay.db");
        String log = TestData.path("accesslog/combined/drill_hackers-access_basjes.log")
                .toString();
        for (int i = 0; i < 2; i++) {
            CliRun r = CliRun.of("replay", "--json", "--history", db.toString(), log);
            assertThat(r.exit()).as(r.err()).isZero();
        }
        CliRun h = CliRun.of("history", "216.244.81.34", "--json", "--history", db.toString());
        assertThat(h.exit()).as(h.err()).isZero();
        JsonNode rec = h.json();
        assertThat(rec.get("ip").asText()).isEqualTo("216.244.81.34");
        assertThat(rec.get("sessions").asLong()).isEqualTo(2);
        assertThat(rec.get("requests_total").asLong())
                .as("150 per replay, counted once each")
                .isEqualTo(300);
    }

    /**
     * A replay's session spans the replayed time: started at its first event, ended at its last (before:
     * started = ended = the last event), recorded now; history IP shows the IP's own times in it.
     */
    @Test
    void aReplaySessionRunsFromTheFirstEventToTheLast(@TempDir Path dir) throws Exception {
        Path log = java.nio.file.Files.write(
                dir.resolve("access.log"),
                java.util.List.of(
                        "203.0.113.5 - - [10/Mar/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"x\"",
                        "198.51.100.7 - - [10/Mar/2025:10:05:00 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"x\"",
                        "203.0.113.5 - - [10/Mar/2025:10:30:00 +0000] \"GET /b HTTP/1.1\" 200 5 \"-\" \"x\""));
        Path db = dir.resolve("replay.db");
        long before = System.currentTimeMillis();
        CliRun r = CliRun.of("replay", "--json", "--offline", "--history", db.toString(), log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT started, ended, recorded FROM sessions")) {
            assertThat(rs.next()).isTrue();
            assertThat(java.time.Instant.ofEpochMilli(rs.getLong(1)))
                    .isEqualTo(java.time.Instant.parse("2025-03-10T10:00:00Z"));
            assertThat(java.time.Instant.ofEpochMilli(rs.getLong(2)))
                    .isEqualTo(java.time.Instant.parse("2025-03-10T10:30:00Z"));
            assertThat(rs.getLong(3)).as("recorded: now").isGreaterThanOrEqualTo(before);
            assertThat(rs.next()).isFalse();
        }
        CliRun h = CliRun.of("history", "198.51.100.7", "--json", "--history", db.toString());
        assertThat(h.exit()).as(h.err()).isZero();
        JsonNode session = h.json().get("recent_sessions").get(0);
        assertThat(session.get("first_seen").asText()).isEqualTo("2025-03-10T10:05:00Z");
        assertThat(session.get("last_seen").asText()).isEqualTo("2025-03-10T10:05:00Z");
    }

    /**
     * What the report shows (--suspicious, --filter) does not choose what is recorded: the
     * session holds every IP of the log (before: only the flagged ones, 348 of 520, went into history).
     */
    @Test
    void aReportFilterDoesNotFilterTheHistory(@TempDir Path dir) throws Exception {
        String log = TestData.path("accesslog/combined/drill_hackers-access_basjes.log")
                .toString();
        long[] all = null;
        for (String filter : new String[] {"", "--suspicious", "--filter=requests>100"}) {
            Path db = dir.resolve("h" + filter.length() + ".db");
            CliRun r = filter.isEmpty()
                    ? CliRun.of("replay", "--json", "--offline", "--history", db.toString(), log)
                    : CliRun.of("replay", "--json", "--offline", filter, "--history", db.toString(), log);
            assertThat(r.exit()).as(r.err()).isZero();
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                    var st = c.createStatement();
                    var rs = st.executeQuery(
                            "SELECT ips, requests, (SELECT count(*) FROM ips), (SELECT sum(requests) FROM ips)"
                                    + " FROM sessions")) {
                assertThat(rs.next()).isTrue();
                long[] got = {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
                if (all == null) {
                    all = got;
                    assertThat(all[0]).isEqualTo(all[2]).isGreaterThan(300);
                    assertThat(all[1]).isEqualTo(all[3]);
                } else {
                    assertThat(got).as(filter).containsExactly(all);
                    assertThat(r.json().get("ips").size()).as(filter).isLessThan((int) all[0]);
                }
            }
        }
    }

    @Test
    void replayWithoutHistoryFileTouchesNoHistory(@TempDir Path dir) {
        String log = TestData.path("accesslog/combined/lnav_logfile_access_log.0.log")
                .toString();
        CliRun r = CliRun.of("replay", "--json", log);
        assertThat(r.exit()).isZero();
        assertThat(r.json().get("ips").get(0).get("history").isNull()).isTrue();
    }

    /**
     * replay --history FILE that cannot record (not SQLite, a newer schema) prints its report, says
     * why in one line and exits 1: the user asked for the session to be recorded.
     */
    @Test
    void replayThatCannotRecordIntoTheNamedFileExitsOneAfterItsReport(@TempDir Path dir) throws Exception {
        String log = TestData.path("accesslog/combined/drill_hackers-access_basjes.log")
                .toString();
        Path junk = dir.resolve("junk.db");
        java.nio.file.Files.writeString(junk, "this is not an SQLite database, just some text in a file\n".repeat(20));
        CliRun r = CliRun.of("replay", "--json", "--history", junk.toString(), log);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.json().get("ips").size()).as("the report is still printed").isPositive();
        assertThat(r.err().lines().filter(l -> l.contains("history")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .startsWith("nethergaze: history: " + junk)
                        .contains("not an SQLite database")
                        .endsWith("(the replay was not recorded)"));

        Path newer = dir.resolve("newer.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + newer);
                var st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        CliRun n = CliRun.of("replay", "--history", newer.toString(), log);
        assertThat(n.exit()).isEqualTo(1);
        assertThat(n.out()).contains("216.244.81.34");
        assertThat(n.err()).contains("schema version 99").doesNotContain("continuing without history");
    }
}
