package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.IpKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sshd logging with {@code -E FILE} writes bare messages with CRLF and no time; {@code docker logs -t}
 * of {@code sshd -D -e} puts an ISO-8601 stamp before the bare message. Neither was read ("no line
 * recognised as a syslog auth log"). Lines as OpenSSH 9.2 wrote them in a namespace test.
 */
class BareSshdLinesTest {

    private static final String E_LINE = "Failed password for root from 2001:db8:bad::5 port 44027 ssh2\r";
    private static final String DOCKER_LINE =
            "2026-12-05T23:00:00.123456789Z Failed password for root from 198.51.100.12 port 44027 ssh2";

    private static List<AuthAttempt> parse(AuthLineParser p, String line, AuthLineParser.Outcome expected)
            throws InterruptedException {
        List<AuthAttempt> out = new ArrayList<>();
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        assertThat(p.parse(b, 0, b.length, out::add)).as(line).isEqualTo(expected);
        return out;
    }

    @Test
    void aFollowedSshdEFileIsTimedWhenRead() throws InterruptedException {
        Instant read = Instant.parse("2026-12-05T23:10:00Z");
        AuthLineParser live =
                new AuthLineParser("auth:e.log", read, ZoneOffset.UTC).timingBareLinesBy(InstantSource.fixed(read));
        List<AuthAttempt> a = parse(live, E_LINE, AuthLineParser.Outcome.ATTEMPTS);
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.ip()).isEqualTo(IpKey.parse("2001:db8:bad::5"));
            assertThat(x.user()).isEqualTo("root");
            assertThat(x.kind()).isEqualTo(AuthKind.FAILED_PASSWORD);
            assertThat(x.time()).isEqualTo(read);
            assertThat(x.line()).doesNotContain("\r");
        });
        // not an sshd message: still malformed, so a wrong file keeps saying so
        parse(live, "garbage line one\r", AuthLineParser.Outcome.MALFORMED);
    }

    @Test
    void withoutAClockABareLineHasNoTimeAndIsNotGuessed() throws InterruptedException {
        AuthLineParser replay = new AuthLineParser("e.log", Instant.EPOCH, ZoneOffset.UTC);
        parse(replay, E_LINE, AuthLineParser.Outcome.MALFORMED);
    }

    @Test
    void anIsoStampedBareLineIsReadOnItsOwnTime() throws InterruptedException {
        AuthLineParser replay = new AuthLineParser("docker.log", Instant.EPOCH, ZoneOffset.UTC);
        List<AuthAttempt> a = parse(replay, DOCKER_LINE, AuthLineParser.Outcome.ATTEMPTS);
        assertThat(a).singleElement().satisfies(x -> {
            assertThat(x.ip()).isEqualTo(IpKey.parse("198.51.100.12"));
            assertThat(x.time()).isEqualTo(Instant.parse("2026-12-05T23:00:00.123456789Z"));
        });
        byte[] b = DOCKER_LINE.getBytes(StandardCharsets.UTF_8);
        assertThat(replay.time(b, 0, b.length)).isEqualTo(Instant.parse("2026-12-05T23:00:00.123456789Z"));
    }
}
