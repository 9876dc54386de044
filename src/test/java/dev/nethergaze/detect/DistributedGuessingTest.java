package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Password guessing spread over many IPs, each below every per-IP threshold, then a password login
 * for the guessed user from an address new to it: {@code ssh_login_after_distributed_guessing}.
 */
class DistributedGuessingTest {

    private static final DetectSettings S = DetectSettings.defaults();
    private static final Instant T0 = Instant.parse("2026-03-10T00:00:00Z");
    private static final IpKey NEWCOMER = IpKey.parse("2001:db8:4::9");

    /**
     * {@code ips} addresses (IPv4 and IPv6 by turns, each IPv6 one in a /64 of its own: addresses of one
     * /64 are judged as one client too), each failing two passwords for root an hour apart.
     */
    private static List<AuthAttempt> campaign(int ips) {
        List<AuthAttempt> a = new ArrayList<>();
        for (int i = 0; i < ips; i++) {
            IpKey ip = IpKey.parse(i % 2 == 0 ? "198.51.100." + (10 + i) : "2001:db8:bad:" + (10 + i) + "::1");
            a.add(Samples.failed(ip, "root", T0.plusSeconds(600L * i)));
            a.add(Samples.failed(ip, "root", T0.plusSeconds(600L * i + 3600)));
        }
        return a;
    }

    private static List<String> rules(Detector d, IpKey ip) {
        return d.findings(ip).stream().map(Finding::rule).toList();
    }

    private static Instant after(List<AuthAttempt> a) {
        return a.getLast().time().plusSeconds(300);
    }

    @Test
    void aPasswordLoginForAUserTwelveIpsGuessedIsHighWithTheirLines() {
        List<AuthAttempt> a = campaign(12);
        Instant in = after(a);
        a.add(Samples.accepted(NEWCOMER, "password", "root", in));
        Detector d = Samples.run(S, a);

        Finding f = Samples.finding(d, NEWCOMER, SshLoginAfterGuessingRule.DISTRIBUTED_ID);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.reason())
                .isEqualTo("SSH login accepted (password for root) at " + in
                        + " after 24 failed passwords for this user from 12 other IPs in the 86400 s before it"
                        + " (threshold 10 IPs)");
        assertThat(f.observed()).isEqualTo(12);
        assertThat(f.threshold()).isEqualTo(10);
        assertThat(f.window()).isEqualTo(Duration.ofDays(1));
        assertThat(f.evidence()).hasSize(S.evidenceItems());
        assertThat(f.evidence().get(0))
                .isEqualTo(in + " sshd[2]: Accepted password for root from " + NEWCOMER + " port 50001 ssh2");
        assertThat(f.evidence().get(1))
                .isEqualTo("24 failed passwords for root from 12 other IPs in the 86400 s before it; the latest:");
        assertThat(f.evidence().subList(2, f.evidence().size()))
                .allSatisfy(e -> assertThat(e).contains("Failed password for root from"))
                .last()
                .satisfies(e -> assertThat(e).contains(a.get(a.size() - 2).ip().toString()));
        // the campaign's members stay below every per-IP rule, and only the newcomer is flagged
        assertThat(d.flagged()).containsExactly(NEWCOMER);
        assertThat(rules(d, NEWCOMER)).containsExactly(SshLoginAfterGuessingRule.DISTRIBUTED_ID);

