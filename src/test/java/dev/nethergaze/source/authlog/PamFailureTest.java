package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A PAM "authentication failure; ... rhost=H" with no "Failed" line of its pid after it counts once
 * (at the end of its connection, at the login of another user, {@link AttemptTracker#PAM_WAIT} later,
 * or at the end of the input); with one, only the "Failed" line counts.
 */
class PamFailureTest {

    private final AuthLineParser parser =
            new AuthLineParser("t", Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<AuthAttempt> out = new ArrayList<>();

    private void read(String... lines) throws InterruptedException {
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            parser.parse(b, 0, b.length, out::add);
        }
    }

    private List<String> failures() {
        return out.stream()
                .filter(a -> a.kind() == AuthKind.FAILED_PASSWORD)
                .map(a -> a.ip() + " " + a.user() + " " + a.time())
                .toList();
    }

    @Test
    void aPamFailureAloneCountsAtItsConnectionsEndOrTheInputsEnd() throws InterruptedException {
        read(
                "Nov 30 10:00:01 host sshd[701]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.121  user=root",
                "Nov 30 10:00:06 host sshd[703]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.123  user=root",
                "Nov 30 10:00:16 host sshd[703]: Connection closed by authenticating user root 198.51.100.123 port 1 [preauth]");
        assertThat(failures()).containsExactly("198.51.100.123 root 2026-11-30T10:00:16Z");
        parser.endOfInput(out::add);
        assertThat(failures())
                .containsExactly(
                        "198.51.100.123 root 2026-11-30T10:00:16Z", "198.51.100.121 root 2026-11-30T10:00:16Z");
        assertThat(out.getLast().line()).contains("pam_unix(sshd:auth): authentication failure;");
    }

    @Test
    void aPamFailureFollowedByItsFailedLineCountsOnce() throws InterruptedException {
        read(
                "Nov 30 10:00:01 host sshd[2257]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=85.245.107.41  user=u0",
                "Nov 30 10:00:03 host sshd[2257]: Failed password for u0 from 85.245.107.41 port 51401 ssh2",
                "Nov 30 10:00:05 host sshd[2257]: Failed password for u0 from 85.245.107.41 port 51401 ssh2",
                "Nov 30 10:00:06 host sshd[2257]: Connection closed by 85.245.107.41 port 51401 [preauth]",
                // an invalid user: the "Invalid user" line counts the attempt its PAM failure is part of
                "Nov 30 10:01:00 host sshd[2260]: Invalid user bob from 85.245.107.42 port 5",
                "Nov 30 10:01:01 host sshd[2260]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=85.245.107.42",
                "Nov 30 10:01:09 host sshd[2260]: Connection closed by invalid user bob 85.245.107.42 port 5 [preauth]");
        parser.endOfInput(out::add);
        assertThat(failures()).hasSize(2).allMatch(f -> f.startsWith("85.245.107.41 u0 "));
        assertThat(out).filteredOn(a -> a.kind().isFailure()).hasSize(3);
    }

    @Test
    void aPamFailureWaitsNoLongerThanTheLoginGraceTime() throws InterruptedException {
        read(
                "Nov 30 10:00:01 host sshd[9]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root",
                "Nov 30 10:01:00 host CRON[5]: pam_unix(cron:session): session opened for user root",
                "Nov 30 10:05:00 host CRON[6]: pam_unix(cron:session): session opened for user root");
        assertThat(failures()).containsExactly("203.0.113.9 root 2026-11-30T10:02:01Z");
        parser.endOfInput(out::add);
        assertThat(failures()).hasSize(1);
        // the same user let in by another PAM module after the first failed: no failure
        read(
                "Nov 30 11:00:01 host sshd[10]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.10  user=rda",
                "Nov 30 11:00:02 host sshd[10]: Accepted password for rda from 203.0.113.10 port 5 ssh2",
                "Nov 30 11:00:09 host sshd[10]: Connection closed by 203.0.113.10");
        parser.endOfInput(out::add);
        assertThat(failures()).hasSize(1);
    }

    /**
     * Followed live, a PAM failure that is the last line of a log gone quiet counts when its wait is
     * over by the source's clock ({@link AuthLineParser#expire} at each poll), at its wait's end on the
     * log's time; before, it waited for a line that never came. Its "Failed" line within the wait still
     * makes it one attempt, and the wait runs from when the line was read, not from its stamp (a log
     * stamped in another zone still waits its full time).
     */
    @Test
    void aPamFailureThatEndsAQuietLogCountsWhenItsWaitIsOverByTheClock() throws InterruptedException {
        Instant t0 = Instant.parse("2026-11-30T12:00:00Z"); // the clock: two hours after the log's stamps
        parser.expire(t0, out::add);
        read(
                "Nov 30 10:00:01 host sshd[9]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root");
        parser.expire(t0.plusSeconds(1), out::add);
        parser.expire(t0.plus(AttemptTracker.PAM_WAIT), out::add);
        assertThat(failures()).isEmpty();
        parser.expire(t0.plus(AttemptTracker.PAM_WAIT).plusSeconds(1), out::add);
        assertThat(failures()).containsExactly("203.0.113.9 root 2026-11-30T10:02:01Z");
        assertThat(out.getLast().line()).contains("pam_unix(sshd:auth): authentication failure;");
        parser.expire(t0.plus(AttemptTracker.PAM_WAIT.multipliedBy(3)), out::add);
        parser.endOfInput(out::add);
        assertThat(failures()).hasSize(1);

        // its "Failed" line comes within the wait: that line counts it, the wait's end adds nothing
        Instant t1 = t0.plusSeconds(3600);
        parser.expire(t1, out::add);
        read(
                "Nov 30 11:00:01 host sshd[10]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.10  user=root",
                "Nov 30 11:00:03 host sshd[10]: Failed password for root from 203.0.113.10 port 5 ssh2");
        parser.expire(t1.plus(AttemptTracker.PAM_WAIT.multipliedBy(2)), out::add);
        assertThat(failures()).hasSize(2).last().asString().startsWith("203.0.113.10 root 2026-11-30T11:00:03Z");
    }

    /** Lines read before the first poll wait from it. */
    @Test
    void aPamFailureReadBeforeTheFirstPollWaitsFromIt() throws InterruptedException {
        read(
                "Nov 30 10:00:01 host sshd[9]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root");
        Instant t0 = Instant.parse("2026-11-30T10:00:01Z");
        parser.expire(t0.plusSeconds(100), out::add);
        parser.expire(t0.plusSeconds(219), out::add);
        assertThat(failures()).isEmpty();
        parser.expire(t0.plusSeconds(221), out::add);
        assertThat(failures()).containsExactly("203.0.113.9 root 2026-11-30T10:02:01Z");
    }

    /**
     * A PAM failure logged again from the preauth child (the same line ending in "[preauth]", fail2ban's
     * gh-2070 sample) before a plain close is one attempt, not two; two failures of the same user each
     * logged once (fail2ban's ".116" sample) are still two, and an echo with nothing waiting counts.
     */
    @Test
    void aPamFailureLoggedAgainWithPreauthIsOneAttempt() throws InterruptedException {
        read(
                "Mar  7 18:53:20 bar sshd[1556]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.113  user=rda",
                "Mar  7 18:53:20 bar sshd[1556]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=rda rhost=192.0.2.113 [preauth]",
                "Mar  7 18:53:22 bar sshd[1556]: Connection closed by 192.0.2.113 port 52100 [preauth]",
                "Mar  7 18:53:32 bar sshd[1559]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=root rhost=192.0.2.116",
                "Mar  7 18:53:32 bar sshd[1559]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=root rhost=192.0.2.116",
                "Mar  7 18:53:38 bar sshd[1559]: Connection closed by 192.0.2.116 port 52101 [preauth]",
                "Mar  7 18:54:00 bar sshd[1570]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=rda rhost=192.0.2.117 [preauth]",
                // two failures, each with its echo: two attempts
                "Mar  7 18:55:00 bar sshd[1580]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.118  user=rda",
                "Mar  7 18:55:00 bar sshd[1580]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=rda rhost=192.0.2.118 [preauth]",
                "Mar  7 18:55:03 bar sshd[1580]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.118  user=rda",
                "Mar  7 18:55:03 bar sshd[1580]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=rda rhost=192.0.2.118 [preauth]",
                "Mar  7 18:55:05 bar sshd[1580]: Connection closed by 192.0.2.118 port 52102 [preauth]");
        parser.endOfInput(out::add);
        assertThat(failures())
                .containsExactly(
                        "192.0.2.113 rda 2026-03-07T18:53:22Z",
                        "192.0.2.116 root 2026-03-07T18:53:38Z",
                        "192.0.2.116 root 2026-03-07T18:53:38Z",
                        "192.0.2.118 rda 2026-03-07T18:55:05Z",
                        "192.0.2.118 rda 2026-03-07T18:55:05Z",
                        "192.0.2.117 rda 2026-03-07T18:55:05Z");
    }

    /**
     * pam_unix logs its first failure of a connection in full and the others only as a count at its end
     * ("PAM 5 more authentication failures"): more failures, each of which sshd logged as "Failed" (a
     * real elastic auth.log connection), so the count adds none and is no duplicate of the first.
     */
    @Test
    void pamsCountOfMoreFailuresAddsNothingToSshdsOwnLines() throws InterruptedException {
        read(
                "Apr  5 07:11:14 ip-10-77-20-248 sshd[14711]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=49.4.143.105  user=root",
                "Apr  5 07:11:17 ip-10-77-20-248 sshd[14711]: Failed password for root from 49.4.143.105 port 1773 ssh2",
                "Apr  5 07:11:27 ip-10-77-20-248 sshd[14711]: message repeated 5 times: [ Failed password for root from 49.4.143.105 port 1773 ssh2]",
                "Apr  5 07:11:27 ip-10-77-20-248 sshd[14711]: error: maximum authentication attempts exceeded for root from 49.4.143.105 port 1773 ssh2 [preauth]",
                "Apr  5 07:11:27 ip-10-77-20-248 sshd[14711]: Disconnecting: Too many authentication failures [preauth]",
                "Apr  5 07:11:27 ip-10-77-20-248 sshd[14711]: PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=49.4.143.105  user=root",
                "Apr  5 07:11:27 ip-10-77-20-248 sshd[14711]: PAM service(sshd) ignoring max retries; 6 > 3");
        parser.endOfInput(out::add);
        assertThat(failures()).hasSize(6);
        assertThat(out).filteredOn(a -> a.kind().isFailure()).hasSize(6);
    }

    /**
     * A connection whose failures sshd never logged as "Failed" lines (a PAM-only stack): pam_unix logs
     * its first failure in full and the others only as "PAM N more authentication failures" when the
     * connection ends, so it had N more than the one line shows (before: one attempt counted of three).
     */
    @Test
    void pamsCountOfMoreFailuresCountsOnAPamOnlyConnection() throws InterruptedException {
        read(
                // its first failure counted at the connection's end, then the count of the others
                "Nov 30 10:00:01 host sshd[801]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.131  user=root",
                "Nov 30 10:00:09 host sshd[801]: Connection closed by authenticating user root 198.51.100.131 port 2 [preauth]",
                "Nov 30 10:00:09 host sshd[801]: PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.131  user=root",
                // the count while the first still waits: it is the connection's end, both count
                "Nov 30 10:01:01 host sshd[802]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.132  user=admin",
                "Nov 30 10:01:07 host sshd[802]: PAM 1 more authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.132  user=admin");
        parser.endOfInput(out::add);
        assertThat(failures())
                .containsExactly(
                        "198.51.100.131 root 2026-11-30T10:00:09Z",
                        "198.51.100.131 root 2026-11-30T10:00:09Z",
                        "198.51.100.131 root 2026-11-30T10:00:09Z",
                        "198.51.100.132 admin 2026-11-30T10:01:07Z",
                        "198.51.100.132 admin 2026-11-30T10:01:07Z");
        assertThat(out.getLast().line()).startsWith("PAM 1 more authentication failure;");
    }

    /**
     * A connection whose PAM failure settled and which then waits on another does not hold back the
     * waits of connections that began between its two: each ends at its own time (before: the queue
     * kept it at its first wait's place, and a failure behind it counted 20 s late).
     */
    @Test
    void aConnectionWaitingAgainDoesNotHoldBackOthers() throws InterruptedException {
        read(
                "Nov 30 10:00:00 host sshd[900]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.140  user=root",
                "Nov 30 10:00:05 host sshd[901]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.141  user=root",
                "Nov 30 10:00:07 host sshd[901]: Failed password for root from 198.51.100.141 port 3 ssh2",
                "Nov 30 10:00:10 host sshd[902]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.142  user=root",
                "Nov 30 10:00:30 host sshd[901]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.141  user=root",
                "Nov 30 10:02:11 host CRON[5]: pam_unix(cron:session): session opened for user root");
        assertThat(failures())
                .containsExactly(
                        "198.51.100.141 root 2026-11-30T10:00:07Z",
                        "198.51.100.140 root 2026-11-30T10:02:00Z",
                        "198.51.100.142 root 2026-11-30T10:02:10Z");
        read("Nov 30 10:02:31 host CRON[6]: pam_unix(cron:session): session opened for user root");
        assertThat(failures()).hasSize(4).last().asString().isEqualTo("198.51.100.141 root 2026-11-30T10:02:30Z");
        parser.endOfInput(out::add);
        assertThat(failures()).hasSize(4);
    }
}
