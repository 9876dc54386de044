package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.PastFinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An attacker who takes a new address of its IPv6 /64 for every login stays below every per-address
 * threshold; judged per prefix too, the /64 is flagged, on the host's findings and on each of its
 * addresses, and the episode stays on them as an earlier finding when it ends.
 */
class V6PrefixTest {

    private static final DetectSettings S = DetectSettings.defaults();
    private static final Instant T0 = Instant.parse("2025-03-10T03:00:00Z");
    private static final String PREFIX = "2001:db8:bad:1::/64";

    private static IpKey member(int i) {
        return IpKey.parse("2001:db8:bad:1:" + Integer.toHexString(0x1000 + i) + "::" + Integer.toHexString(i + 1));
    }

    /** One failed password from each of {@code n} addresses made by {@code ip}, a second apart, judged as they come. */
    private static Detector rotate(DetectSettings s, int n, java.util.function.IntFunction<IpKey> ip) {
        Detector d = new Detector(s, Allowlist.EMPTY, 10_000);
        for (int i = 0; i < n; i++) {
            AuthAttempt a = Samples.failed(ip.apply(i), "root", T0.plusSeconds(i));
            d.observe(a);
            d.evaluate(a.time());
        }
        d.evaluate(T0.plusSeconds(n)); // the addresses judged again after the prefix was found
        return d;
    }

    private static List<String> rules(Detector d, IpKey ip) {
        return d.findings(ip).stream().map(Finding::rule).toList();
    }

    @Test
    void oneLoginPerAddressOfOneSlash64IsOneBruteForce() {
        Detector d = rotate(S, 12, V6PrefixTest::member);
        Finding f = d.hostFindings().stream()
                .filter(x -> x.rule().equals(SshBruteForceRule.ID + Detector.PREFIX))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no prefix finding: " + d.hostFindings()));
        assertThat(f.subject()).isEqualTo(PREFIX);
        // the prefix's track starts with its second address, seeded with the first one's failure
        assertThat(f.observed()).isEqualTo(12);
        assertThat(f.reason()).endsWith(", from 12 addresses of " + PREFIX);
        assertThat(f.evidence())
                .anySatisfy(line -> assertThat(line).contains(member(11).toString()));
        for (int i = 0; i < 12; i++) {
            assertThat(rules(d, member(i)))
                    .as("address %d: below the per-address threshold, flagged with its prefix", i)
                    .containsExactly(SshBruteForceRule.ID + Detector.PREFIX);
        }
    }

    @Test
    void addressesOfOtherSlash64sOrIpv4AreNotOneClient() {
        Detector d = rotate(S, 12, i -> IpKey.parse("2001:db8:bad:" + Integer.toHexString(i + 1) + "::1"));
        assertThat(d.hostFindings()).isEmpty();
        assertThat(rules(d, IpKey.parse("2001:db8:bad:1::1"))).isEmpty();
        Detector v4 = rotate(S, 12, i -> IpKey.parse("198.51.100." + (i + 1)));
        assertThat(v4.hostFindings()).isEmpty();
    }

    @Test
    void aShorterPrefixIsConfigurableAnd128TurnsItOff() {
        DetectSettings slash56 =
                new DetectSettings(S.evidenceItems(), S.syn(), S.http(), S.ssh(), S.conn(), S.wire(), 56);
        Detector d = rotate(slash56, 12, i -> IpKey.parse("2001:db8:bad:" + Integer.toHexString(i + 1) + "::1"));
        assertThat(d.hostFindings()).extracting(Finding::subject).containsExactly("2001:db8:bad::/56");
        DetectSettings off = new DetectSettings(S.evidenceItems(), S.syn(), S.http(), S.ssh(), S.conn(), S.wire(), 128);
        Detector none = rotate(off, 12, V6PrefixTest::member);
        assertThat(none.hostFindings()).isEmpty();
        assertThat(rules(none, member(0))).isEmpty();
    }

    @Test
    void whenTheFastGuessingStopsItsEpisodeEndsOnTheAddressesToo() {
        Detector d = rotate(S, 12, V6PrefixTest::member);
        Instant later = T0.plusSeconds(S.ssh().windowSeconds() + 60);
        d.evaluate(later);
        // the brute-force window is over; its failures came at the brute-force rate, so the day-long
        // window holds no slow guessing either: the episode has ended (not turned into "slow guessing")
        assertThat(d.hostFindings()).isEmpty();
        d.evaluate(later.plusSeconds(1)); // the addresses, judged again, follow their prefix
        assertThat(rules(d, member(3))).isEmpty();
        List<String> ended = new ArrayList<>();
        for (PastFinding p : d.earlier(member(3), Instant.MAX)) {
            ended.add(p.finding().rule() + " " + p.finding().subject());
        }
        assertThat(ended).containsExactly(SshBruteForceRule.ID + Detector.PREFIX + " " + PREFIX);
    }

