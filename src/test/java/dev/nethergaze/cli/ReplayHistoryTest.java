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
