package dev.nethergaze.source.authlog;

import static dev.nethergaze.source.authlog.ParsedLines.count;
import static dev.nethergaze.source.authlog.ParsedLines.failures;
import static dev.nethergaze.source.authlog.ParsedLines.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.IpKey;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection sshd ends at MaxAuthTries left before authentication: it is one preauth disconnect,
 * as a client that hangs up is, and each attempt it made counts once. The OpenSSH 9.2 lines below are
 * what a real sshd wrote ({@code MaxAuthTries 3}, {@code sshd -E}, in a network namespace, driven by
 * the OpenSSH client with wrong keys and wrong passwords; the client's address put in the
 * documentation prefix, a syslog header added); the older forms are from the elastic EC2 sample
 * (OpenSSH 7.2) and fail2ban's sshd.log (OpenSSH 6.x). Before, the "Disconnecting … Too many
 * authentication failures" line counted for nothing: 0 preauth disconnects for such connections.
 */
class MaxAuthTriesDisconnectTest {

    private final AuthLineParser parser =
            new AuthLineParser("t", Instant.parse("2026-12-07T17:00:00Z"), ZoneOffset.UTC);

    @Test
    void aKeyGuessingInvalidUserIsOneFailureAndOneDisconnect() throws InterruptedException {
        List<AuthAttempt> a = read(
                parser,
                "Dec  7 16:40:02 vm sshd[1001]: Invalid user bogususer from 192.0.2.50 port 48018",
                "Dec  7 16:40:03 vm sshd[1001]: maximum authentication attempts exceeded for invalid user bogususer from 192.0.2.50 port 48018 ssh2 [preauth]",
                "Dec  7 16:40:03 vm sshd[1001]: Disconnecting invalid user bogususer 192.0.2.50 port 48018: Too many authentication failures [preauth]");
        assertThat(failures(a)).isEqualTo(1);
        assertThat(count(a, AuthKind.INVALID_USER)).isEqualTo(1);
        assertThat(count(a, AuthKind.PREAUTH_DISCONNECT)).isEqualTo(1);
        assertThat(a)
                .filteredOn(x -> x.kind() == AuthKind.PREAUTH_DISCONNECT)
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.ip()).isEqualTo(IpKey.parse("192.0.2.50"));
                    assertThat(x.user()).isEqualTo("bogususer");
                });
    }

    @Test
    void threeWrongPasswordsAreThreeFailuresAndOneDisconnect() throws InterruptedException {
        List<AuthAttempt> a = read(
                parser,
                "Dec  7 16:40:05 vm sshd[1002]: Failed password for nobody from 192.0.2.50 port 58834 ssh2",
                "Dec  7 16:40:06 vm sshd[1002]: Failed password for nobody from 192.0.2.50 port 58834 ssh2",
                "Dec  7 16:40:07 vm sshd[1002]: Failed password for nobody from 192.0.2.50 port 58834 ssh2",
                "Dec  7 16:40:08 vm sshd[1002]: maximum authentication attempts exceeded for nobody from 192.0.2.50 port 58834 ssh2 [preauth]",
                "Dec  7 16:40:08 vm sshd[1002]: Disconnecting authenticating user nobody 192.0.2.50 port 58834: Too many authentication failures [preauth]",
                "Dec  7 16:40:10 vm sshd[1003]: Invalid user bogus2 from 2001:db8::50 port 54106",
                "Dec  7 16:40:11 vm sshd[1003]: Failed password for invalid user bogus2 from 2001:db8::50 port 54106 ssh2",
                "Dec  7 16:40:12 vm sshd[1003]: Failed password for invalid user bogus2 from 2001:db8::50 port 54106 ssh2",
                "Dec  7 16:40:13 vm sshd[1003]: Failed password for invalid user bogus2 from 2001:db8::50 port 54106 ssh2",
                "Dec  7 16:40:14 vm sshd[1003]: maximum authentication attempts exceeded for invalid user bogus2 from 2001:db8::50 port 54106 ssh2 [preauth]",
                "Dec  7 16:40:14 vm sshd[1003]: Disconnecting invalid user bogus2 2001:db8::50 port 54106: Too many authentication failures [preauth]");
        assertThat(failures(a)).isEqualTo(6);
        assertThat(count(a, AuthKind.INVALID_USER)).isEqualTo(3);
        assertThat(count(a, AuthKind.PREAUTH_DISCONNECT)).isEqualTo(2);
        assertThat(a)
                .filteredOn(x -> x.kind() == AuthKind.PREAUTH_DISCONNECT)
                .extracting(AuthAttempt::ip)
                .containsExactly(IpKey.parse("192.0.2.50"), IpKey.parse("2001:db8::50"));
    }

    /** OpenSSH 6.7 to 7.x: "maximum authentication attempts exceeded", then a "Disconnecting:" naming no one. */
    @Test
    void theOlderDisconnectNamingNoHostIsTheSameEnd() throws InterruptedException {
        List<AuthAttempt> a = read(
                parser,
                "Mar 27 14:54:57 ip-10-77-20-248 sshd[2967]: input_userauth_request: invalid user support [preauth]",
                "Mar 27 14:54:58 ip-10-77-20-248 sshd[2967]: error: maximum authentication attempts exceeded for invalid user support from 95.152.57.58 port 53679 ssh2 [preauth]",
                "Mar 27 14:54:58 ip-10-77-20-248 sshd[2967]: Disconnecting: Too many authentication failures [preauth]");
        assertThat(failures(a)).isEqualTo(1);
        assertThat(count(a, AuthKind.PREAUTH_DISCONNECT)).isEqualTo(1);
        assertThat(a)
                .filteredOn(x -> x.kind() == AuthKind.PREAUTH_DISCONNECT)
                .singleElement()
                .satisfies(x -> assertThat(x.ip()).isEqualTo(IpKey.parse("95.152.57.58")));
    }

    /**
     * OpenSSH 6.6 and before: "Disconnecting: Too many authentication failures for U" is all there is of
     * the limit, and "Connection closed by H [preauth]" after it is the same end, not a second one.
     */
    @Test
    void theOldestFormIsOneDisconnectWithTheCloseAfterIt() throws InterruptedException {
        List<AuthAttempt> a = read(
                parser,
                "Nov 28 09:16:05 srv sshd[32310]: Failed publickey for git from 192.0.2.111 port 57910 ssh2: ECDSA 1e:fe:xx",
                "Nov 28 09:16:05 srv sshd[32310]: Failed publickey for git from 192.0.2.111 port 57910 ssh2: RSA 14:ba:xx",
                "Nov 28 09:16:05 srv sshd[32310]: Disconnecting: Too many authentication failures for git [preauth]",
                "Nov 28 09:16:05 srv sshd[32310]: Connection closed by 192.0.2.111 [preauth]");
        assertThat(failures(a)).isEqualTo(2);
        assertThat(count(a, AuthKind.PREAUTH_DISCONNECT)).isEqualTo(1);
    }

    /** The same sshd's {@code -E} file: no pid, each connection told by its host and port. */
    @Test
    void bareLinesCountTheDisconnectOncePerConnection() throws InterruptedException {
        Instant now = Instant.parse("2026-12-07T16:40:20Z");
        AuthLineParser bare =
                new AuthLineParser("auth:e.log", now, ZoneOffset.UTC).timingBareLinesBy(InstantSource.fixed(now));
        List<AuthAttempt> a = read(
                bare,
                "Invalid user bogususer from 192.0.2.50 port 48018\r",
                "maximum authentication attempts exceeded for invalid user bogususer from 192.0.2.50 port 48018 ssh2 [preauth]\r",
                "Disconnecting invalid user bogususer 192.0.2.50 port 48018: Too many authentication failures [preauth]\r",
                "Failed password for nobody from 192.0.2.50 port 58834 ssh2\r",
                "Failed password for nobody from 192.0.2.50 port 58834 ssh2\r",
                "Failed password for nobody from 192.0.2.50 port 58834 ssh2\r",
                "maximum authentication attempts exceeded for nobody from 192.0.2.50 port 58834 ssh2 [preauth]\r",
                "Disconnecting authenticating user nobody 192.0.2.50 port 58834: Too many authentication failures [preauth]\r",
                // later, the first port again: another key guess, a connection of its own
                "maximum authentication attempts exceeded for root from 192.0.2.50 port 48018 ssh2 [preauth]\r",
                "Disconnecting authenticating user root 192.0.2.50 port 48018: Too many authentication failures [preauth]\r");
        assertThat(failures(a)).as("1 + 3 + the key guess").isEqualTo(5);
        assertThat(count(a, AuthKind.PREAUTH_DISCONNECT)).isEqualTo(3);
    }
}
