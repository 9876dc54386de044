package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SSH rules on the crowdsec and fail2ban samples, and on people who merely mistype once. */
class AuthRulesTest {

    private static final DetectSettings S = DetectSettings.defaults();

    private static List<String> rules(Detector d, IpKey ip) {
        return d.findings(ip).stream().map(Finding::rule).toList();
    }

    /** One sentence per count serves every IP, but not one whose sentence also says its accepted logins. */
    @Test
    void aBruteForcesReasonSaysItsOwnAcceptedLoginsWhereAnotherIpHasTheSameCount() {
        IpKey plain = IpKey.parse("203.0.113.1");
        IpKey inside = IpKey.parse("203.0.113.2");
        Instant t0 = Instant.parse("2025-03-10T10:00:00Z");
        List<AuthAttempt> events = new ArrayList<>();
        events.add(Samples.accepted(inside, "password", "ops", t0));
        for (int i = 0; i < 6; i++) {
            events.add(Samples.failed(plain, "root", t0.plusSeconds(1 + i)));
            events.add(Samples.failed(inside, "root", t0.plusSeconds(1 + i)));
        }
        Detector d = Samples.run(S, events);
        assertThat(Samples.finding(d, plain, SshBruteForceRule.ID).reason())
                .isEqualTo("6 failed SSH logins in 600 s (threshold 5)");
        assertThat(Samples.finding(d, inside, SshBruteForceRule.ID).reason())
                .isEqualTo("6 failed SSH logins in 600 s (threshold 5); 1 accepted");
    }

    @Test
    void crowdsecInvalidUserBurstIsBruteForceAndSpray() {
        List<AuthAttempt> a = Samples.sshd(TestData.path("authlog/crowdsec/ssh-bf.log"), 2024);
        assertThat(a).hasSize(6);
        Detector d = Samples.run(S, a);
        IpKey ip = IpKey.parse("35.188.49.176");
        assertThat(rules(d, ip)).contains(SshBruteForceRule.ID, SshUserSprayRule.ID);
        Finding spray = d.findings(ip).stream()
                .filter(f -> f.rule().equals(SshUserSprayRule.ID))
                .findFirst()
                .orElseThrow();
        assertThat(spray.reason())
                .startsWith("6 distinct invalid SSH user names")
                .contains("pascal, pascal1");
        assertThat(spray.evidence())
                .hasSize(S.evidenceItems())
                .allSatisfy(e -> assertThat(e).contains("Invalid user pascal").contains("35.188.49.176"));
    }

    /**
     * CrowdSec's bad-key-exchange sample: three IPs, each with 6 or 7 "Unable to negotiate" within one
     * second. No login was ever tried, so no failed-login rule sees them; the handshake rule does, with
     * the lines. Four such lines (a stray old client) stay below the default threshold of 5.
     */
    @Test
    void repeatedFailedHandshakesAreFlaggedButNotCountedAsLogins() {
        List<AuthAttempt> all = Samples.sshd(TestData.path("authlog/crowdsec/sshd-bad-keyexchange-bf.log"), 2024);
        assertThat(all).hasSize(19).allMatch(x -> x.kind() == AuthKind.NEGOTIATION_FAILURE);
        IpKey ip = IpKey.parse("123.57.135.134");
        List<AuthAttempt> a = all.stream().filter(x -> x.ip().equals(ip)).toList();
        assertThat(a).hasSize(6);
        for (String other : List.of("206.189.59.169", "123.123.123.123")) { // a month apart: each on its own
            IpKey o = IpKey.parse(other);
            assertThat(rules(
                            Samples.run(
                                    S,
                                    all.stream().filter(x -> x.ip().equals(o)).toList()),
                            o))
                    .containsExactly(SshHandshakeRule.ID);
        }
        Detector d = Samples.run(S, a);
        assertThat(rules(d, ip)).containsExactly(SshHandshakeRule.ID);
        Finding f = d.findings(ip).getFirst();
        assertThat(f.observed()).isEqualTo(6);
        assertThat(f.reason()).startsWith("6 failed SSH handshakes in 600 s (threshold 5)");
        // the sample's six lines are the same line (one pid, port and second): evidence once, with its count
        assertThat(f.evidence())
                .singleElement()
                .satisfies(e -> assertThat(e)
                        .contains("Unable to negotiate with 123.57.135.134 port 45626")
                        .endsWith(" (×6)"));

        assertThat(rules(Samples.run(S, a.subList(0, 4)), ip)).isEmpty();
        assertThat(rules(Samples.run(S, a.subList(0, 5)), ip)).containsExactly(SshHandshakeRule.ID);
    }

