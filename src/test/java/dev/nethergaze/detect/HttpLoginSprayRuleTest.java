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
                .isEqualTo("2 web login attempts in 600 s while 30 IPs failed to log in to this host's login"
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
            assertThat(f.reason()).startsWith("1 web login attempt in 600 s while 20 IPs failed");
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
                .satisfies(f -> assertThat(f.reason()).startsWith("1 web login attempt in 600 s while 20 IPs failed"));
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
                .satisfies(f -> assertThat(f.reason()).startsWith("2 web login attempts in 600 s while 20 IPs failed"));
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

    private static boolean ended(Detector d, IpKey ip, String rule) {
        return d.earlier(ip, Instant.MAX).stream()
                .anyMatch(p -> p.finding().rule().equals(rule));
    }

    private static Finding slowSpray(Detector d, IpKey ip) {
        return d.findings(ip).stream()
                .filter(f -> f.rule().equals(HttpLoginSprayRule.SLOW_ID))
                .findFirst()
                .orElse(null);
    }

    /** {@code n} IPs, one failed wp-login.php POST each, {@code gap} seconds apart. */
    private static List<HttpHit> spread(int n, Instant start, long gap) {
        List<HttpHit> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(hit(start.plusSeconds(gap * i), bot2(i), "POST", "/wp-login.php", 200));
        }
        return out;
    }

    private static IpKey bot2(int i) {
        return IpKey.parse("203.0.113." + (i + 1));
    }

    /**
     * A guess spread thin: 60 IPs over a day, one failed login each, 24 minutes apart (at most one
     * in any ten minutes): below every per-IP rule and the fast spray's 20 IPs in 600 s; the slow
     * spray finds it at its 50th IP and flags all 50 (the 49 before with it), then each after.
     */
    @Test
    void aGuessSpreadOverADayIsASlowSpray() {
        Detector d = Samples.run(S, spread(60, T0, 1440));
        for (int i = 0; i < 60; i++) {
            assertThat(spray(d, bot2(i))).as("IP %d", i).isNull();
            assertThat(d.findings(bot2(i))).extracting(Finding::rule).doesNotContain(HttpLoginRule.ID);
        }
        Detector at49 = Samples.run(S, spread(49, T0, 1440));
        assertThat(slowSpray(at49, bot2(0))).isNull();
        for (int i = 0; i < 50; i++) { // the 50th IP found it at +19.6 h: every IP is still in the day
            Finding f = slowSpray(Samples.run(S, spread(50, T0, 1440)), bot2(i));
            assertThat(f).as("IP %d", i).isNotNull();
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        }
        Finding last = slowSpray(d, bot2(59));
        assertThat(last.reason())
                .isEqualTo("1 web login attempt in 86400 s while 60 IPs failed to log in to this host's login"
                        + " pages (threshold 50 IPs): one of many addresses guessing passwords together, slowly");
        assertThat(last.evidence()).singleElement().satisfies(e -> assertThat(e).contains("/wp-login.php"));
    }

    /**
     * A site whose own users log in all day (redirects, 3 in 4 answers): 60 IPs failing over the day
     * are its users' typos, no guess; and IPs that fail while a fast guess is on get that finding only.
     */
    @Test
    void aSlowSprayNeedsMostlyFailuresAndDoesNotDoubleAFastOne() {
        List<HttpHit> hits = new ArrayList<>(spread(60, T0, 1440));
        for (int i = 0; i < 180; i++) {
            hits.add(hit(T0.plusSeconds(480L * i + 1), user(i), "POST", "/wp-login.php", 302));
        }
        hits.sort(java.util.Comparator.comparing(HttpHit::time));
        Detector d = Samples.run(S, hits);
        for (int i = 0; i < 60; i++) {
            assertThat(slowSpray(d, bot2(i))).as("IP %d", i).isNull();
        }
        List<HttpHit> both = new ArrayList<>(spread(60, T0, 1440));
        both.addAll(round(30, T0.plusSeconds(90_000)));
        both.addAll(round(30, T0.plusSeconds(90_200)));
        Detector d2 = Samples.run(S, both);
        for (int i = 0; i < 30; i++) {
            assertThat(spray(d2, bot(i))).as("IP %d", i).isNotNull();
        }
        for (int i = 19; i < 30; i++) { // the first 19 failed while only the slow guess was on: part of it
            assertThat(slowSpray(d2, bot(i))).as("IP %d", i).isNull();
        }
        assertThat(slowSpray(d2, bot(0))).isNotNull();
    }

    /**
     * The real Plone log's login bots (346 addresses failing at /login_form over six days, 60 to 86 a
     * day, at most 21 attempts each; awk in the comment below): every one of them is part of the slow
     * guess, none of a fast one (at most 10 attempts in any hour).
     * {@code awk '$6=="\"POST" && $7=="/login_form" {print $1}' FILE | sort -u | wc -l} gives 346.
     */
    @Test
    void thePloneLogsDistributedGuessIsFound() {
        java.nio.file.Path log =
                java.nio.file.Path.of("../shared/testdata/accesslog/combined/drill_hackers-access_basjes.log");
        List<HttpHit> hits = Samples.hits(log);
        java.util.Set<IpKey> failing = new java.util.HashSet<>();
        for (HttpHit h : hits) {
            if (h.method().equals("POST") && h.target().equals("/login_form")) {
                failing.add(h.client());
            }
        }
        assertThat(failing).hasSize(346);
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        for (HttpHit h : hits) { // judged as it goes, as the engine does: a day-long log's tracks are swept
            d.observe(h);
            d.evaluate(h.time());
        }
        long slow = failing.stream()
                .filter(ip -> slowSpray(d, ip) != null || ended(d, ip, HttpLoginSprayRule.SLOW_ID))
                .count();
        long fast = failing.stream()
                .filter(ip -> spray(d, ip) != null || ended(d, ip, HttpLoginSprayRule.ID))
                .count();
        assertThat(slow).isEqualTo(346);
        assertThat(fast).isZero();
    }
}
