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
        out.clear();
        for (String l : lines) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            parser.parse(b, 0, b.length, out::add);
        }
        parser.endOfInput(out::add);
        return out.stream().filter(a -> a.kind() == AuthKind.PREAUTH_DISCONNECT).count();
    }

    @Test
    void theReceivedAndDisconnectedPairOfOneConnectionCountsOnce() throws InterruptedException {
        assertThat(
                        disconnects(
                                "Nov 30 10:00:01 h sshd[31]: Received disconnect from 221.194.44.195 port 52167:11:  [preauth]",
                                "Nov 30 10:00:01 h sshd[31]: Disconnected from 221.194.44.195 port 52167 [preauth]",
                                "Nov 30 10:00:02 h sshd[32]: Received disconnect from 198.51.100.7 port 4000:11: Bye Bye [preauth]",
                                "Nov 30 10:00:02 h sshd[32]: Disconnected from authenticating user root 198.51.100.7 port 4000 [preauth]",
                                "Nov 30 10:00:03 h sshd[33]: Received disconnect from 2001:db8::7 port 4001:11: Bye Bye [preauth]",
                                "Nov 30 10:00:03 h sshd[33]: Disconnected from invalid user admin 2001:db8::7 port 4001 [preauth]"))
                .isEqualTo(3);
        assertThat(out)
                .filteredOn(a -> a.kind() == AuthKind.PREAUTH_DISCONNECT)
                .extracting(a -> a.ip().toString())
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
                                // a line of the pid between them: the second is a new connection's
                                "Nov 30 10:00:13 h sshd[44]: Received disconnect from 198.51.100.9 port 6000:11: Bye [preauth]",
                                "Nov 30 10:00:14 h sshd[44]: Invalid user x from 198.51.100.9 port 6000",
                                "Nov 30 10:00:15 h sshd[44]: Disconnected from invalid user x 198.51.100.9 port 6000 [preauth]"))
                .isEqualTo(7);
    }
}
