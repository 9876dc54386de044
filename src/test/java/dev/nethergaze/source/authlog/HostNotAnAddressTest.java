package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sshd's host written as an address that is none is an unparsed line, as such a client is in an
 * access log ({@code ClientResolver.addressLike}, one decision for both): {@code 256.1.1.1}, {@code
 * 01.02.03.004} and {@code 1:2:3:4:5:6:7:8:9} were lines naming their client by host name ("UseDNS
 * on?"), not used and not said to be unreadable. A host name stays one; an address is read.
 */
class HostNotAnAddressTest {

    private final AuthLineParser parser =
            new AuthLineParser("auth.log", Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
    private final List<AuthAttempt> out = new ArrayList<>();

    private AuthLineParser.Outcome parse(String message) throws InterruptedException {
        byte[] b = ("Dec  6 10:00:01 web sshd[11]: " + message).getBytes(StandardCharsets.UTF_8);
        return parser.parse(b, 0, b.length, out::add);
    }

    @Test
    void aHostWrittenAsAnAddressThatIsNoneIsUnparsed() throws InterruptedException {
        for (String host : List.of("256.1.1.1", "01.02.03.004", "1.2.3", "1:2:3:4:5:6:7:8:9", "[2001:db8::1]x")) {
            assertThat(parse("Failed password for root from " + host + " port 5555 ssh2"))
                    .as(host)
                    .isEqualTo(AuthLineParser.Outcome.NOT_AN_ADDRESS);
            assertThat(parse("Invalid user x from " + host + " port 5555"))
                    .as(host)
                    .isEqualTo(AuthLineParser.Outcome.NOT_AN_ADDRESS);
        }
        assertThat(out).isEmpty();
    }

    @Test
    void aHostNameIsStillOneAndAnAddressIsRead() throws InterruptedException {
        for (String host : List.of("crawl.example.com", "1password.com", "123.example")) {
            assertThat(parse("Failed password for root from " + host + " port 5555 ssh2"))
                    .as(host)
                    .isEqualTo(AuthLineParser.Outcome.UNRESOLVED);
        }
        assertThat(parse("Failed password for root from 203.0.113.9 port 5555 ssh2"))
                .isEqualTo(AuthLineParser.Outcome.ATTEMPTS);
        assertThat(parse("Failed password for root from fe80::1%eth0 port 5555 ssh2"))
                .isEqualTo(AuthLineParser.Outcome.ATTEMPTS);
        assertThat(out).hasSize(2);
    }

    @Test
    void aLineOfThatPidNamingNoHostIsUnparsedToo() throws InterruptedException {
        assertThat(parse("Connection from 256.1.1.1 port 5555 on 192.0.2.1 port 22"))
                .isEqualTo(AuthLineParser.Outcome.OTHER);
        assertThat(parse("Disconnecting: Too many authentication failures [preauth]"))
                .isEqualTo(AuthLineParser.Outcome.NOT_AN_ADDRESS);
        assertThat(out).isEmpty();
    }
}
