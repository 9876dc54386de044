package dev.nethergaze.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Web login guessing: POSTs to login pages and 401 answers, per IP and window. */
class HttpLoginRuleTest {

    private static final DetectSettings S = DetectSettings.defaults();
    private static final Instant T0 = Instant.parse("2026-12-04T21:00:00Z");
    private static final IpKey IP = IpKey.parse("203.0.113.80");

    private static HttpHit hit(Instant t, String method, String target, int status) {
        return new HttpHit(
                "access.log", t, IP, IP, method, target, "HTTP/1.1", status, 200, "-", "Mozilla/5.0", "", false);
    }

    private static List<Finding> logins(Detector d) {
        return d.findings(IP).stream()
                .filter(f -> f.rule().equals(HttpLoginRule.ID))
                .toList();
    }

    /** CrowdSec's nginx-http-generic-bf sample: six POSTs answered 401 in one second, its scenario fires. */
    @Test
    void crowdsecBasicAuthBruteForceSampleFires() {
        List<HttpHit> hits = Samples.hits(TestData.path("accesslog/combined/crowdsec_nginx-http-generic-bf.log"));
        assertThat(hits).hasSize(6);
        Detector d = Samples.run(S, hits);
        Finding f = d.findings(IpKey.parse("127.0.0.1")).stream()
                .filter(x -> x.rule().equals(HttpLoginRule.ID))
                .findFirst()
                .orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.observed()).isEqualTo(6);
        assertThat(f.threshold()).isEqualTo(6);
        assertThat(f.reason())
                .isEqualTo("6 web login attempts in 60 s (threshold 6): POSTs to login pages or"
                        + " requests refused with 401");
        assertThat(f.evidence())
                .hasSize(S.evidenceItems())
                .allSatisfy(e -> assertThat(e)
                        .contains("127.0.0.1")
                        .contains("\"POST /client HTTP/1.1\" 401")
                        .endsWith("[401 answer]"));
        // five of them are below the threshold
        assertThat(Samples.run(S, hits.subList(0, 5)).findings(IpKey.parse("127.0.0.1")))
                .noneMatch(x -> x.rule().equals(HttpLoginRule.ID));
    }

    /** CrowdSec's caddy-basic-auth-bf sample (Caddy's JSON log): six GETs refused with 401. */
    @Test
    void crowdsecCaddyBasicAuthSampleFires() {
        Detector d =
                Samples.run(S, Samples.hits(TestData.path("accesslog/caddy/crowdsec_caddy-basic-auth-bf.json.log")));
        assertThat(d.findings(IpKey.parse("127.0.0.1")))
                .filteredOn(f -> f.rule().equals(HttpLoginRule.ID))
                .singleElement()
                .satisfies(f -> assertThat(f.observed()).isEqualTo(6))
                .satisfies(f -> assertThat(f.evidence().getFirst())
                        .contains(" localhost \"GET / HTTP/1.1\" 401") // the site, without the Host header's port
                        .endsWith("[401 answer]"));
    }

    /** WordPress answers a failed login 200 (the form again): the POSTs count whatever the status. */
    @Test
    void wordpressAndXmlRpcPostsAreLoginAttemptsWhateverTheAnswer() {
        List<HttpHit> hits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hits.add(hit(T0.plusSeconds(i * 5L), "POST", "/blog/wp-login.php", 200));
        }
        hits.add(hit(T0.plusSeconds(20), "POST", "/login_form", 200));
        hits.add(hit(T0.plusSeconds(21), "POST", "/xmlrpc.php", 200));
        hits.add(hit(T0.plusSeconds(22), "POST", "/WP-LOGIN.PHP?redirect_to=%2Fwp-admin%2F", 302));
        Finding f = logins(Samples.run(S, hits)).getFirst();
        assertThat(f.observed()).isEqualTo(6);
        assertThat(f.evidence().getLast()).endsWith("[WordPress login]");
        assertThat(f.evidence().get(f.evidence().size() - 2)).endsWith("[WordPress XML-RPC]");
        assertThat(f.evidence().get(f.evidence().size() - 3)).endsWith("[Plone login]");
    }

    /** What is not a login attempt: reading a login page, other POSTs, look-alike paths, 403s. */
    @Test
    void readingLoginPagesAndOtherPostsDoNotCount() {
        List<HttpHit> hits = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            hits.add(hit(T0.plusSeconds(i), "GET", "/login", 200));
            hits.add(hit(T0.plusSeconds(i), "POST", "/login-help", 200));
            hits.add(hit(T0.plusSeconds(i), "POST", "/api/orders", 201));
            hits.add(hit(T0.plusSeconds(i), "POST", "/search?q=/login", 200));
            hits.add(hit(T0.plusSeconds(i), "GET", "/admin", 403));
        }
        assertThat(logins(Samples.run(S, hits))).isEmpty();
        // a person who mistypes twice, then gets in, with a browser's first 401 before the prompt
        List<HttpHit> person = List.of(
                hit(T0, "GET", "/private/", 401),
                hit(T0.plusSeconds(5), "POST", "/user/login", 200),
                hit(T0.plusSeconds(15), "POST", "/user/login", 200),
                hit(T0.plusSeconds(25), "POST", "/user/login/", 303));
        assertThat(logins(Samples.run(S, person))).isEmpty();
    }

    @Test
    void configuredLoginPathsCountToo() {
        DetectSettings s =
                Samples.withLogins(S, 3, List.of("api/v1/Token/"), S.http().loginSprayIps());
        List<HttpHit> hits = List.of(
                hit(T0, "POST", "/api/v1/token", 400),
                hit(T0.plusSeconds(1), "POST", "/api/v1/token?grant=password", 400),
                hit(T0.plusSeconds(2), "POST", "/API/V1/TOKEN", 400));
        assertThat(logins(Samples.run(S, hits))).isEmpty();
        assertThat(logins(Samples.run(s, hits)).getFirst().evidence())
                .allSatisfy(e -> assertThat(e).endsWith("[login page]"));
    }

    /** The finding ends when the sixth-newest attempt leaves the minute, not at a later re-judgement. */
    @Test
    void endsWhenTooFewAttemptsAreLeftInTheWindow() {
        Detector d = new Detector(S, Allowlist.EMPTY, 100);
        for (int i = 0; i < 8; i++) {
            d.observe(hit(T0.plusSeconds(i * 5L), "POST", "/wp-login.php", 200));
        }
        d.evaluate(T0.plusSeconds(35));
        assertThat(logins(d))
                .singleElement()
                .satisfies(f -> assertThat(f.observed()).isEqualTo(8));
        d.catchUp(T0.plusSeconds(3600));
        assertThat(logins(d)).isEmpty();
        Instant ended = Samples.endedAt(d, IP, HttpLoginRule.ID);
        // attempts at 0, 5, ..., 35 s: six are left in the minute until the one at 10 s leaves it, after
        // 70 s; its 5 s bucket leaves the window whole at 75 s (never early: it ended at 70 s before)
        assertThat(ended).isEqualTo(T0.plusSeconds(75));
    }
}
