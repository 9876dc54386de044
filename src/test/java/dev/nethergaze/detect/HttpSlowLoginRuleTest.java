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

/**
 * Web password guessing below the per-minute rate: failed logins from one IP over a day (a replay of
 * a real log with such a bot: {@code ReplayCommandTest}).
 */
class HttpSlowLoginRuleTest {

    private static final DetectSettings S = DetectSettings.defaults();
    private static final Instant T0 = Instant.parse("2026-12-04T21:00:00Z");
    private static final IpKey IP = IpKey.parse("203.0.113.80");

    private static HttpHit hit(Instant t, String target, int status) {
        return new HttpHit(
                "access.log", t, IP, IP, "POST", target, "HTTP/1.1", status, 200, "-", "Mozilla/5.0", "", false);
    }

    /** {@code n} POSTs to {@code target} answered {@code status}, {@code gap} seconds apart. */
    private static List<HttpHit> posts(int n, long gap, String target, int status) {
        List<HttpHit> hits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hits.add(hit(T0.plusSeconds(i * gap), target, status));
        }
        return hits;
    }

    @Test
    void tenFailedLoginsSpreadOverHoursFire() {
        Detector d = Samples.run(S, posts(10, 600, "/user/login", 200));
        Finding f = Samples.finding(d, IP, HttpSlowLoginRule.ID);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(f.observed()).isEqualTo(10);
        assertThat(f.threshold()).isEqualTo(10);
        assertThat(f.reason()).startsWith("10 failed web logins in 86400 s, below the http_login rate (threshold 10)");
        assertThat(f.evidence())
                .hasSize(S.evidenceItems())
                .allSatisfy(e -> assertThat(e).contains("\"POST /user/login HTTP/1.1\" 200"));
        assertThat(d.findings(IP)).extracting(Finding::rule).doesNotContain(HttpLoginRule.ID);

        assertThat(Samples.run(S, posts(9, 600, "/user/login", 200)).findings(IP))
                .as("nine are below the threshold")
                .isEmpty();
        assertThat(Samples.run(S, posts(12, 600, "/user/login", 302)).findings(IP))
                .as("a redirect is a login that worked: a user's, not a guess")
                .isEmpty();
        assertThat(Samples.run(S, posts(12, 600, "/api/items", 401)).findings(IP))
                .as("a 401 elsewhere than a login page says nothing of a password")
                .noneMatch(x -> x.rule().equals(HttpSlowLoginRule.ID));
    }

    /** A burst at the per-minute rate is http_login's; once over, it does not become a day of slow guessing. */
    @Test
    void aBurstThatIsOverStaysHttpLoginsAndIsNotSlowGuessing() {
        List<HttpHit> burst = posts(12, 2, "/user/login", 200);
        Detector d = Samples.run(S, burst);
        assertThat(d.findings(IP)).extracting(Finding::rule).containsExactly(HttpLoginRule.ID);
        d.evaluate(T0.plusSeconds(3600));
        assertThat(d.findings(IP)).as("an hour later").isEmpty();
        assertThat(d.earlier(IP, Instant.MAX))
                .extracting(p -> p.finding().rule())
                .containsExactly(HttpLoginRule.ID);
    }
}