    @Test
    void aProbeFromEachAddressIsAlsoTheSlash64s() {
        List<dev.nethergaze.model.HttpHit> hits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hits.add(Samples.hit(member(i) + " - - [10/Mar/2025:03:00:0" + i
                    + " +0000] \"GET /.env HTTP/1.1\" 404 153 \"-\" \"curl/8\""));
        }
        Detector d = Samples.run(S, hits);
        assertThat(rules(d, member(2))).contains(ExploitProbeRule.ID, ExploitProbeRule.ID + Detector.PREFIX);
        assertThat(d.hostFindings())
                .extracting(Finding::reason)
                .singleElement()
                .asString()
                .endsWith(", from 3 addresses of " + PREFIX);
    }

    private static dev.nethergaze.model.HttpHit get(String ip, int second, String path, int status) {
        return Samples.hit(ip + " - - [05/Dec/2026:22:00:" + String.format("%02d", second) + " +0000] \"GET " + path
                + " HTTP/1.1\" " + status + " 1 \"-\" \"curl/8\"");
    }

    /**
     * Three visitors fetch "/" and a fourth address of their /64 probes for .env: the probe is that
     * address's finding alone; the prefix adds nothing (before, exploit_prefix "from 4 addresses" made
     * all four critical, with the /64 where the client goes in the evidence).
     */
    @Test
    void oneAddressAloneDoesNotFlagItsNeighbours() {
        Detector d = Samples.run(
                S,
                List.of(
                        get("2001:db8:bad::5", 0, "/", 200),
                        get("2001:db8:bad::7", 0, "/", 200),
                        get("2001:db8:bad::8", 0, "/", 200),
                        get("2001:db8:bad::6", 1, "/.env", 404)));
        assertThat(d.hostFindings()).isEmpty();
        assertThat(rules(d, IpKey.parse("2001:db8:bad::6"))).containsExactly(ExploitProbeRule.ID);
        for (String quiet : List.of("2001:db8:bad::5", "2001:db8:bad::7", "2001:db8:bad::8")) {
            assertThat(rules(d, IpKey.parse(quiet))).as(quiet).isEmpty();
        }
    }

    /**
     * Two addresses probe, a third only visits: the prefix's finding counts the two that probed, its
     * evidence names the address of each request (not the prefix), and it is on those two only.
     */
    @Test
    void aPrefixFindingCountsAndNamesTheAddressesThatTookPart() {
        Detector d = Samples.run(
                S,
                List.of(
                        get("2001:db8:bad::5", 0, "/", 200),
                        get("2001:db8:bad::6", 1, "/.env", 404),
                        get("2001:db8:bad::9", 2, "/.git/config", 404),
                        get("2001:db8:bad::5", 3, "/style.css", 200)));
        Finding f = d.hostFindings().stream()
                .filter(x -> x.rule().equals(ExploitProbeRule.ID + Detector.PREFIX))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no prefix finding: " + d.hostFindings()));
        assertThat(f.reason()).endsWith(", from 2 addresses of 2001:db8:bad::/64");
        assertThat(f.evidence()).hasSize(2);
        assertThat(f.evidence().get(0)).startsWith("2026-12-05T22:00:01Z 2001:db8:bad::6 \"GET /.env");
        assertThat(f.evidence().get(1)).startsWith("2026-12-05T22:00:02Z 2001:db8:bad::9 \"GET /.git/config");
        assertThat(rules(d, IpKey.parse("2001:db8:bad::6"))).contains(ExploitProbeRule.ID + Detector.PREFIX);
        assertThat(rules(d, IpKey.parse("2001:db8:bad::9"))).contains(ExploitProbeRule.ID + Detector.PREFIX);
        assertThat(rules(d, IpKey.parse("2001:db8:bad::5")))
                .as("it only visited")
                .isEmpty();
    }

    /**
     * Six failures from two addresses (three each), a key login from a third, a fourth only browsing:
     * the brute force is from 2 addresses, and only those two carry it; the login after the guessing
     * is on the three that guessed or logged in.
     */
    @Test
    void aGuessSpreadOverTwoAddressesNamesThoseTwo() {
        List<dev.nethergaze.model.SourceEvent> events = new ArrayList<>();
        // the prefix's first address, browsing
        events.add(Samples.hit(
                "2001:db8:bad::8 - - [10/Mar/2025:02:59:59 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"curl/8\""));
        for (int i = 0; i < 3; i++) {
            events.add(Samples.failed(IpKey.parse("2001:db8:bad::5"), "root", T0.plusSeconds(10 + i)));
            events.add(Samples.failed(IpKey.parse("2001:db8:bad::6"), "root", T0.plusSeconds(20 + i)));
        }
        events.add(Samples.accepted(IpKey.parse("2001:db8:bad::7"), "publickey", "root", T0.plusSeconds(30)));
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        for (dev.nethergaze.model.SourceEvent e : events) {
            d.observe(e);
        }
        d.evaluate(T0.plusSeconds(31));
        String brute = SshBruteForceRule.ID + Detector.PREFIX;
        String login = SshLoginAfterGuessingRule.ID + Detector.PREFIX;
        assertThat(d.hostFindings()).extracting(Finding::rule).containsExactlyInAnyOrder(brute, login);
        Finding f = d.hostFindings().stream()
                .filter(x -> x.rule().equals(brute))
                .findFirst()
                .orElseThrow();
        assertThat(f.reason()).endsWith("; 1 accepted, from 2 addresses of 2001:db8:bad::/64");
        assertThat(rules(d, IpKey.parse("2001:db8:bad::5"))).containsExactlyInAnyOrder(brute, login);
        assertThat(rules(d, IpKey.parse("2001:db8:bad::6"))).containsExactlyInAnyOrder(brute, login);
        assertThat(rules(d, IpKey.parse("2001:db8:bad::7"))).containsExactly(login);
        assertThat(rules(d, IpKey.parse("2001:db8:bad::8"))).isEmpty();
    }

    /**
     * Nethergaze sees the first address guess alone (three failures, below every threshold), then a
     * second one (three more), then a key login from a third, judged as they come: the /64's track,
     * made with the second address, starts with the first one's failures, so the six make a brute
     * force and the login one after guessing (before, the first three were not on it: neither fired).
     */
    @Test
    void theFirstAddressesEventsAreOnThePrefixesTrack() {
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        List<AuthAttempt> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(Samples.failed(IpKey.parse("2001:db8:bad::5"), "root", T0.plusSeconds(i)));
        }
        for (int i = 0; i < 3; i++) {
            events.add(Samples.failed(IpKey.parse("2001:db8:bad::6"), "root", T0.plusSeconds(20 + i)));
        }
        events.add(Samples.accepted(IpKey.parse("2001:db8:bad::7"), "publickey", "root", T0.plusSeconds(32)));
        for (AuthAttempt a : events) {
            d.observe(a);
            d.evaluate(a.time());
        }
        Finding brute = d.hostFindings().stream()
                .filter(x -> x.rule().equals(SshBruteForceRule.ID + Detector.PREFIX))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no prefix brute force: " + d.hostFindings()));
        assertThat(brute.observed()).isEqualTo(6);
        assertThat(brute.reason()).endsWith(", from 2 addresses of 2001:db8:bad::/64");
        assertThat(brute.evidence()).anySatisfy(l -> assertThat(l).contains("from 2001:db8:bad::5 "));
        Finding login =
                Samples.finding(d, IpKey.parse("2001:db8:bad::7"), SshLoginAfterGuessingRule.ID + Detector.PREFIX);
        assertThat(login.reason()).contains("after 6 failed SSH logins in the 600 s before it");
    }

    /** What a lone address keeps for its prefix is bounded: its latest SSH attempts, not all. */
    @Test
    void theSeedIsBounded() {
        V6Prefixes p = new V6Prefixes(64, 100);
        IpKey first = IpKey.parse("2001:db8:bad::5");
        for (int i = 0; i < 100; i++) {
            AuthAttempt a = Samples.failed(first, "root", T0.plusSeconds(i));
            assertThat(p.feed(first, a.time(), a)).isNull();
        }
        AuthAttempt second = Samples.failed(IpKey.parse("2001:db8:bad::6"), "root", T0.plusSeconds(100));
        assertThat(p.feed(second.ip(), second.time(), second)).isNotNull();
        List<dev.nethergaze.model.SourceEvent> seed = p.takeSeed();
        assertThat(seed).hasSize(V6Prefixes.SEED_AUTH);
        assertThat(seed.getLast().time()).isEqualTo(T0.plusSeconds(99));
        assertThat(p.takeSeed()).isEmpty();
    }
}