        // it stays a day after the login, then ends
        d.catchUp(in.plusSeconds(2 * 86_400L));
        assertThat(rules(d, NEWCOMER)).isEmpty();
        assertThat(Samples.endedAt(d, NEWCOMER, SshLoginAfterGuessingRule.DISTRIBUTED_ID))
                .isEqualTo(in.plusSeconds(86_401));
    }

    @Test
    void nineOtherIpsAreNotEnough() {
        List<AuthAttempt> a = campaign(9);
        a.add(Samples.accepted(NEWCOMER, "password", "root", after(a)));
        assertThat(Samples.run(S, a).flagged()).isEmpty();
    }

    /** The accepting IP's own failures are the per-IP rules' business: ten others plus itself is ten. */
    @Test
    void theLoginsOwnFailuresDoNotCountAsOtherIps() {
        List<AuthAttempt> a = campaign(9);
        a.add(Samples.failed(NEWCOMER, "root", after(a)));
        a.add(Samples.accepted(NEWCOMER, "password", "root", after(a).plusSeconds(5)));
        assertThat(Samples.run(S, a).flagged()).isEmpty();
    }

    @Test
    void aKeyLoginIsNotAGuessedPassword() {
        List<AuthAttempt> a = campaign(12);
        a.add(Samples.accepted(NEWCOMER, "publickey", "root", after(a)));
        assertThat(Samples.run(S, a).flagged()).isEmpty();
    }

    @Test
    void theOwnersAddressIsNotNewsButANewAddressIs() {
        IpKey owner = IpKey.parse("192.0.2.10");
        List<AuthAttempt> a = new ArrayList<>();
        a.add(Samples.accepted(owner, "password", "root", T0.minusSeconds(60)));
        a.addAll(campaign(12));
        Instant in = after(a);
        a.add(Samples.accepted(owner, "password", "root", in));
        a.add(Samples.accepted(NEWCOMER, "keyboard-interactive/pam", "root", in.plusSeconds(60)));
        Detector d = Samples.run(S, a);
        assertThat(d.flagged()).containsExactly(NEWCOMER);
    }

    @Test
    void guessesOlderThanTheSlowWindowAndOtherUsersDoNotCount() {
        List<AuthAttempt> a = campaign(12);
        List<AuthAttempt> late = new ArrayList<>(a);
        late.add(Samples.accepted(NEWCOMER, "password", "root", after(a).plusSeconds(86_400)));
        assertThat(Samples.run(S, late).flagged()).isEmpty();

        List<AuthAttempt> other = new ArrayList<>(a);
        other.add(Samples.accepted(NEWCOMER, "password", "alice", after(a)));
        assertThat(Samples.run(S, other).flagged()).isEmpty();
    }

    /** Invalid users cannot log in: a spray of made-up names is not a guessed user. */
    @Test
    void invalidUsersAreNotKept() {
        GuessedUsers g = new GuessedUsers(S);
        for (int i = 0; i < 50; i++) {
            IpKey ip = IpKey.parse("198.51.100." + i);
            g.observe(new AuthAttempt("t", T0, ip, "pi", AuthKind.INVALID_USER, "Invalid user pi from " + ip));
        }
        assertThat(g.users()).isZero();
        AuthAttempt in = Samples.accepted(NEWCOMER, "password", "pi", T0.plusSeconds(5));
        assertThat(g.observe(in).guessing()).isNull();
    }

    /** Memory stays bounded: a spray over many real-looking user names keeps the most recent ones. */
    @Test
    void atMostMaxUsersAreKeptMostRecentFirst() {
        GuessedUsers g = new GuessedUsers(S);
        int n = GuessedUsers.MAX_USERS + 500;
        for (int i = 0; i < n; i++) {
            g.observe(Samples.failed(IpKey.parse("198.51.100.7"), "user" + i, T0.plusSeconds(i)));
        }
        assertThat(g.users()).isEqualTo(GuessedUsers.MAX_USERS);
        for (int i = 0; i < 11; i++) { // the newest name is still kept and counts its IPs
            g.observe(Samples.failed(IpKey.parse("203.0.113." + i), "user" + (n - 1), T0.plusSeconds(n + i)));
        }
        AuthAttempt in = g.observe(Samples.accepted(NEWCOMER, "password", "user" + (n - 1), T0.plusSeconds(n + 20L)));
        assertThat(in.guessing()).isNotNull();
        assertThat(in.guessing().ips()).isEqualTo(12);
    }
}