    @Test
    void crowdsecSlowSampleIsCaughtAndStretchedItIsSlowGuessing() {
        List<AuthAttempt> a = Samples.sshd(TestData.path("authlog/crowdsec/ssh-slow-bf.log"), 2024);
        assertThat(a).hasSize(22);
        IpKey ip = IpKey.parse("103.100.210.198");
        assertThat(rules(Samples.run(S, a), ip)).contains(SshBruteForceRule.ID);
        // the same real lines, one every 15 minutes: never 5 in 10 minutes, 12 within a day
        List<AuthAttempt> slow = new ArrayList<>();
        Instant t0 = a.getFirst().time();
        for (int i = 0; i < 12; i++) {
            AuthAttempt x = a.get(i);
            slow.add(new AuthAttempt(x.source(), t0.plusSeconds(900L * i), x.ip(), x.user(), x.kind(), x.line()));
        }
        Detector d = Samples.run(S, slow);
        assertThat(rules(d, ip)).containsExactly(SshSlowGuessRule.ID);
        assertThat(d.findings(ip).getFirst().observed()).isEqualTo(12);
        // the sample repeats one message: each line's time is what shows the pace (one every 15 minutes)
        List<String> evidence = d.findings(ip).getFirst().evidence();
        assertThat(evidence).allSatisfy(e -> assertThat(e).contains("Invalid user hadoop from 103.100.210.198"));
        assertThat(evidence.getLast()).startsWith(t0.plusSeconds(900L * 11) + " ");
        assertThat(evidence.get(evidence.size() - 2)).startsWith(t0.plusSeconds(900L * 10) + " ");
    }

    @Test
    void fail2banAnnotatedFailuresFlagTheHostsWithManyAttempts() {
        List<AuthAttempt> a = Samples.fail2banFailures(TestData.path("authlog/fail2ban/sshd.log"));
        assertThat(a).hasSizeGreaterThan(50);
        DetectSettings wide = new DetectSettings(
                5,
                S.syn(),
                S.http(),
                new DetectSettings.Ssh(5, Integer.MAX_VALUE / 2, 3, Integer.MAX_VALUE / 2, 10, 86_400, 5, 10),
                S.conn(),
                S.wire(),
                S.ipv6Prefix());
        // fail2ban's samples span years (it assumes 2005 for year-less stamps): one wide window,
        // each line judged at its own time as it arrives
        Detector d = new Detector(wide, Allowlist.EMPTY, 10_000);
        java.util.Set<IpKey> flagged = new java.util.HashSet<>();
        for (AuthAttempt x : a) {
            d.observe(x);
            d.evaluate(x.time());
            if (rules(d, x.ip()).contains(SshBruteForceRule.ID)) {
                flagged.add(x.ip());
            }
        }
        java.util.Map<IpKey, Long> perIp = new java.util.HashMap<>();
        a.forEach(x -> perIp.merge(x.ip(), 1L, Long::sum));
        for (var e : perIp.entrySet()) {
            assertThat(flagged.contains(e.getKey()))
                    .as("%s with %d failures", e.getKey(), e.getValue())
                    .isEqualTo(e.getValue() >= 5);
        }
        assertThat(flagged).isNotEmpty();
    }

