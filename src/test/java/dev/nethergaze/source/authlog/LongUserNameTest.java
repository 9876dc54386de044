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
 * A user name longer than sshd logs whole: OpenSSH writes "Invalid user %.100s" and "Failed password for
 * invalid user %.100s" but the connection's end with more of it (captured from a real sshd 9.2 via
 * rsyslog, the OpenSSH client sending 300 x's). One user, one name: before, users[] listed the same
 * user twice, cut at 100 and at 256 characters.
 */
class LongUserNameTest {

    private static final String X100 = "x".repeat(100);

    @Test
    void aLongUserNameIsOneUserOnEveryLine() throws InterruptedException {
        AuthLineParser parser = new AuthLineParser("t", Instant.parse("2026-12-07T15:00:00Z"), ZoneOffset.UTC);
        List<AuthAttempt> out = new ArrayList<>();
        for (String l : List.of(
                "Dec  7 14:44:23 vm sshd[18725]: Invalid user xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx from 192.0.2.1 port 34602",
                "Dec  7 14:44:23 vm sshd[18725]: pam_unix(sshd:auth): check pass; user unknown",
                "Dec  7 14:44:23 vm sshd[18725]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.1 ",
                "Dec  7 14:44:26 vm sshd[18725]: Failed password for invalid user xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx from 192.0.2.1 port 34602 ssh2",
                "Dec  7 14:44:26 vm sshd[18725]: Connection closed by invalid user xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx 192.0.2.1 port 34602 [preauth]")) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            parser.parse(b, 0, b.length, out::add);
        }
        parser.endOfInput(out::add);
        assertThat(out)
                .extracting(AuthAttempt::kind)
                .containsExactly(AuthKind.INVALID_USER, AuthKind.PREAUTH_DISCONNECT);
        assertThat(out).extracting(AuthAttempt::user).containsOnly(X100);
    }
}
