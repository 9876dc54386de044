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
        // the prefix's track starts with its second address: 11 of the 12 failures are on it
        assertThat(f.observed()).isEqualTo(11);
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
        for (PastFinding p : d.earlier(member(3))) {
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
}
