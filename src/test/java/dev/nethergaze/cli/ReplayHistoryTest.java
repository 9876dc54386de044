package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replay --history FILE writes a session into that file; history IP --history FILE reads it back. */
class ReplayHistoryTest {

    /**
     * The same log replayed twice into one history file is recorded once: the second run says where
     * history already has it, in one line, and exits 0 (the file holds the replay). Before, each run
     * added its counts again, and history showed 300 requests and 2 sessions for an IP that sent 150:
     * doubled numbers that a sysadmin re-running a replay during an incident would have trusted.
     */
    @Test
    void replayIntoAHistoryFileAndReadItBack(@TempDir Path dir) {
        Path db = dir.resolve("replay.db");
        String log = TestData.path("accesslog/combined/drill_hackers-access_basjes.log")
                .toString();
        CliRun first = CliRun.of("replay", "--json", "--history", db.toString(), log);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).doesNotContain("history");
        CliRun again = CliRun.of("replay", "--json", "--history", db.toString(), log);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.json().get("ips").size())
                .as("the report is printed all the same")
                .isPositive();
        assertThat(again.err().lines().filter(l -> l.contains("history")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .startsWith("nethergaze: history: " + db.toAbsolutePath() + ": " + log
                                + " already recorded in session 1 (3456 lines, events 2015-10-25T03:11:25Z to"
                                + " 2015-10-30T14:59:39Z, recorded ")
                        .endsWith("): not recorded again"));
        CliRun h = CliRun.of("history", "216.244.81.34", "--json", "--history", db.toString());
        assertThat(h.exit()).as(h.err()).isZero();
        JsonNode rec = h.json();
        assertThat(rec.get("ip").asText()).isEqualTo("216.244.81.34");
        assertThat(rec.get("sessions").asLong()).isEqualTo(1);
        assertThat(rec.get("requests_total").asLong())
                .as("150 requests in the log, recorded once")
                .isEqualTo(150);
    }

    /**
     * A log that grew since it was replayed into history (the incident goes on, the replay is run
     * again) records only what is new: the file then holds what one replay of the whole log records,
     * IP by IP (requests, bytes, SSH failures, times flagged, rules), in two sessions.
     */
    @Test
    void aLogThatGrewRecordsOnlyWhatIsNew(@TempDir Path dir) throws Exception {
        for (String name :
                new String[] {"accesslog/combined/drill_hackers-access_basjes.log", "authlog/fail2ban/sshd.log"}) {
            List<String> lines = Files.readAllLines(TestData.path(name), StandardCharsets.ISO_8859_1);
            Path log = dir.resolve("grown-" + lines.size() + ".log");
            Files.write(log, lines.subList(0, lines.size() / 2), StandardCharsets.ISO_8859_1);
            Path db = dir.resolve("grown-" + lines.size() + ".db");
            CliRun half = CliRun.of("replay", "--json", "--offline", "--history", db.toString(), log.toString());
            assertThat(half.exit()).as(half.err()).isZero();
            Files.write(log, lines, StandardCharsets.ISO_8859_1);
            CliRun whole = CliRun.of("replay", "--json", "--offline", "--history", db.toString(), log.toString());
            assertThat(whole.exit()).as(whole.err()).isZero();
            assertThat(whole.err().lines().filter(l -> l.contains("history")))
                    .singleElement()
                    .satisfies(l -> assertThat(l)
                            .contains(log + " grew since session 1 recorded it (")
                            .contains((lines.size() / 2) + " lines")
                            .endsWith("only what is new was recorded"));

            Path once = dir.resolve("once-" + lines.size() + ".db");
            CliRun r = CliRun.of("replay", "--json", "--offline", "--history", once.toString(), log.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(rows(db, IPS)).as(name).isEqualTo(rows(once, IPS)).hasSizeGreaterThan(1);
            assertThat(rows(db, RULES)).as(name).isEqualTo(rows(once, RULES));
            assertThat(rows(db, "SELECT count(*) FROM sessions")).containsExactly("2");
        }
    }

    /**
     * A replay of more IPs than {@code limits.max_ips} records what its report holds: the IPs dropped
     * before its end are in the totals only. It says so where it records, with the option that keeps
     * more; before, 370k requests of a 600k-line log were left out of the history without a word.
     */
    @Test
    void aReplayPastTheIpCapSaysWhatTheHistoryLeavesOut(@TempDir Path dir) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            b.append("198.51.")
                    .append(i / 200)
                    .append('.')
                    .append(1 + i % 200)
                    .append(" - - [10/Mar/2025:10:")
                    .append(String.format("%02d", i / 60))
                    .append(':')
                    .append(String.format("%02d", i % 60))
                    .append(" +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"c\"\n");
        }
        Path log = Files.writeString(dir.resolve("many.log"), b);
        Path db = dir.resolve("h.db");
        CliRun r = CliRun.of(
                "replay",
                "--json",
                "--offline",
                "--threads",
                "3", // the IPs dropped past the cap are decided in stream order, whatever the thread count
                "--set",
                "limits.max_ips=100",
                "--history",
                db.toString(),
                log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err())
                .contains("history: the 100 IPs the report holds were recorded; the IPs dropped past limits.max_ips"
                        + " (200 times) are not in it")
                .contains("--set limits.max_ips=");
        assertThat(rows(db, "SELECT count(*) FROM ips")).containsExactly("100");
        CliRun within = CliRun.of(
                "replay",
                "--json",
                "--offline",
                "--history",
                dir.resolve("all.db").toString(),
                log.toString());
        assertThat(within.err()).doesNotContain("dropped");
    }

    /**
     * A log written to while a replay reads it (the incident goes on during the replay): history holds
     * what the replay read, and the next replay of the log records the rest. Before, the log was
     * fingerprinted when the session was recorded, after the reading, with the lines written since; the
     * next replay found that length "already recorded" and those lines were never recorded.
     */
    @Test
    void linesWrittenAfterTheReplayReadTheLogAreRecordedByTheNextReplay(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(
                TestData.path("accesslog/combined/drill_hackers-access_basjes.log"), StandardCharsets.ISO_8859_1);
        int half = lines.size() / 2;
        Path log = dir.resolve("access.log");
        Files.write(log, lines.subList(0, half), StandardCharsets.ISO_8859_1);
        Path db = dir.resolve("h.db");
        // the rest written after the reading, before the recording
        replayThenRecord(log, () -> Files.write(log, lines, StandardCharsets.ISO_8859_1), db);

        CliRun again = CliRun.of("replay", "--json", "--offline", "--history", db.toString(), log.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err().lines().filter(l -> l.contains("history")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains(log + " grew since session 1 recorded it (" + half + " lines")
                        .endsWith("only what is new was recorded"));
        Path once = dir.resolve("once.db");
        CliRun whole = CliRun.of("replay", "--json", "--offline", "--history", once.toString(), log.toString());
        assertThat(whole.exit()).as(whole.err()).isZero();
        assertThat(rows(db, IPS)).isEqualTo(rows(once, IPS)).hasSizeGreaterThan(1);
        assertThat(rows(db, RULES)).isEqualTo(rows(once, RULES));
    }

    /**
     * A capture written to while a replay reads it (tcpdump -w still running): history holds the
     * packets the replay read, as for a log, and the next replay of the finished capture records the
     * rest. Before, a capture was fingerprinted whole when the session was recorded, with the packets
     * written since; the next replay found it "already recorded" and those packets were never recorded.
     */
    @Test
    void packetsWrittenAfterTheReplayReadACaptureAreRecordedByTheNextReplay(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(TestData.path("pcap/esnet/tcp_0_1000_20190821.pcap"));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(whole).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int end = 24; // the file header, then 40 packet records of (16 + captured length) bytes
        for (int i = 0; i < 40; i++) {
            end += 16 + b.getInt(end + 8);
        }
        Path capture = dir.resolve("capture.pcap");
        Files.write(capture, java.util.Arrays.copyOf(whole, end));
        Path db = dir.resolve("h.db");
        replayThenRecord(capture, () -> Files.write(capture, whole), db);

        CliRun again = CliRun.of("replay", "--json", "--offline", "--history", db.toString(), capture.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err().lines().filter(l -> l.contains("history")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains(capture + " grew since session 1 recorded it (")
                        .endsWith("only what is new was recorded"));
        Path once = dir.resolve("once.db");
        CliRun full = CliRun.of("replay", "--json", "--offline", "--history", once.toString(), capture.toString());
        assertThat(full.exit()).as(full.err()).isZero();
        assertThat(rows(db, IPS)).isEqualTo(rows(once, IPS)).hasSizeGreaterThan(1);
        assertThat(rows(db, RULES)).isEqualTo(rows(once, RULES));
    }

    /**
     * A rotated log (renamed, then gzipped) replayed again is the same content: not recorded again;
     * replayed with a log it was not recorded with, only the other log is recorded; replayed alone
     * after that, what the joint session holds of it cannot be told apart: it is not recorded, said
     * in one line, exit 1.
     */
    @Test
    void aRotatedLogIsRecognisedAndAnOverlapThatCannotBeToldApartIsRefused(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("access.log");
        Files.copy(TestData.path("accesslog/combined/drill_hackers-access_basjes.log"), log);
        Path other = dir.resolve("other.log");
        Files.write(
                other, List.of("198.51.100.9 - - [10/Mar/2025:10:00:00 +0000] \"GET /x HTTP/1.1\" 200 5 \"-\" \"x\""));
        Path db = dir.resolve("h.db");
        assertThat(CliRun.of("replay", "--offline", "--history", db.toString(), log.toString())
                        .exit())
                .isZero();
        Path rotated = dir.resolve("access.log.1.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(rotated))) {
            Files.copy(log, out);
        }
        CliRun gz = CliRun.of("replay", "--offline", "--history", db.toString(), rotated.toString());
        assertThat(gz.exit()).as(gz.err()).isZero();
        assertThat(gz.err()).contains(rotated + " already recorded in session 1 (as " + log + ": 3456 lines");

        CliRun both =
                CliRun.of("replay", "--offline", "--history", db.toString(), rotated.toString(), other.toString());
        assertThat(both.exit()).as(both.err()).isZero();
        assertThat(both.err()).contains("overlaps what session 1 recorded");
        assertThat(rows(db, "SELECT ip, requests, sessions FROM ips WHERE ip IN ('198.51.100.9', '216.244.81.34')"))
                .containsExactly("198.51.100.9|1|1", "216.244.81.34|150|1");

        Files.writeString(
                log,
                "198.51.100.10 - - [10/Mar/2025:10:00:00 +0000] \"GET /y HTTP/1.1\" 200 5 \"-\" \"x\"\n",
                java.nio.file.StandardOpenOption.APPEND);
        CliRun alone = CliRun.of("replay", "--offline", "--history", db.toString(), log.toString());
        assertThat(alone.exit()).isEqualTo(1);
        assertThat(alone.out()).contains("216.244.81.34");
        assertThat(alone.err().lines().filter(l -> l.contains("history")))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains(log + " overlaps session 2, which also holds " + other)
                        .endsWith("(the replay was not recorded)"));
        assertThat(rows(db, "SELECT sum(requests) FROM ips")).containsExactly("3457");
    }

    /**
     * A replay of one time window, then of the whole log: the second records what lay outside the
     * window; a window inside what is recorded is not recorded again.
     */
    @Test
    void aWindowThenTheWholeLogRecordsEachEventOnce(@TempDir Path dir) {
        String log = TestData.path("accesslog/combined/drill_hackers-access_basjes.log")
                .toString();
        Path db = dir.resolve("w.db");
        Path once = dir.resolve("once.db");
        String[] window = {"--from", "2015-10-27T00:00:00Z", "--until", "2015-10-29T00:00:00Z"};
        CliRun part = CliRun.of(
                "replay", "--offline", window[0], window[1], window[2], window[3], "--history", db.toString(), log);
        assertThat(part.exit()).as(part.err()).isZero();
        assertThat(rows(db, "SELECT sum(requests) FROM ips").getFirst()).isNotEqualTo("3456");
        CliRun all = CliRun.of("replay", "--offline", "--history", db.toString(), log);
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.err()).contains("overlaps what session 1 recorded");
        CliRun inside = CliRun.of(
                "replay", "--offline", window[0], window[1], window[2], window[3], "--history", db.toString(), log);
        assertThat(inside.err()).contains("already recorded in session 1").contains("not recorded again");
        assertThat(CliRun.of("replay", "--offline", "--history", once.toString(), log)
                        .exit())
                .isZero();
        assertThat(rows(db, IPS)).isEqualTo(rows(once, IPS));
    }

    private static final String IPS =
            "SELECT ip, requests, bytes, auth_failures, flagged, first_seen, last_seen FROM ips ORDER BY ip";
    private static final String RULES = "SELECT ip, rule, times FROM ip_flags ORDER BY ip, rule";

    /** Something done to a file between its replay and the recording of that replay. */
    @FunctionalInterface
    private interface Meanwhile {
        void run() throws java.io.IOException;
    }

    /** Replays {@code input}, runs {@code meanwhile}, then records what the replay read into {@code db}. */
    private static void replayThenRecord(Path input, Meanwhile meanwhile, Path db) throws Exception {
        ReplayCommand cmd = new ReplayCommand();
        new picocli.CommandLine(cmd).parseArgs("--offline", input.toString());
        dev.nethergaze.config.Config c = cmd.common.load();
        dev.nethergaze.engine.EngineSettings settings =
                Wiring.engineSettings(c).withShowPrivateIps(true).withIpIdle(null);
        ReplayCommand.Replayed read = ReplayCommand.replay(
                c, List.of(input), settings, 1, dev.nethergaze.source.replay.TimeWindow.ALL, false);
        meanwhile.run();
        java.io.StringWriter said = new java.io.StringWriter();
        assertThat(HistorySession.record(
                        c,
                        db,
                        settings.host(),
                        read.report(),
                        read.firstEvent(),
                        List.of(input),
                        read.read(),
                        dev.nethergaze.source.replay.TimeWindow.ALL,
                        new java.io.PrintWriter(said)))
                .as(said.toString())
                .isTrue();
    }

    private static List<String> rows(Path db, String sql) {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                var st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
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
                        .endsWith("(the replay is not recorded)"));

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

    /**
     * replay --history FILE into a damaged file (a page of an index overwritten) says so in one line
     * before it reads its logs, naming the file and what to do, records nothing, prints its report and
     * exits 1. Before, it replayed, then recorded a session into the damaged file and exited 0: the write
     * missed the damaged pages (found black-box: pages of a real history file overwritten, sqlite3's
     * quick_check failing on it).
     */
    @Test
    void aDamagedHistoryFileIsRefusedBeforeTheReplay(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("damaged.db");
        String first = TestData.path("accesslog/combined/lnav_logfile_access_log.0.log")
                .toString();
        assertThat(CliRun.of("replay", "--json", "--history", db.toString(), first)
                        .exit())
                .isZero();
        dev.nethergaze.store.SqliteShell.damage(db, "host_episodes_ended");
        String log = TestData.path("accesslog/combined/drill_hackers-access_basjes.log")
                .toString();

        CliRun r = CliRun.of("replay", "--json", "--history", db.toString(), log);
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.json().get("ips").size()).as("the report is still printed").isPositive();
        List<String> err = r.err().lines().toList();
        assertThat(err.getFirst())
                .as("said before the replay's own lines: " + err)
                .startsWith("nethergaze: history: " + db.toAbsolutePath() + ": the file is damaged (")
                .contains("move it aside (mv ")
                .endsWith("(the replay is not recorded)");
        assertThat(err.stream().filter(l -> l.contains("history"))).hasSize(1);
        assertThat(dev.nethergaze.store.SqliteShell.sqlite3(db, "SELECT count(*) FROM sessions"))
                .as("nothing recorded")
                .isEqualTo("1");
    }
}
