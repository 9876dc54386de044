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
        assertThat(replay.untimed()).isEqualTo(1);
    }

    /**
     * A bare line of sshd's that says nothing about an attempt ("Server listening on …", the first line
     * {@code docker logs -f} of {@code sshd -D -e} prints) needs no time: a line of an sshd log, not an
     * unparsed one, with a clock or without, as the lines below say. Without one it was "1 unparsed", a
     * line "without a time, not placed", in every {@code --auth-log -} backfill of such a container.
     */
    @Test
    void withoutAClockABareLineThatSaysNothingIsNotUnparsed() throws InterruptedException {
        AuthLineParser replay = new AuthLineParser("e.log", Instant.EPOCH, ZoneOffset.UTC);
        assertThat(parse(replay, "Server listening on 192.0.2.10 port 22.\r", AuthLineParser.Outcome.OTHER))
                .isEmpty();
        assertThat(replay.untimed()).isZero();
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
    /**
     * OpenSSH 9.2's {@code sshd -E} file as a namespace drill wrote it (MaxAuthTries 3, no PAM): two
     * connections of one password guesser interleaved with one of an invalid user. Without a pid, each
     * line had bookkeeping of its own, so the "maximum authentication attempts exceeded" line after a
     * connection's three logged failures, and the "Failed password for invalid user" after its "Invalid
     * user" line, were counted as more attempts: 10 failures for the 6 passwords tried from
     * 203.0.113.99 (8 against 5), 6 for the 3 of 2001:db8:bad::5 (4 against 3).
     */
    @Test
    void aBareConnectionIsToldByItsHostAndPortSoNoAttemptCountsTwice() throws InterruptedException {
        Instant read = Instant.parse("2026-12-07T01:52:10Z");
        AuthLineParser live =
                new AuthLineParser("auth:e.log", read, ZoneOffset.UTC).timingBareLinesBy(InstantSource.fixed(read));
        String[] lines = {
            "Invalid user admin from 2001:db8:bad::5 port 60079\r",
            "Could not get shadow information for NOUSER\r",
            "Failed password for invalid user admin from 2001:db8:bad::5 port 60079 ssh2\r",
            "Failed password for root from 203.0.113.99 port 34143 ssh2\r",
            "Failed password for invalid user admin from 2001:db8:bad::5 port 60079 ssh2\r",
            "Failed password for root from 203.0.113.99 port 34143 ssh2\r",
            "Failed password for invalid user admin from 2001:db8:bad::5 port 60079 ssh2\r",
            "maximum authentication attempts exceeded for invalid user admin from 2001:db8:bad::5 port 60079 ssh2 [preauth]\r",
            "Disconnecting invalid user admin 2001:db8:bad::5 port 60079: Too many authentication failures [preauth]\r",
            "Failed password for root from 203.0.113.99 port 34143 ssh2\r",
            "maximum authentication attempts exceeded for root from 203.0.113.99 port 34143 ssh2 [preauth]\r",
            "Disconnecting authenticating user root 203.0.113.99 port 34143: Too many authentication failures [preauth]\r",
            "Failed password for root from 203.0.113.99 port 40675 ssh2\r",
            "Failed password for root from 203.0.113.99 port 40675 ssh2\r",
            "Failed password for root from 203.0.113.99 port 40675 ssh2\r",
            "maximum authentication attempts exceeded for root from 203.0.113.99 port 40675 ssh2 [preauth]\r",
        };
        List<AuthAttempt> all = new ArrayList<>();
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            live.parse(b, 0, b.length, all::add);
        }
        assertThat(all.stream().filter(a -> a.kind().isFailure() && a.ip().equals(IpKey.parse("203.0.113.99"))))
                .as("the six \"Failed password\" lines of 203.0.113.99")
                .hasSize(6)
                .allSatisfy(a -> assertThat(a.kind()).isEqualTo(AuthKind.FAILED_PASSWORD));
        assertThat(all.stream().filter(a -> a.kind().isFailure() && a.ip().equals(IpKey.parse("2001:db8:bad::5"))))
                .as("the three passwords of the invalid user admin")
                .hasSize(3)
                .allSatisfy(a -> assertThat(a.kind()).isEqualTo(AuthKind.INVALID_USER));
    }
    /**
     * sshd's own INFO lines that say nothing about an attempt are lines of an sshd log, not unparsed
     * ones: in a namespace drill the console's top bar said "auth: 16 unparsed" for an {@code sshd -E}
     * file that held nothing else ("Could not get shadow information" follows each invalid user's first
     * try without PAM; a key login's session ends with two more). Lines as OpenSSH 9.2 wrote them. The
     * "Disconnecting … Too many authentication failures" line that ends each connection that ran out of
     * tries was one of them; it is a line of an sshd log still, and now says the connection left before
     * authentication (see {@link MaxAuthTriesDisconnectTest}).
     */
    @Test
    void sshdsOwnLinesThatSayNothingAreNotUnparsed() throws InterruptedException {
        Instant read = Instant.parse("2026-12-07T01:52:10Z");
        AuthLineParser live =
                new AuthLineParser("auth:e.log", read, ZoneOffset.UTC).timingBareLinesBy(InstantSource.fixed(read));
        for (String line : List.of(
                "Server listening on 2001:db8::10 port 22.\r",
                "Server listening on 192.0.2.10 port 22.\r",
                "Could not get shadow information for NOUSER\r",
                "Received disconnect from 203.0.113.99 port 48419:11: disconnected by user\r",
                "Disconnected from user root 203.0.113.99 port 48419\r",
                "Received signal 15; terminating.\r")) {
            assertThat(parse(live, line, AuthLineParser.Outcome.OTHER)).as(line).isEmpty();
        }
        for (String line : List.of(
                "Disconnecting authenticating user root 203.0.113.99 port 34143: Too many authentication failures"
                        + " [preauth]\r",
                "Disconnecting invalid user admin 2001:db8:bad::5 port 60079: Too many authentication failures"
                        + " [preauth]\r")) {
            assertThat(parse(live, line, AuthLineParser.Outcome.ATTEMPTS))
                    .as(line)
                    .singleElement()
                    .satisfies(a -> assertThat(a.kind()).isEqualTo(AuthKind.PREAUTH_DISCONNECT));
        }
    }
    /**
     * A client's port comes back for a later connection: the later one is a connection of its own. A key
     * guesser's connection logs no failure at INFO but its "maximum authentication attempts exceeded";
     * on a port an earlier password guess from the same address had used, that line was taken for the
     * earlier connection's end, already counted, and the guess went uncounted.
     */
    @Test
    void aPortUsedAgainAfterItsConnectionRanOutOfTriesIsANewConnection() throws InterruptedException {
        Instant read = Instant.parse("2026-12-07T01:52:10Z");
        AuthLineParser live =
                new AuthLineParser("auth:e.log", read, ZoneOffset.UTC).timingBareLinesBy(InstantSource.fixed(read));
        List<AuthAttempt> all = new ArrayList<>();
        for (String line : List.of(
                "Failed password for root from 203.0.113.99 port 40675 ssh2\r",
                "Failed password for root from 203.0.113.99 port 40675 ssh2\r",
                "Failed password for root from 203.0.113.99 port 40675 ssh2\r",
                "maximum authentication attempts exceeded for root from 203.0.113.99 port 40675 ssh2 [preauth]\r",
                "Disconnecting authenticating user root 203.0.113.99 port 40675: Too many authentication failures"
                        + " [preauth]\r",
                // later, the same port again: a client trying keys, whose failures sshd logs only at VERBOSE
                "maximum authentication attempts exceeded for root from 203.0.113.99 port 40675 ssh2 [preauth]\r")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            live.parse(b, 0, b.length, all::add);
        }
        assertThat(all.stream().filter(a -> a.kind().isFailure()))
                .as("three passwords, then the key guess")
                .hasSize(4);
    }

    /**
     * Handshake failures of {@code docker logs -t} of {@code sshd -D -e} (OpenSSH 9.2, a black-box drill:
     * an old client's key exchange, then an HTTP request to the SSH port): two connections, two failed
     * handshakes, as the same lines behind a syslog header count. The second is logged as
     * "kex_exchange_identification: …" (no host) and then "banner exchange: Connection from H port P: …";
     * the pair is one failure. The stamp and "banner exchange:" (or "fatal:") were read as a syslog header
     * of a program that is not sshd, and the line counted nothing.
     */
    @Test
    void isoStampedHandshakeFailuresCountAsInSyslog() throws InterruptedException {
        String[] lines = {
            "2026-12-08T00:12:37.135333000Z Unable to negotiate with 127.0.0.1 port 38198: no matching key exchange"
                    + " method found. Their offer: diffie-hellman-group1-sha1,ext-info-c [preauth]",
            "2026-12-08T00:12:37.624114000Z kex_exchange_identification: client sent invalid protocol identifier"
                    + " \"GET / HTTP/1.0\"",
            "2026-12-08T00:12:37.624252000Z banner exchange: Connection from 127.0.0.1 port 38208: invalid format",
            // sshd's "fatal: " and "error: " prefixes read as a tag as well
            "2026-12-08T00:14:37.700000000Z fatal: Timeout before authentication for 127.0.0.1 port 38210",
        };
        List<AuthAttempt> bare =
                ParsedLines.read(new AuthLineParser("docker.log", Instant.EPOCH, ZoneOffset.UTC), lines);
        String[] syslog = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            syslog[i] = lines[i].replaceFirst(" ", " host sshd[4242]: ");
        }
        List<AuthAttempt> tagged =
                ParsedLines.read(new AuthLineParser("auth.log", Instant.EPOCH, ZoneOffset.UTC), syslog);
        for (AuthKind k : List.of(AuthKind.NEGOTIATION_FAILURE, AuthKind.PREAUTH_DISCONNECT)) {
            long expected = k == AuthKind.NEGOTIATION_FAILURE ? 2 : 1;
            assertThat(ParsedLines.count(tagged, k)).as("syslog " + k).isEqualTo(expected);
            assertThat(ParsedLines.count(bare, k)).as("bare " + k).isEqualTo(expected);
        }
    }
}
