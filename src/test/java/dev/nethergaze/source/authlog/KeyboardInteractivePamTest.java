package dev.nethergaze.source.authlog;

import static dev.nethergaze.source.authlog.ParsedLines.count;
import static dev.nethergaze.source.authlog.ParsedLines.failures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyboard-interactive logins through PAM, as Debian's OpenSSH 9.2 logs them (captured from a real sshd
 * with {@code UsePAM yes} via rsyslog, driven by the OpenSSH client; the client's address put in the
 * documentation prefix). Each attempt is logged on up to three lines: pam_unix's "authentication
 * failure" by sshd's PAM process (another pid), sshd's "error: PAM: Authentication failure for U from H",
 * and, for all but a connection's first attempt, "Failed keyboard-interactive/pam for U from H port P".
 * Each attempt counts once. Before, each line counted: 13 failures for 5 attempts, a false
 * {@code ssh_bruteforce} from three connections.
 */
class KeyboardInteractivePamTest {

    private final AuthLineParser parser =
            new AuthLineParser("t", Instant.parse("2026-12-07T14:00:00Z"), ZoneOffset.UTC);

    private List<AuthAttempt> read(String... lines) throws InterruptedException {
        return ParsedLines.read(parser, lines);
    }

    @Test
    void oneWrongAnswerIsOneFailure() throws InterruptedException {
        List<AuthAttempt> a = read(
                "Dec  7 13:58:36 vm sshd[5287]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8:200::1  user=ngtest",
                "Dec  7 13:58:38 vm sshd[5285]: error: PAM: Authentication failure for ngtest from 2001:db8:200::1",
                "Dec  7 13:58:38 vm sshd[5285]: Connection closed by authenticating user ngtest 2001:db8:200::1 port 39804 [preauth]");
        assertThat(failures(a)).isEqualTo(1);
        assertThat(count(a, AuthKind.PREAUTH_DISCONNECT)).isEqualTo(1);
    }

    @Test
    void threeWrongAnswersUntilMaxAuthTriesAreThreeFailures() throws InterruptedException {
        List<AuthAttempt> a = read(
                "Dec  7 13:58:40 vm sshd[5514]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8:200::1  user=ngtest",
                "Dec  7 13:58:43 vm sshd[5512]: error: PAM: Authentication failure for ngtest from 2001:db8:200::1",
                "Dec  7 13:58:43 vm sshd[5512]: Postponed keyboard-interactive for ngtest from 2001:db8:200::1 port 39816 ssh2 [preauth]",
                "Dec  7 13:58:43 vm sshd[5517]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8:200::1  user=ngtest",
                "Dec  7 13:58:44 vm sshd[5512]: error: PAM: Authentication failure for ngtest from 2001:db8:200::1",
                "Dec  7 13:58:44 vm sshd[5512]: Failed keyboard-interactive/pam for ngtest from 2001:db8:200::1 port 39816 ssh2",
                "Dec  7 13:58:44 vm sshd[5512]: Postponed keyboard-interactive for ngtest from 2001:db8:200::1 port 39816 ssh2 [preauth]",
                "Dec  7 13:58:45 vm sshd[5524]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8:200::1  user=ngtest",
                "Dec  7 13:58:46 vm sshd[5512]: error: PAM: Authentication failure for ngtest from 2001:db8:200::1",
                "Dec  7 13:58:46 vm sshd[5512]: Failed keyboard-interactive/pam for ngtest from 2001:db8:200::1 port 39816 ssh2",
                "Dec  7 13:58:46 vm sshd[5512]: error: maximum authentication attempts exceeded for ngtest from 2001:db8:200::1 port 39816 ssh2 [preauth]",
                "Dec  7 13:58:46 vm sshd[5512]: Disconnecting authenticating user ngtest 2001:db8:200::1 port 39816: Too many authentication failures [preauth]");
        assertThat(failures(a)).isEqualTo(3);
        assertThat(a)
                .filteredOn(x -> x.kind().isFailure())
                .allMatch(x -> x.user().equals("ngtest"));
    }

