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
 * One connection that ends before authentication is one preauth disconnect, however many lines sshd
 * logs about its end ("Received disconnect from H port P:11: … [preauth]" then "Disconnected from … H
 * port P [preauth]", as in testdata/authlog/syslog/elastic_ec2_auth.log).
 */
class PreauthDisconnectTest {

    private final AuthLineParser parser =
            new AuthLineParser("t", Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private final List<AuthAttempt> out = new ArrayList<>();

    private long disconnects(String... lines) throws InterruptedException {
        return endsFrom(lines).size();
    }

    /** The addresses of the preauth disconnects counted for {@code lines}, in order. */
    private List<String> endsFrom(String... lines) throws InterruptedException {
        out.clear();
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            parser.parse(b, 0, b.length, out::add);
        }
        parser.endOfInput(out::add);
        return out.stream()
                .filter(a -> a.kind() == AuthKind.PREAUTH_DISCONNECT)
                .map(a -> a.ip().toString())
                .toList();
    }

    @Test
    void theReceivedAndDisconnectedPairOfOneConnectionCountsOnce() throws InterruptedException {
        assertThat(
                        endsFrom(
                                "Nov 30 10:00:01 h sshd[31]: Received disconnect from 221.194.44.195 port 52167:11:  [preauth]",
                                "Nov 30 10:00:01 h sshd[31]: Disconnected from 221.194.44.195 port 52167 [preauth]",
                                "Nov 30 10:00:02 h sshd[32]: Received disconnect from 198.51.100.7 port 4000:11: Bye Bye [preauth]",
                                "Nov 30 10:00:02 h sshd[32]: Disconnected from authenticating user root 198.51.100.7 port 4000 [preauth]",
                                "Nov 30 10:00:03 h sshd[33]: Received disconnect from 2001:db8::7 port 4001:11: Bye Bye [preauth]",
                                "Nov 30 10:00:03 h sshd[33]: Disconnected from invalid user admin 2001:db8::7 port 4001 [preauth]"))
                .containsExactly("221.194.44.195", "198.51.100.7", "2001:db8::7");
    }

    @Test
    void endsOfOtherConnectionsStillCountEach() throws InterruptedException {
        assertThat(
                        disconnects(
                                // a reused pid, another peer port: another connection
                                "Nov 30 10:00:01 h sshd[41]: Connection closed by 198.51.100.8 port 5000 [preauth]",
                                "Nov 30 10:00:09 h sshd[41]: Connection closed by 198.51.100.8 port 5001 [preauth]",
                                // another pid, same host and port: another sshd's connection
                                "Nov 30 10:00:10 h sshd[42]: Connection closed by 198.51.100.8 port 5001 [preauth]",
                                // no port to tell them apart: each counts, as before
                                "Nov 30 10:00:11 h sshd[43]: Connection closed by 192.0.2.111 [preauth]",
                                "Nov 30 10:00:12 h sshd[43]: Connection closed by 192.0.2.111 [preauth]",
                                // the pid opened a new connection between them: the second is that one's end
                                "Nov 30 10:00:13 h sshd[44]: Received disconnect from 198.51.100.9 port 6000:11: Bye [preauth]",
                                "Nov 30 10:00:14 h sshd[44]: Connection from 198.51.100.9 port 6000 on 192.0.2.1 port 22 rdomain \"\"",
                                "Nov 30 10:00:15 h sshd[44]: Disconnected from invalid user x 198.51.100.9 port 6000 [preauth]"))
                .isEqualTo(7);
    }

    /**
     * The pair split by another line of the pid (the monitor's PAM failure of the last attempt, a plain
     * "Connection closed" logged between the preauth child's two lines) is still one connection's end:
     * the host and port say so, not the line next to it (before: two disconnects).
     */
    @Test
    void thePairSplitByAnotherLineOfThePidCountsOnce() throws InterruptedException {
        assertThat(
                        endsFrom(
                                "Nov 30 10:00:01 h sshd[51]: Received disconnect from 198.51.100.20 port 7000:11: Bye Bye [preauth]",
                                "Nov 30 10:00:01 h sshd[51]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=198.51.100.20  user=root",
                                "Nov 30 10:00:01 h sshd[51]: Disconnected from authenticating user root 198.51.100.20 port 7000 [preauth]",
                                "Nov 30 10:00:02 h sshd[52]: Received disconnect from 198.51.100.21 port 7001:11: Bye Bye [preauth]",
                                "Nov 30 10:00:02 h sshd[52]: Connection closed by 198.51.100.21 port 7001",
                                "Nov 30 10:00:02 h sshd[52]: Disconnected from 198.51.100.21 port 7001 [preauth]",
                                "Nov 30 10:00:03 h sshd[53]: Received disconnect from 198.51.100.22 port 7002:11: Bye Bye [preauth]",
                                "Nov 30 10:00:03 h sshd[53]: Connection closed by invalid user x 198.51.100.22 port 7002 [preauth]",
                                "Nov 30 10:00:03 h sshd[53]: Disconnected from invalid user x 198.51.100.22 port 7002 [preauth]"))
                .containsExactly("198.51.100.20", "198.51.100.21", "198.51.100.22");
    }
}