    @Test
    void successfulLoginsAreNotFlagged() {
        List<AuthAttempt> a = Samples.sshd(TestData.path("authlog/crowdsec/sshd-success-logs.log"), 2024);
        assertThat(a).isNotEmpty().allSatisfy(x -> assertThat(x.kind()).isEqualTo(AuthKind.ACCEPTED));
        Detector d = Samples.run(S, a);
        assertThat(d.flagged()).isEmpty();
    }

    /** The owner mistypes a password once (or twice) and gets in: nothing to see. */
    @Test
    void ownerMistypingOnceIsNotFlagged() {
        IpKey ip = IpKey.parse("2001:db8:1:2::10");
        Instant t = Instant.parse("2026-11-22T08:00:00Z");
        List<AuthAttempt> a = List.of(
                new AuthAttempt(
                        "t",
                        t,
                        ip,
                        "alice",
                        AuthKind.FAILED_PASSWORD,
                        "sshd[1]: Failed password for alice from 2001:db8:1:2::10 port 50000 ssh2"),
                new AuthAttempt(
                        "t",
                        t.plusSeconds(5),
                        ip,
                        "alice",
                        AuthKind.FAILED_PASSWORD,
                        "sshd[1]: Failed password for alice from 2001:db8:1:2::10 port 50000 ssh2"),
                new AuthAttempt(
                        "t",
                        t.plusSeconds(9),
                        ip,
                        "alice",
                        AuthKind.ACCEPTED,
                        "sshd[1]: Accepted password for alice from 2001:db8:1:2::10 port 50000 ssh2"));
        assertThat(Samples.run(S, a).findings(ip)).isEmpty();
    }

    private static Finding spray(Detector d, IpKey ip) {
        return d.findings(ip).stream()
                .filter(f -> f.rule().equals(SshUserSprayRule.ID))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no spray finding for " + ip + ": " + d.findings(ip)));
    }

    /** Judged after every attempt, the spray sentence follows each new name and each expiry. */
    @Test
    void spraySentenceFollowsNewNamesAndExpiry() {
        IpKey ip = IpKey.parse("203.0.113.66");
        Instant t0 = Instant.parse("2026-12-04T05:00:00Z");
        int window = S.ssh().sprayWindowSeconds();
        int threshold = S.ssh().invalidUsers();
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        List<String> tried = new java.util.ArrayList<>();
        for (int i = 0; i < threshold + 4; i++) {
            String user = "u" + i;
            tried.add(user);
            Instant t = t0.plusSeconds(i);
            d.observe(new AuthAttempt(
                    "t", t, ip, user, AuthKind.INVALID_USER, "sshd[9]: Invalid user " + user + " from 203.0.113.66"));
            d.evaluate(t);
            if (tried.size() >= threshold) {
                String names = String.join(", ", tried.subList(0, Math.min(8, tried.size())));
                assertThat(spray(d, ip).reason())
                        .startsWith(tried.size() + " distinct invalid SSH user names")
                        .contains(names);
            }
        }
        // the first two names leave the window: the count and the names shown follow
        d.evaluate(t0.plusSeconds(window + 2L));
        int left = tried.size() - 2;
        if (left >= threshold) {
            assertThat(spray(d, ip).reason())
                    .startsWith(left + " distinct invalid SSH user names")
                    .contains(String.join(", ", tried.subList(2, Math.min(10, tried.size()))))
                    .doesNotContain("u0,", "u1,");
            // one more name leaves as a new one arrives: the same count, other names
            Instant t = t0.plusSeconds(window + 3L);
            d.observe(new AuthAttempt(
                    "t", t, ip, "zed", AuthKind.INVALID_USER, "sshd[9]: Invalid user zed from 203.0.113.66"));
            d.evaluate(t);
            assertThat(spray(d, ip).reason())
                    .startsWith(left + " distinct invalid SSH user names")
                    .contains("zed")
                    .doesNotContain("u2,");
        } else {
            assertThat(rules(d, ip)).doesNotContain(SshUserSprayRule.ID);
        }
    }