    @Test
    void twoWrongAnswersThenTheRightOneAreTwoFailuresAndALogin() throws InterruptedException {
        List<AuthAttempt> a = read(
                "Dec  7 13:59:43 vm sshd[6931]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8:200::1  user=ngtest",
                "Dec  7 13:59:44 vm sshd[6929]: error: PAM: Authentication failure for ngtest from 2001:db8:200::1",
                "Dec  7 13:59:45 vm sshd[6929]: Postponed keyboard-interactive for ngtest from 2001:db8:200::1 port 60258 ssh2 [preauth]",
                "Dec  7 13:59:45 vm sshd[6939]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8:200::1  user=ngtest",
                "Dec  7 13:59:46 vm sshd[6929]: error: PAM: Authentication failure for ngtest from 2001:db8:200::1",
                "Dec  7 13:59:46 vm sshd[6929]: Failed keyboard-interactive/pam for ngtest from 2001:db8:200::1 port 60258 ssh2",
                "Dec  7 13:59:46 vm sshd[6929]: Postponed keyboard-interactive for ngtest from 2001:db8:200::1 port 60258 ssh2 [preauth]",
                "Dec  7 13:59:46 vm sshd[6929]: Postponed keyboard-interactive/pam for ngtest from 2001:db8:200::1 port 60258 ssh2 [preauth]",
                "Dec  7 13:59:46 vm sshd[6929]: Accepted keyboard-interactive/pam for ngtest from 2001:db8:200::1 port 60258 ssh2",
                "Dec  7 13:59:46 vm sshd[6929]: pam_unix(sshd:session): session opened for user ngtest(uid=1001) by (uid=0)",
                "Dec  7 13:59:46 vm sshd[6953]: Received disconnect from 2001:db8:200::1 port 60258:11: disconnected by user",
                "Dec  7 13:59:46 vm sshd[6953]: Disconnected from user ngtest 2001:db8:200::1 port 60258",
                "Dec  7 13:59:46 vm sshd[6929]: pam_unix(sshd:session): session closed for user ngtest");
        assertThat(failures(a)).isEqualTo(2);
        assertThat(count(a, AuthKind.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void anInvalidUsersThreeWrongAnswersAreThreeInvalidUserAttempts() throws InterruptedException {
        List<AuthAttempt> a = read(
                "Dec  7 13:59:47 vm sshd[6958]: Invalid user ghost from 2001:db8:200::1 port 60674",
                "Dec  7 13:59:47 vm sshd[6958]: Postponed keyboard-interactive for invalid user ghost from 2001:db8:200::1 port 60674 ssh2 [preauth]",
                "Dec  7 13:59:47 vm sshd[6960]: pam_unix(sshd:auth): check pass; user unknown",
                "Dec  7 13:59:47 vm sshd[6960]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8:200::1 ",
                "Dec  7 13:59:49 vm sshd[6958]: error: PAM: Authentication failure for illegal user ghost from 2001:db8:200::1",
                "Dec  7 13:59:49 vm sshd[6958]: Failed keyboard-interactive/pam for invalid user ghost from 2001:db8:200::1 port 60674 ssh2",
                "Dec  7 13:59:49 vm sshd[6958]: Postponed keyboard-interactive for invalid user ghost from 2001:db8:200::1 port 60674 ssh2 [preauth]",
                "Dec  7 13:59:49 vm sshd[6987]: pam_unix(sshd:auth): check pass; user unknown",
                "Dec  7 13:59:49 vm sshd[6987]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8:200::1 ",
                "Dec  7 13:59:50 vm sshd[6958]: error: PAM: Authentication failure for illegal user ghost from 2001:db8:200::1",
                "Dec  7 13:59:50 vm sshd[6958]: Failed keyboard-interactive/pam for invalid user ghost from 2001:db8:200::1 port 60674 ssh2",
                "Dec  7 13:59:50 vm sshd[6958]: Postponed keyboard-interactive for invalid user ghost from 2001:db8:200::1 port 60674 ssh2 [preauth]",
                "Dec  7 13:59:50 vm sshd[7016]: pam_unix(sshd:auth): check pass; user unknown",
                "Dec  7 13:59:50 vm sshd[7016]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=2001:db8:200::1 ",
                "Dec  7 13:59:52 vm sshd[6958]: error: PAM: Authentication failure for illegal user ghost from 2001:db8:200::1",
                "Dec  7 13:59:52 vm sshd[6958]: Failed keyboard-interactive/pam for invalid user ghost from 2001:db8:200::1 port 60674 ssh2",
                "Dec  7 13:59:52 vm sshd[6958]: error: maximum authentication attempts exceeded for invalid user ghost from 2001:db8:200::1 port 60674 ssh2 [preauth]",
                "Dec  7 13:59:52 vm sshd[6958]: Disconnecting invalid user ghost 2001:db8:200::1 port 60674: Too many authentication failures [preauth]");
        assertThat(failures(a)).isEqualTo(3);
        assertThat(count(a, AuthKind.INVALID_USER)).isEqualTo(3);
        assertThat(a)
                .filteredOn(x -> x.kind().isFailure())
                .allMatch(x -> x.user().equals("ghost"));
    }

    @Test
    void aPamErrorLineAloneStillCountsOnce() throws InterruptedException {
        // fail2ban's sshd.log: sshd's PAM error is the only line of these attempts
        List<AuthAttempt> a = read(
                "Jun 21 16:47:48 host sshd[13709]: error: PAM: Authentication failure for myhlj1374 from 192.0.2.30",
                "Jun 21 16:47:50 host sshd[13709]: Failed keyboard-interactive/pam for myhlj1374 from 192.0.2.30 port 5 ssh2",
                "Jun 21 16:47:52 host sshd[13709]: Failed keyboard-interactive/pam for myhlj1374 from 192.0.2.30 port 5 ssh2");
        assertThat(failures(a)).isEqualTo(2);
    }
}
