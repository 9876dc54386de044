package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Distributed web password guessing: many IPs, each below the per-IP login rule. */
class HttpLoginSprayRuleTest {

    private static final DetectSettings S = DetectSettings.defaults(); // 20 IPs in 600 s
    private static final Instant T0 = Instant.parse("2026-12-05T03:00:00Z");

    private static IpKey bot(int i) {
        return IpKey.parse("198.51.100." + (i + 1));
    }

    private static HttpHit hit(Instant t, IpKey ip, String method, String target, int status) {
        return new HttpHit(
                "access.log", t, ip, ip, method, target, "HTTP/1.1", status, 512, "-", "Mozilla/5.0", "", false);
    }

    /** {@code n} IPs, one wp-login.php POST each, 5 s apart, answered with the form again (200). */
    private static List<HttpHit> round(int n, Instant start) {
        List<HttpHit> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(hit(start.plusSeconds(5L * i), bot(i), "POST", "/wp-login.php", 200));
        }
        return out;
    }

    private static Finding spray(Detector d, IpKey ip) {
        return d.findings(ip).stream()
                .filter(f -> f.rule().equals(HttpLoginSprayRule.ID))
                .findFirst()
                .orElse(null);
    }

    /**
     * 30 IPs with two attempts each, 10 minutes apart at most: every one is flagged (the first ones on
     * their second attempt), none by the per-IP rule (2 attempts, threshold 6).
     */
    @Test
    void manyIpsWithAFewAttemptsEachAreFlaggedTogether() {
        List<HttpHit> hits = new ArrayList<>(round(30, T0));
        hits.addAll(round(30, T0.plusSeconds(200)));
        Detector d = Samples.run(S, hits);
        for (int i = 0; i < 30; i++) {
            Finding f = spray(d, bot(i));
            assertThat(f).as("IP %d", i).isNotNull();
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(d.findings(bot(i))).extracting(Finding::rule).doesNotContain(HttpLoginRule.ID);
        }
        Finding last = spray(d, bot(29));
        assertThat(last.reason())
                .isEqualTo("2 web login attempt(s) in 600 s while 30 IPs failed to log in to this host's login"
                        + " pages (threshold 20 IPs): one of many addresses guessing passwords together");
        assertThat(last.evidence()).hasSize(2).allSatisfy(e -> assertThat(e).contains("/wp-login.php"));
    }

    /**
     * Below the count of IPs nothing fires; at the 20th IP the guess is found, and the 19 that failed
     * before it, once each, are flagged with it (before, only the IPs from the 20th on were, and the
     * first ones only if they tried again).
     */
    @Test
    void theThresholdIsACountOfIpsAndTheIpsBeforeItAreFlaggedWithIt() {
        Detector d = Samples.run(S, round(19, T0));
        for (int i = 0; i < 19; i++) {
            assertThat(spray(d, bot(i))).isNull();
        }
        d = Samples.run(S, round(20, T0));
        for (int i = 0; i < 20; i++) {
            Finding f = spray(d, bot(i));
            assertThat(f).as("IP %d", i).isNotNull();
            assertThat(f.reason()).startsWith("1 web login attempt(s) in 600 s while 20 IPs failed");
            assertThat(f.evidence()).singleElement().asString().contains("/wp-login.php");
        }
    }

    /**
     * A guess found, lost (the owners log in: the share of failures drops below 80 %) and found again:
     * the IPs that failed while it was lost are flagged when it is found again.
     */
    @Test
    void theIpsThatFailedWhileTheGuessWasLostAreFlaggedWhenItIsFoundAgain() {
        List<HttpHit> hits = new ArrayList<>(round(20, T0)); // found at the 20th
        for (int i = 0; i < 10; i++) {
            hits.add(hit(T0.plusSeconds(100 + i), user(i), "POST", "/wp-login.php", 302));
        }
        List<IpKey> whileLost = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // 25 of 35 answers failures: 71 %, no guess
            IpKey ip = IpKey.parse("203.0.113." + (60 + i));
            whileLost.add(ip);
            hits.add(hit(T0.plusSeconds(120 + i), ip, "POST", "/wp-login.php", 200));
        }
        for (int i = 0; i < 20; i++) { // 45 of 55: 82 %, found again
            hits.add(hit(T0.plusSeconds(130 + i), IpKey.parse("203.0.113." + (100 + i)), "POST", "/wp-login.php", 200));
        }
        Detector d = Samples.run(S, hits);
        for (IpKey ip : whileLost) {
            assertThat(spray(d, ip)).as(ip.toString()).isNotNull();
        }
        for (int i = 0; i < 10; i++) {
            assertThat(spray(d, user(i))).isNull();
        }
    }

    /**
     * An IP of an earlier guess (half an hour before, out of the window) that fails once before a new
     * guess is found is flagged with the new one, counted as the new one is.
     */
    @Test
    void anIpOfAnEarlierGuessIsFlaggedWithTheNextAsTheNextCounts() {
        List<HttpHit> hits = new ArrayList<>(round(30, T0));
        Instant later = T0.plusSeconds(1800);
        hits.add(hit(later, bot(0), "POST", "/wp-login.php", 200));
        for (int i = 0; i < 19; i++) {
            hits.add(hit(
                    later.plusSeconds(5L * (i + 1)),
                    IpKey.parse("203.0.113." + (120 + i)),
                    "POST",
                    "/wp-login.php",
                    200));
        }
        Detector d = Samples.run(S, hits);
        assertThat(spray(d, bot(0)))
                .isNotNull()
                .satisfies(
                        f -> assertThat(f.reason()).startsWith("1 web login attempt(s) in 600 s while 20 IPs failed"));
    }

    /**
     * An IP that failed twice before the guess was found counts both attempts; one whose attempt left
     * the window before, and one that logged in, are not flagged with it.
     */
    @Test
    void theIpsBeforeTheGuessCountTheirAttemptsInTheWindowOnly() {
        IpKey early = IpKey.parse("203.0.113.50");
        IpKey twice = IpKey.parse("203.0.113.51");
        IpKey owner = user(0);
        List<HttpHit> hits = new ArrayList<>();
        hits.add(hit(T0.minusSeconds(900), early, "POST", "/wp-login.php", 200)); // out of the 600 s window
        hits.add(hit(T0.minusSeconds(120), owner, "POST", "/wp-login.php", 302));
        hits.add(hit(T0.minusSeconds(60), twice, "POST", "/wp-login.php", 200));
        hits.add(hit(T0.minusSeconds(30), twice, "POST", "/wp-login.php", 200));
        hits.addAll(round(20, T0));
        Detector d = Samples.run(S, hits);
        assertThat(spray(d, twice))
                .isNotNull()
                .satisfies(
                        f -> assertThat(f.reason()).startsWith("2 web login attempt(s) in 600 s while 20 IPs failed"));
        assertThat(spray(d, early)).isNull();
        assertThat(spray(d, owner)).isNull();
        assertThat(spray(d, bot(0))).isNotNull();
    }

    /**
     * A busy site's own users: 30 IPs fail (the form again) while 200 others log in (redirects) in the
     * same ten minutes: 13 % failures, no guess.
     */
    @Test
    void aBusySitesOwnFailuresAreNoSpray() {
        List<HttpHit> hits = new ArrayList<>(round(30, T0));
        for (int i = 0; i < 200; i++) {
            IpKey user = user(i);
            hits.add(hit(T0.plusSeconds(i), user, "POST", "/wp-login.php", 302));
        }
        hits.sort(java.util.Comparator.comparing(HttpHit::time));
        Detector d = Samples.run(S, hits);
        for (int i = 0; i < 30; i++) {
            assertThat(spray(d, bot(i))).as("IP %d", i).isNull();
        }
    }

    private static IpKey user(int i) {
        return IpKey.parse("2001:db8:1::" + Integer.toHexString(i + 1));
    }

    /** An IP that logged in is a user's: its failures during a guess are typos, not part of it. */
    @Test
    void anIpThatLoggedInIsNotFlagged() {
        IpKey owner = user(0);
        List<HttpHit> hits = new ArrayList<>();
        hits.add(hit(T0.minusSeconds(60), owner, "POST", "/wp-login.php", 302));
        hits.addAll(round(30, T0));
        hits.add(hit(T0.plusSeconds(160), owner, "POST", "/wp-login.php", 200));
        hits.addAll(round(30, T0.plusSeconds(200)));
        hits.add(hit(T0.plusSeconds(360), owner, "POST", "/wp-login.php", 200));
        Detector d = Samples.run(S, hits);
        assertThat(spray(d, owner)).isNull();
        assertThat(spray(d, bot(29))).isNotNull();
    }

    /**
     * What says nothing of a password is no attempt: a GET of the form, a POST elsewhere, a login page
     * that is not there (404) or failing (500), a 401 of an API (a token run out); nor are IPs further
     * apart than the window.
     */
    @Test
    void answersThatSayNothingOfAPasswordAndSpreadOutFailuresAreNoSpray() {
        List<HttpHit> hits = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            hits.add(hit(T0.plusSeconds(i), bot(i), "GET", "/wp-login.php", 200));
            hits.add(hit(T0.plusSeconds(i), bot(i), "POST", "/comments", 200));
            hits.add(hit(T0.plusSeconds(i), bot(i), "POST", "/wp-login.php", 404));
            hits.add(hit(T0.plusSeconds(i), bot(i), "POST", "/user/login", 500));
            hits.add(hit(T0.plusSeconds(i), bot(i), "GET", "/api/v1/items", 401));
            hits.add(hit(T0.plusSeconds(i), bot(i), "POST", "/login", 200)); // a JSON login may answer 200
        }
        for (int i = 0; i < 40; i++) { // one failure each, 40 s apart: at most 16 IPs in any 600 s
            hits.add(hit(T0.plusSeconds(100 + 40L * i), bot(i), "POST", "/wp-login.php", 401));
        }
        Detector d = Samples.run(S, hits);
        for (int i = 0; i < 40; i++) {
            assertThat(spray(d, bot(i))).as("IP %d", i).isNull();
        }
    }

    /** Allowlisted IPs do not count, and 0 IPs turns the rule off. */
    @Test
    void allowlistedIpsDoNotCountAndZeroIsOff() {
        LoginSpray spray = new LoginSpray(S, new LoginPages(List.of()), Allowlist.parse(List.of("198.51.100.0/28")));
        for (HttpHit h : round(30, T0)) {
            spray.observe(h);
        }
        // 30 IPs tried, 15 of them (.1-.15 in the /28, .0 not used) allowlisted: 15 counted
        assertThat(spray.observe(hit(T0.plusSeconds(200), bot(29), "POST", "/wp-login.php", 401))
                        .loginSpray())
                .isZero();
        DetectSettings off =
                Samples.withLogins(S, S.http().loginAttempts(), S.http().loginPaths(), 0);
        List<HttpHit> hits = new ArrayList<>(round(30, T0));
        hits.addAll(round(30, T0.plusSeconds(200)));
        Detector d = Samples.run(off, hits);
        assertThat(spray(d, bot(29))).isNull();
    }
}
