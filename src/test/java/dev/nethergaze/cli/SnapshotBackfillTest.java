package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A one-shot with --since reports the window it was asked for: it waits for the backfill to finish. */
class SnapshotBackfillTest {

    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void snapshotSinceIncludesTheBackfilledRequests() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // 200,000 lines over the last 90 minutes (one every 27 ms): reading them takes long enough that a
        // snapshot not waiting for the backfill would report only part of the hour
        StringBuilder log = new StringBuilder(200_000 * 90);
        int lines = 200_000;
        long expected = 0;
        Instant from = now.minusSeconds(3600);
        for (int i = 0; i < lines; i++) {
            Instant t = now.minusSeconds(90 * 60).plusMillis(i * 27L).truncatedTo(ChronoUnit.SECONDS);
            if (!t.isBefore(from) && t.isBefore(now)) {
                expected++;
            }
            log.append("203.0.113.")
                    .append(i % 200)
                    .append(" - - [")
                    .append(CLF.format(t))
                    .append("] \"GET /.env HTTP/1.1\" 404 153 \"-\" \"curl/8\"\n");
        }
        Path access = Files.writeString(tmp.resolve("access.log"), log);
        CliRun r = CliRun.of(
                "snapshot", "--json", "--no-auth", "--no-conn", "--access-log", access.toString(), "--since", "1h");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = r.json();
        JsonNode backfill = null;
        JsonNode followed = null;
        for (JsonNode s : doc.get("sources")) {
            if (s.get("name").asText().equals("backfill")) {
                backfill = s;
            } else if (s.get("name").asText().equals("http:" + access)) {
                followed = s; // the live source's entry for the file it follows
            }
        }
        assertThat(followed).as(doc.get("sources").toString()).isNotNull();
        assertThat(followed.get("status").asText()).isEqualTo("ok");
        assertThat(backfill).as(doc.get("sources").toString()).isNotNull();
        assertThat(backfill.get("status").asText()).isEqualTo("done");
        long requests = doc.get("totals").get("requests").asLong();
        // the window starts when the command does, a moment after `now` here: a few lines may fall out
        assertThat(requests).isBetween(expected - 200, expected);
        assertThat(doc.get("ips")).hasSize(200);
    }

    /**
     * A one-shot's backfill counts, at its end, the PAM failure still waiting there for a "Failed" line
     * (a PAM stack that fails before sshd's own check logs none), as a replay does at a file's end: the
     * snapshot is taken then, and no tailer goes on to count it two minutes later. (A live run leaves it
     * to its tailer instead, which settles it with the lines that follow.)
     */
    @Test
    void aOneShotCountsThePamFailureWaitingAtTheBackfillsEnd() throws Exception {
        DateTimeFormatter syslog =
                DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT).withZone(java.time.ZoneId.systemDefault());
        Instant at = Instant.now().minusSeconds(30);
        Path auth = Files.writeString(
                tmp.resolve("auth.log"),
                syslog.format(at) + " web1 sshd[555]: pam_unix(sshd:auth): authentication failure; logname= uid=0"
                        + " euid=0 tty=ssh ruser= rhost=203.0.113.77  user=root\n");
        CliRun r = CliRun.of(
                "snapshot",
                "--json",
                "--no-http",
                "--no-conn",
                "--journald",
                "off",
                "--auth-log",
                auth.toString(),
                "--since",
                "1h");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.get("totals").get("auth_failures").asLong())
                .as(doc.get("sources").toString())
                .isEqualTo(1);
        assertThat(CliRun.ip(doc, "203.0.113.77").get("auth").get("failures").asLong())
                .isEqualTo(1);
    }

    /**
     * The backfill is judged on its own time, as a replay: an error burst and exploit probes of forty
     * minutes ago are flagged when they happened (the burst ended then), and their IPs are still shown
     * although they have been idle for longer than the idle limit (15 min). Judged at start-up, as
     * before, the burst's window had long passed (no finding), the probes were "since" start-up, and
     * both IPs were dropped as idle at the first tick.
     */
    @Test
    void aBackfilledAttackIsJudgedWhenItHappened() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant burst = now.minusSeconds(40 * 60);
        StringBuilder log = new StringBuilder(errorBurst("203.0.113.50", burst));
        for (String p : List.of("/.env", "/.git/config", "/wp-login.php", "/phpmyadmin/", "/etc/passwd")) {
            log.append(line("198.51.100.60", burst.plusSeconds(20), p, 404));
        }
        log.append(line("192.0.2.5", now.minusSeconds(5 * 60), "/", 200));
        Path access = Files.writeString(tmp.resolve("access.log"), log);

        CliRun r = CliRun.of(
                "snapshot", "--json", "--no-auth", "--no-conn", "--access-log", access.toString(), "--since", "1h");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.get("ips")).hasSize(3);
        JsonNode errors = CliRun.ip(doc, "203.0.113.50");
        assertThat(errors.get("findings")).isEmpty();
        JsonNode ended = errors.get("earlier_findings").get(0);
        assertThat(ended.get("rule").asText()).isEqualTo("error_burst");
        assertThat(Instant.parse(ended.get("since").asText())).isBetween(burst, burst.plusSeconds(10));
        assertThat(Instant.parse(ended.get("ended").asText())).isBetween(burst, burst.plusSeconds(3 * 60));

        JsonNode probes = CliRun.ip(doc, "198.51.100.60").get("findings").get(0);
        assertThat(probes.get("rule").asText()).isEqualTo("exploit");
        assertThat(Instant.parse(probes.get("since").asText())).isEqualTo(burst.plusSeconds(20));
    }

    /**
     * --from-start replays what the access log holds, however old, on its own time, then follows it:
     * an attack of three hours ago is flagged when it happened and its IPs are kept. Read by the
     * tailer as before, the events were judged at start-up (windows long passed) and every IP was
     * dropped as idle at the first tick: "IPs 0" for a file of thousands of requests.
     */
    @Test
    void fromStartShowsTheWholeFileJudgedWhenItHappened() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant burst = now.minusSeconds(3 * 3600);
        StringBuilder log = new StringBuilder(errorBurst("203.0.113.50", burst));
        log.append(line("192.0.2.5", now.minusSeconds(2 * 3600), "/", 200));
        Path access = Files.writeString(tmp.resolve("access.log"), log);

        CliRun r = CliRun.of(
                "snapshot", "--json", "--no-auth", "--no-conn", "--access-log", access.toString(), "--from-start");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.get("totals").get("requests").asLong()).isEqualTo(31);
        assertThat(doc.get("ips")).hasSize(2);
        JsonNode ended = CliRun.ip(doc, "203.0.113.50").get("earlier_findings").get(0);
        assertThat(ended.get("rule").asText()).isEqualTo("error_burst");
        assertThat(Instant.parse(ended.get("since").asText())).isBetween(burst, burst.plusSeconds(10));
        assertThat(CliRun.element(doc.get("sources"), "name", "backfill")
                        .get("detail")
                        .asText())
                .isEqualTo("1 file, 31 events from their start");

        // with --since too: the current file from its start, its rotated sibling only within the window
        Files.writeString(
                tmp.resolve("access.log.1"),
                line("198.51.100.1", now.minusSeconds(5 * 3600), "/", 200)
                        + line("198.51.100.2", now.minusSeconds(30 * 60), "/", 200));
        CliRun both = CliRun.of(
                "snapshot",
                "--json",
                "--no-auth",
                "--no-conn",
                "--access-log",
                access.toString(),
                "--from-start",
                "--since",
                "1h");
        assertThat(both.exit()).as(both.err()).isZero();
        assertThat(both.json().get("totals").get("requests").asLong())
                .as("no line twice, none missed")
                .isEqualTo(32);
        assertThat(both.json().get("ips").findValuesAsText("ip"))
                .containsExactlyInAnyOrder("203.0.113.50", "192.0.2.5", "198.51.100.2");
        assertThat(CliRun.element(both.json().get("sources"), "name", "backfill")
                        .get("detail")
                        .asText())
                .startsWith("2 files, 32 events (1 from their start, 1 since ");
    }

    /** 30 requests for missing pages in 10 s from {@code ip}, starting at {@code at}: an error burst. */
    private static String errorBurst(String ip, Instant at) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            b.append(line(ip, at.plusSeconds(i / 3), "/x" + i, 404));
        }
        return b.toString();
    }

    private static String line(String ip, Instant t, String path, int status) {
        return ip + " - - [" + CLF.format(t) + "] \"GET " + path + " HTTP/1.1\" " + status + " 153 \"-\" \"curl/8\"\n";
    }
}
