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

    /**
     * The listener's "drop connection #N from [H]:P on [L]:22 past MaxStartups" (a connection flood) and,
     * since OpenSSH 9.8, "… penalty: failed authentication" (PerSourcePenalties: a brute force sshd refuses
     * goes on as these lines alone) are each a connection of H closed before authentication. Before,
     * nothing was counted for them: a replay of twelve drops showed no IP at all.
     */
    @Test
    void connectionsTheListenerDropsAreEachAPreauthDisconnectOfTheirHost() throws InterruptedException {
        assertThat(endsFrom(
                        "Dec  7 02:27:01 srv sshd[500]: drop connection #0 from [203.0.113.50]:40001 on [192.0.2.10]:22 past MaxStartups",
                        "Dec  7 02:27:01 srv sshd[500]: drop connection #1 from [2001:db8::50]:40002 on [2001:db8::1]:22 penalty: failed authentication",
                        "Dec  7 02:27:02 srv sshd[500]: drop connection #1 from [203.0.113.50]:40003 on [192.0.2.10]:22 penalty: connections without attempting authentication",
                        "Dec  7 02:27:03 srv sshd[500]: drop connection #2 from [::ffff:198.51.100.4]:40004 on [::ffff:192.0.2.10]:22 past MaxStartups",
                        // a message of another shape from the listener counts nothing
                        "Dec  7 02:27:04 srv sshd[500]: drop connection #3 from somewhere"))
                .containsExactly("203.0.113.50", "2001:db8::50", "203.0.113.50", "198.51.100.4");
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
