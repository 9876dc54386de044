package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.source.tail.LineReader;
import dev.nethergaze.source.tail.TailConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The auth samples against testdata/ORACLES.md, section "## authlog/". */
class AuthLogOracleTest {

    record Run(long lines, long malformed, List<AuthAttempt> attempts, List<String> failedPasswordHosts) {

        long count(AuthKind k) {
            return attempts.stream().filter(a -> a.kind() == k).count();
        }

        long countFrom(AuthKind k, String ip) {
            return attempts.stream()
                    .filter(a -> a.kind() == k && a.ip().toString().equals(ip))
                    .count();
        }
    }

    static Run run(String relative) throws InterruptedException {
        Path file = TestData.path("authlog/" + relative);
        AuthLineParser parser = new AuthLineParser("t", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        SyslogHeader header =
                new SyslogHeader(new YearGuess(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), ZoneOffset.UTC);
        List<AuthAttempt> out = new ArrayList<>();
        List<String> failedHosts = new ArrayList<>();
        long[] bad = {0};
        LineReader.Result r = LineReader.read(file, TailConfig.DEFAULT_MAX_LINE, (f, n, b, off, len, cut) -> {
            if (parser.parse(b, off, len, out::add) == AuthLineParser.Outcome.MALFORMED) {
                bad[0]++;
            }
            // the oracle's per-line "Failed password for ... from IP" count, by the classifier alone
            if (header.parse(b, off, len, false) && AuthLineParser.isSshd(header.program)) {
                String m = new String(b, header.messageStart, off + len - header.messageStart, StandardCharsets.UTF_8);
                SshdEvent e = SshdMessage.classify(m);
                if (e != null && e.kind() == AuthKind.FAILED_PASSWORD && m.contains("Failed password for")) {
                    failedHosts.add(e.host());
                }
            }
        });
        assertThat(r.error()).isNull();
        return new Run(r.lines(), bad[0], out, failedHosts);
    }

    /**
     * What Debian's OpenSSH 9.2 logs (captured from a real sshd via rsyslog, SshdNamespaceIT) for one
     * HTTP request sent to port 22, and for two more from another connection whose host sshd had
     * named already: one failed handshake per connection, not one per line.
     */
    @Test
    void aFailedHandshakeLoggedOnTwoLinesCountsOnce() throws InterruptedException {
        AuthLineParser parser = new AuthLineParser("t", Instant.parse("2026-12-04T19:00:00Z"), ZoneOffset.UTC);
        List<AuthAttempt> out = new ArrayList<>();
        for (String line : List.of(
                "Dec  4 18:42:41 vm sshd[13021]: error: kex_exchange_identification: client sent invalid protocol"
                        + " identifier \"GET / HTTP/1.1\"",
                "Dec  4 18:42:41 vm sshd[13021]: banner exchange: Connection from 192.0.2.21 port 52714: invalid format",
                "Dec  4 18:42:42 vm sshd[13030]: Connection from 192.0.2.22 port 40000 on 192.0.2.1 port 22 rdomain \"\"",
                "Dec  4 18:42:42 vm sshd[13030]: error: kex_exchange_identification: client sent invalid protocol"
                        + " identifier \"GET / HTTP/1.1\"",
                "Dec  4 18:42:42 vm sshd[13030]: banner exchange: Connection from 192.0.2.22 port 40000: invalid format",
                "Dec  4 18:42:43 vm sshd[13031]: banner exchange: Connection from 192.0.2.22 port 40002: invalid format")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            parser.parse(b, 0, b.length, out::add);
        }
        assertThat(out)
                .extracting(a -> a.ip() + " " + a.kind())
                .containsExactly(
                        "192.0.2.21 NEGOTIATION_FAILURE",
                        "192.0.2.22 NEGOTIATION_FAILURE",
                        "192.0.2.22 NEGOTIATION_FAILURE");
        assertThat(out.getFirst().line()).startsWith("banner exchange: Connection from 192.0.2.21");
    }

    @Test
    void crowdsecBruteForceInvalidUsers() throws InterruptedException {
        Run bf = run("crowdsec/ssh-bf.log");
        assertThat(bf.countFrom(AuthKind.INVALID_USER, "35.188.49.176")).isEqualTo(6);
        Run slow = run("crowdsec/ssh-slow-bf.log");
        assertThat(slow.lines()).isEqualTo(22);
        assertThat(slow.countFrom(AuthKind.INVALID_USER, "103.100.210.198")).isEqualTo(22);
        assertThat(slow.malformed()).isZero();
    }

    @Test
    void crowdsecOtherSamples() throws InterruptedException {
        assertThat(run("crowdsec/sshd-success-logs.log").count(AuthKind.ACCEPTED))
                .isEqualTo(4);
        Run logs = run("crowdsec/sshd-logs.log");
        assertThat(logs.failedPasswordHosts()).containsExactly("192.168.1.2");
        assertThat(logs.attempts().stream()
                        .filter(a -> a.kind() == AuthKind.INVALID_USER)
                        .map(a -> a.ip().toString())
                        .distinct())
                .containsExactlyInAnyOrder("35.188.49.176", "192.168.1.2", "192.168.1.3");
        Run timeout = run("crowdsec/ssh-timeout.log");
        assertThat(timeout.count(AuthKind.PREAUTH_DISCONNECT)).isEqualTo(4); // "Timeout before authentication"
        assertThat(timeout.count(AuthKind.NEGOTIATION_FAILURE)).isEqualTo(4); // "ssh_dispatch_run_fatal"
        assertThat(run("crowdsec/sshd-bad-keyexchange-bf.log").count(AuthKind.NEGOTIATION_FAILURE))
                .isEqualTo(19);
        assertThat(run("crowdsec/sshd-invalid-bf.log").count(AuthKind.PREAUTH_DISCONNECT))
                .isEqualTo(6);
        assertThat(run("crowdsec/sshd-refused-conn.log").count(AuthKind.DENIED)).isEqualTo(1);
        Run banner = run("crowdsec/sshd_banner_exchange.log");
        assertThat(banner.count(AuthKind.NEGOTIATION_FAILURE)).isPositive();
        assertThat(banner.attempts()).allMatch(a -> a.kind() == AuthKind.NEGOTIATION_FAILURE);
    }

    @Test
    void elasticEc2AuthLog() throws InterruptedException {
        Run r = run("syslog/elastic_ec2_auth.log");
        assertThat(r.lines()).isEqualTo(7121);
        assertThat(r.malformed()).isZero();
        assertThat(r.count(AuthKind.ACCEPTED)).isEqualTo(226);
        assertThat(r.failedPasswordHosts()).hasSize(713);
        Map<String, Integer> byHost = new HashMap<>();
        r.failedPasswordHosts().forEach(h -> byHost.merge(h, 1, Integer::sum));
        assertThat(byHost).hasSize(105);
        assertThat(byHost).containsEntry("24.151.103.17", 157).containsEntry("34.204.227.175", 43);
        assertThat(byHost).containsEntry("49.4.143.105", 40);
        // 489 lines end a connection before authentication; 89 of them are the "Disconnected from H port P
        // [preauth]" after that connection's "Received disconnect from H port P:11: … [preauth]": 400 ends;
        // and sshd ended 189 connections at MaxAuthTries ("Disconnecting: Too many authentication failures
        // [preauth]" after each of the 189 "maximum authentication attempts exceeded" lines): 589
        assertThat(r.count(AuthKind.PREAUTH_DISCONNECT)).isEqualTo(589);
    }

    @Test
    void loghubLinuxOldPamFailuresCount() throws InterruptedException {
        Run r = run("syslog/loghub_Linux_2k.log");
        assertThat(r.lines()).isEqualTo(2000);
        assertThat(r.count(AuthKind.FAILED_PASSWORD)).isPositive().isLessThanOrEqualTo(490);
    }

    @Test
    void anInvalidUserAttemptCountsOnce() throws InterruptedException {
        AuthLineParser p = new AuthLineParser("t", Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
        List<AuthAttempt> out = new ArrayList<>();
        for (String l : List.of(
                "Feb 28 10:00:00 h sshd[7]: Invalid user bob from 203.0.113.9 port 4000",
                "Feb 28 10:00:01 h sshd[7]: Failed password for invalid user bob from 203.0.113.9 port 4000 ssh2",
                "Feb 28 10:00:03 h sshd[7]: Failed password for invalid user bob from 203.0.113.9 port 4000 ssh2",
                "Feb 28 10:00:04 h sshd-session[8]: message repeated 3 times: [ Failed password for root from 203.0.113.9 port 4001 ssh2]")) {
            byte[] b = l.getBytes(StandardCharsets.UTF_8);
            p.parse(b, 0, b.length, out::add);
        }
        assertThat(out)
                .extracting(AuthAttempt::kind)
                .containsExactly(
                        AuthKind.INVALID_USER,
                        AuthKind.INVALID_USER,
                        AuthKind.FAILED_PASSWORD,
                        AuthKind.FAILED_PASSWORD,
                        AuthKind.FAILED_PASSWORD);
        assertThat(out.get(0).time()).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
    }

    @Test
    void yearIsInferredAcrossNewYear() {
        YearGuess g = new YearGuess(Instant.parse("2026-01-02T00:30:00Z"), ZoneOffset.UTC);
        assertThat(g.resolve(12, 31, 23, 59, 59, ZoneOffset.UTC)).isEqualTo(Instant.parse("2025-12-31T23:59:59Z"));
        assertThat(g.resolve(1, 2, 0, 10, 0, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-01-02T00:10:00Z"));
        assertThat(g.resolve(1, 2, 20, 0, 0, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-01-02T20:00:00Z"));
        assertThat(g.resolve(2, 30, 0, 0, 0, ZoneOffset.UTC)).isNull();
    }
}