    @Test
    void bruteForceExpiresWithItsWindow() {
        List<AuthAttempt> a = Samples.sshd(TestData.path("authlog/crowdsec/ssh-bf.log"), 2024);
        Detector d = Samples.run(S, a);
        IpKey ip = IpKey.parse("35.188.49.176");
        d.evaluate(a.getLast().time().plusSeconds(S.ssh().windowSeconds() + 60L));
        assertThat(rules(d, ip)).doesNotContain(SshBruteForceRule.ID).contains(SshUserSprayRule.ID);
        d.evaluate(a.getLast().time().plusSeconds(S.ssh().sprayWindowSeconds() + 60L));
        assertThat(d.findings(ip)).isEmpty();
    }

    /**
     * A re-judgement is not activity: a slow guesser re-judged every three hours while it was flagged
     * is dropped a day after its last attempt, although another IP is still active. When a
     * re-judgement counted as use, the guesser sat behind the active IP in recency order, and the
     * idle sweep (which walks from the least recently active and stops at the first active one)
     * kept it, and whatever it still reported, until the active IP's next event.
     */
    @Test
    void aRejudgedIpIsSweptADayAfterItsLastAttemptWhileOthersStayActive() {
        IpKey guesser = IpKey.parse("203.0.113.77");
        IpKey other = IpKey.parse("198.51.100.5");
        Instant t0 = Instant.parse("2026-03-10T00:00:00Z");
        List<AuthAttempt> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // never 5 in 10 minutes, 12 within a day
            events.add(Samples.failed(guesser, "oracle", t0.plusSeconds(900L * i)));
        }
        for (int h = 0; h <= 28; h += 4) { // one mistyped login every 4 hours: active, never flagged
            events.add(Samples.failed(other, "alice", t0.plusSeconds(3600L * h + 60)));
        }
        events.sort(java.util.Comparator.comparing(AuthAttempt::time));
        Instant lastGuess = t0.plusSeconds(900L * 11);

        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        int next = 0;
        boolean flagged = false;
        // until 03:00 the next day: the guesser's day passed at 02:45; the other IP's next event is at 04:01
        for (Instant now = t0; !now.isAfter(lastGuess.plusSeconds(86_400 + 900)); now = now.plusSeconds(60)) {
            while (next < events.size() && !events.get(next).time().isAfter(now)) {
                d.observe(events.get(next++));
            }
            d.evaluate(now);
            flagged |= rules(d, guesser).contains(SshSlowGuessRule.ID);
        }
        assertThat(flagged).isTrue();
        assertThat(rules(d, guesser)).isEmpty();
        assertThat(d.earlier(guesser, Instant.MAX))
                .extracting(p -> p.finding().rule())
                .contains(SshSlowGuessRule.ID);
        assertThat(d.tracked()).as("only the active IP is still tracked").isEqualTo(1);
        assertThat(rules(d, other)).isEmpty();
    }

    /**
     * A finding ends when it stopped firing, not at the next periodic re-judgement: twelve failures a
     * quarter-hour apart make a slow guesser (10 in a day, in hourly buckets); fewer than 10 are in
     * the day from 00:30:01 the next day (the third has left), and the first hour's bucket leaves the
     * window whole at 01:00, 25 h after that hour began: never early (it ended at 00:00, with the
     * failures of 00:00 to 00:30 still in their window), late by less than a bucket. Re-judged only at
     * an eighth of the window, it ended up to three hours later.
     */
    @Test
    void aSlowGuessEndsWhenItsFailuresLeaveTheWindowNotHoursLater() {
        IpKey guesser = IpKey.parse("203.0.113.78");
        Instant t0 = Instant.parse("2026-03-10T00:00:00Z");
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        for (int i = 0; i < 12; i++) {
            Instant t = t0.plusSeconds(900L * i);
            d.observe(Samples.failed(guesser, "oracle", t));
            d.evaluate(t);
        }
        assertThat(rules(d, guesser)).containsExactly(SshSlowGuessRule.ID);

        d.catchUp(t0.plusSeconds(2 * 86_400L)); // a quiet spell in a replay: re-judgements at their own times

        assertThat(rules(d, guesser)).isEmpty();
        assertThat(d.earlier(guesser, Instant.MAX)).singleElement().satisfies(p -> {
            assertThat(p.finding().rule()).isEqualTo(SshSlowGuessRule.ID);
            assertThat(p.ended()).isEqualTo(t0.plusSeconds(86_400 + 3600));
        });
    }

    /**
     * The same for brute force: five failures in ten minutes (30 s buckets). Six failures at +0..+50 s:
     * fewer than five are within 600 s from +611 s (when the one at +10 s has left); the window's
     * buckets end it when the first bucket's three are all over 600 s old, at +630 s, not at +600 s
     * (that was while the failure at +10 s was still inside its window).
     */
    @Test
    void bruteForceEndsWhenItsFailuresLeaveTheWindow() {
        IpKey ip = IpKey.parse("203.0.113.79");
        Instant t0 = Instant.parse("2026-03-10T00:00:00Z");
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        for (int i = 0; i < 6; i++) { // 3 in the first 30 s bucket, 3 in the second
            Instant t = t0.plusSeconds(10L * i);
            d.observe(Samples.failed(ip, "root", t));
            d.evaluate(t);
        }
        assertThat(rules(d, ip)).contains(SshBruteForceRule.ID);
        d.catchUp(t0.plusSeconds(3600));
        assertThat(Samples.endedAt(d, ip, SshBruteForceRule.ID)).isEqualTo(t0.plusSeconds(630));
    }

    /**
     * The incident's case: ten failures at 22:55:07..11, window 600 s, threshold 5. Fewer than five are
     * within the window from 23:05:10 (the two at 22:55:09 have left); it ended at 23:05:00, with seven
     * of its failures still inside. Never early, late by less than one 30 s bucket.
     */
    @Test
    void aBruteForceNeverEndsWhileItsFailuresAreStillInItsWindow() {
        IpKey ip = IpKey.parse("2001:db8:bad::6");
        Instant t0 = Instant.parse("2026-12-05T22:55:07Z");
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        for (int i = 0; i < 10; i++) {
            Instant t = t0.plusSeconds(i / 2);
            d.observe(Samples.failed(ip, "root", t));
            d.evaluate(t);
        }
        for (int s = 590; s < 640; s++) {
            d.evaluate(t0.plusSeconds(s));
        }
        Instant ended = Samples.endedAt(d, ip, SshBruteForceRule.ID);
        Instant due = Instant.parse("2026-12-05T23:05:10Z");
        assertThat(ended).isAfterOrEqualTo(due).isBefore(due.plusSeconds(30));
    }

    /**
     * A burst that is over stays brute force's: ten failures in under a minute, then nothing, are not
     * "slow guessing, below the brute-force rate" for the next day (the same failures were relabelled).
     * A guesser that keeps coming back slowly after its burst is slow guessing again.
     */
    @Test
    void anEndedBurstIsNotSlowGuessing() {
        IpKey ip = IpKey.parse("203.0.113.1");
        Instant t0 = Instant.parse("2026-03-10T10:00:00Z");
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        for (int i = 0; i < 10; i++) {
            Instant t = t0.plusSeconds(6L * i);
            d.observe(Samples.failed(ip, "root", t));
            d.evaluate(t);
        }
        assertThat(rules(d, ip)).containsExactly(SshBruteForceRule.ID);
        d.catchUp(t0.plusSeconds(3 * 3600));
        d.evaluate(t0.plusSeconds(3 * 3600));
        assertThat(rules(d, ip)).isEmpty();
        assertThat(Samples.endedAt(d, ip, SshBruteForceRule.ID)).isNotNull();
        for (int i = 1; i <= S.ssh().slowFailures(); i++) { // then one failure every 20 minutes
            Instant t = t0.plusSeconds(3 * 3600 + 1200L * i);
            d.observe(Samples.failed(ip, "root", t));
            d.evaluate(t);
        }
        assertThat(rules(d, ip)).containsExactly(SshSlowGuessRule.ID);
    }

    /** A spray ends when the threshold-th newest name leaves the hour: fewer names are left in it. */
    @Test
    void aSprayEndsWhenTooFewNamesAreLeftInItsWindow() {
        IpKey ip = IpKey.parse("203.0.113.80");
        Instant t0 = Instant.parse("2026-03-10T00:00:00Z");
        int threshold = S.ssh().invalidUsers();
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        for (int i = 0; i < threshold + 2; i++) { // a new name a minute
            Instant t = t0.plusSeconds(60L * i);
            d.observe(new AuthAttempt(
                    "t", t, ip, "user" + i, AuthKind.INVALID_USER, "sshd[1]: Invalid user user" + i + " from " + ip));
            d.evaluate(t);
        }
        assertThat(rules(d, ip)).contains(SshUserSprayRule.ID);
        d.catchUp(t0.plusSeconds(3 * 3600L));
        Instant kth = t0.plusSeconds(120); // of names at 0..threshold+1 minutes, the threshold-th newest
        assertThat(Samples.endedAt(d, ip, SshUserSprayRule.ID))
                .isEqualTo(kth.plusSeconds(S.ssh().sprayWindowSeconds() + 1L));
    }

    /**
     * CrowdSec's real invalid-user burst, then the same IP logs in with a password: the guess may have
     * worked. Critical, with the login's line first and the guesses before it as evidence, and it
     * stays when the guessing windows have passed.
     */
    @Test
    void aPasswordLoginAfterABruteForceIsCritical() {
        List<AuthAttempt> a = new ArrayList<>(Samples.sshd(TestData.path("authlog/crowdsec/ssh-bf.log"), 2024));
        IpKey ip = IpKey.parse("35.188.49.176");
        Instant in = a.getLast().time().plusSeconds(40);
        a.add(Samples.accepted(ip, "password", "pascal", in));
        Detector d = Samples.run(S, a);

        Finding f = Samples.finding(d, ip, SshLoginAfterGuessingRule.ID);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.reason())
                .isEqualTo("SSH login accepted (password for pascal) at " + in
                        + " after 6 failed SSH logins in the 600 s before it (threshold 5)");
        assertThat(f.observed()).isEqualTo(6);
        assertThat(f.since()).isEqualTo(in);
        assertThat(f.evidence()).hasSize(S.evidenceItems());
        assertThat(f.evidence().getFirst())
                .isEqualTo(in + " sshd[2]: Accepted password for pascal from " + ip + " port 50001 ssh2");
        assertThat(f.evidence().subList(1, f.evidence().size()))
                .allSatisfy(e -> assertThat(e).contains("Invalid user pascal").contains("35.188.49.176"));
        assertThat(f.evidence().getLast()).contains("Invalid user pascal5");

        // an hour later brute force and spray are over; the login is not
        d.evaluate(in.plusSeconds(2 * 3600L));
        assertThat(rules(d, ip)).containsExactly(SshLoginAfterGuessingRule.ID);
    }

    /** A key login after guesses is high, not critical: guessing does not give anyone a private key. */
    @Test
    void aKeyLoginAfterGuessingIsHigh() {
        IpKey ip = IpKey.parse("2001:db8:77::5");
        Instant t0 = Instant.parse("2026-03-10T00:00:00Z");
        List<AuthAttempt> a = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            a.add(Samples.failed(ip, "deploy", t0.plusSeconds(20L * i)));
        }
        a.add(Samples.accepted(ip, "publickey", "deploy", t0.plusSeconds(120)));
        Finding f = Samples.finding(Samples.run(S, a), ip, SshLoginAfterGuessingRule.ID);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.reason()).startsWith("SSH login accepted (publickey for deploy) at ");
    }

    /**
     * Slow guessing counts too: twelve failures a quarter-hour apart (never 5 in 10 minutes), then a
     * keyboard-interactive login. A second login while it still guesses is counted; the finding ends a
     * day after the latest one.
     */
    @Test
    void aLoginAfterSlowGuessingIsCountedAndEndsADayAfterTheLatest() {
        IpKey ip = IpKey.parse("198.51.100.44");
        Instant t0 = Instant.parse("2026-03-10T00:00:00Z");
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        for (int i = 0; i < 12; i++) {
            Instant t = t0.plusSeconds(900L * i);
            d.observe(Samples.failed(ip, "oracle", t));
            d.evaluate(t);
        }
        Instant first = t0.plusSeconds(900L * 12);
        Instant second = first.plusSeconds(1800);
        for (Instant t : List.of(first, second)) {
            d.observe(Samples.accepted(ip, "keyboard-interactive/pam", "oracle", t));
            d.evaluate(t);
        }
        Finding f = Samples.finding(d, ip, SshLoginAfterGuessingRule.ID);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.since()).isEqualTo(first);
        assertThat(f.reason())
                .isEqualTo("SSH login accepted (keyboard-interactive/pam for oracle) at " + second
                        + " after 12 failed SSH logins in the 86400 s before it (threshold 10)"
                        + "; 2 logins accepted while guessing");
        assertThat(f.window()).isEqualTo(java.time.Duration.ofDays(1));

        d.catchUp(second.plusSeconds(3 * 86_400L));
        assertThat(rules(d, ip)).isEmpty();
        assertThat(Samples.endedAt(d, ip, SshLoginAfterGuessingRule.ID)).isEqualTo(second.plusSeconds(86_401));
    }

    /**
     * Logins that are not after guessing stay quiet: the owner who mistyped twice (above), CrowdSec's
     * success sample, and an IP that guessed a month ago and logs in now.
     */
    @Test
    void aLoginLongAfterTheGuessingIsNotFlagged() {
        IpKey ip = IpKey.parse("203.0.113.90");
        Instant t0 = Instant.parse("2026-03-10T00:00:00Z");
        List<AuthAttempt> a = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            a.add(Samples.failed(ip, "root", t0.plusSeconds(i)));
        }
        a.add(Samples.accepted(ip, "password", "root", t0.plusSeconds(30L * 86_400)));
        Detector d = Samples.run(S, a);
        assertThat(rules(d, ip)).isEmpty();
        assertThat(d.earlier(ip, Instant.MAX))
                .extracting(p -> p.finding().rule())
                .doesNotContain(SshLoginAfterGuessingRule.ID);
    }

    /**
     * A snapshot asks each IP's ended findings through its track, and skips the lookup while the track
     * says there are none. An IP whose track was evicted (the tracking cap) and that comes back gets a
     * new track: its findings that ended before must still show.
     */
    @Test
    void anIpBackAfterItsTrackWasEvictedStillShowsItsEndedFindings() {
        IpKey ip = IpKey.parse("203.0.113.82");
        Instant t0 = Instant.parse("2026-03-10T00:00:00Z");
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        IpTrack t = null;
        for (int i = 0; i < 30; i++) {
            t = d.observe(Samples.failed(ip, "root", t0.plusSeconds(i)), t);
            d.evaluate(t0.plusSeconds(i));
        }
        d.evaluate(t0.plusSeconds(1100));
        assertThat(rules(d, ip)).doesNotContain(SshBruteForceRule.ID);
        assertThat(d.earlier(ip, t, Instant.MAX))
                .extracting(p -> p.finding().rule())
                .contains(SshBruteForceRule.ID);
        for (int j = 0; j < 150; j++) { // 150 others, one failure each: the cap of 100 drops ip's track
            d.observe(Samples.failed(IpKey.parse("198.51.100." + j), "root", t0.plusSeconds(1101 + j)), null);
        }
        assertThat(t.gone).as("its track was evicted").isTrue();
        IpTrack back = d.observe(Samples.failed(ip, "admin", t0.plusSeconds(1300)), null);
        assertThat(back).isNotSameAs(t);
        assertThat(d.earlier(ip, back, Instant.MAX))
                .extracting(p -> p.finding().rule())
                .contains(SshBruteForceRule.ID);
    }

    /**
     * An ended episode reports its peak: a burst of 30 failures in 30 s, six more minutes later, then
     * silence. Once the burst has left the window the count is 6, still over the threshold, and that
     * was what the ended finding said; on real data (the Elastic EC2 log) the report said "12 failed
     * SSH logins" for a burst of 147 in 10 minutes.
     */
    @Test
    void anEndedBruteForceReportsItsPeakNotItsLastCount() {
        IpKey ip = IpKey.parse("203.0.113.81");
        Instant t0 = Instant.parse("2026-03-10T00:00:00Z");
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        for (int i = 0; i < 30; i++) { // one bucket of 30 s
            Instant t = t0.plusSeconds(i);
            d.observe(Samples.failed(ip, "root", t));
            d.evaluate(t);
        }
        for (int i = 0; i < 6; i++) {
            Instant t = t0.plusSeconds(400L + i);
            d.observe(Samples.failed(ip, "root", t));
            d.evaluate(t);
        }
        d.evaluate(t0.plusSeconds(631)); // the burst has left the window: 6 remain, still brute force
        assertThat(Samples.finding(d, ip, SshBruteForceRule.ID).observed()).isEqualTo(6);
        d.evaluate(t0.plusSeconds(1100));
        assertThat(rules(d, ip)).doesNotContain(SshBruteForceRule.ID);
        assertThat(d.earlier(ip, Instant.MAX))
                .filteredOn(p -> p.finding().rule().equals(SshBruteForceRule.ID))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.finding().observed()).isEqualTo(36);
                    assertThat(p.finding().reason()).startsWith("36 failed SSH logins in 600 s");
                    assertThat(p.finding().since()).isEqualTo(t0.plusSeconds(4));
                });
    }

    /**
     * One log line that stands for several attempts ("message repeated 5 times: [ … ]") is counted as
     * many, but is evidence once, with how many it stood for: it filled the evidence with the same line
     * five times, pushing out the others.
     */
    @Test
    void aRepeatedLineIsEvidenceOnceWithItsCount() throws InterruptedException {
        var parser = new dev.nethergaze.source.authlog.AuthLineParser(
                "auth.log", Instant.parse("2026-04-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        List<AuthAttempt> events = new ArrayList<>();
        for (String l : List.of(
                "Mar 30 22:00:40 h sshd[7]: Failed password for invalid user admin from 198.51.100.8 port 49700 ssh2",
                "Mar 30 22:00:51 h sshd[8]: message repeated 5 times: [ Failed password for root from 198.51.100.8"
                        + " port 49781 ssh2]",
                "Mar 30 22:00:55 h sshd[8]: Failed password for root from 198.51.100.8 port 49781 ssh2")) {
            byte[] b = l.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            parser.parse(b, 0, b.length, events::add);
        }
        parser.endOfInput(events::add);
        assertThat(events).hasSize(7);
        Finding f = Samples.finding(Samples.run(S, events), IpKey.parse("198.51.100.8"), SshBruteForceRule.ID);
        assertThat(f.reason()).startsWith("7 failed SSH logins");
        assertThat(f.evidence())
                .containsExactly(
                        "2026-03-30T22:00:40Z Failed password for invalid user admin from 198.51.100.8 port 49700 ssh2",
                        "2026-03-30T22:00:51Z message repeated 5 times: [ Failed password for root from 198.51.100.8"
                                + " port 49781 ssh2] (×5)",
                        "2026-03-30T22:00:55Z Failed password for root from 198.51.100.8 port 49781 ssh2");
    }
}
