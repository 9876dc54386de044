package dev.nethergaze.detect;

import java.util.List;

/**
 * Web password guessing spread over a long window, below the {@link HttpLoginRule} rate ({@link
 * SlowGuessRule}): failed logins ({@link LoginPages#outcome}: a POST to a login page refused with 401,
 * throttled with 429, or answered with the form again where that means a wrong password) from one IP
 * at or above {@code detect.http.slow_login_failures} within {@code slow_login_window_seconds} (10 a
 * day). A registration-and-login bot that posts to a Plone or WordPress form every few minutes from
 * each of hundreds of addresses stays far below six a minute, and far below the spray rule's twenty
 * addresses in ten minutes, all day.
 */
final class HttpSlowLoginRule extends SlowGuessRule {

    static final String ID = "http_login_slow";

    private final int fastThreshold;

    HttpSlowLoginRule(DetectSettings s) {
        super(ID, s.http().slowLoginFailures(), s.http().slowLoginWindowSeconds());
        this.fastThreshold = s.http().loginAttempts();
    }

    @Override
    WindowCounter failures(IpTrack t) {
        return t.http == null ? null : t.http.slowFailedLogins();
    }

    @Override
    long slowOnly(IpTrack t, long sec) {
        return t.http.slowFailedOnly(sec);
    }

    @Override
    boolean fast(IpTrack t, long sec) {
        WindowCounter logins = t.http.logins();
        return logins != null && logins.sum(sec) >= fastThreshold;
    }

    @Override
    String reason(long n) {
        return n + " failed web logins in " + seconds + " s, below the http_login rate (threshold " + threshold
                + "): the login form answered with the form again, 401 or 429";
    }

    @Override
    List<String> evidence(IpTrack t) {
        return t.http.loginEvidence(t.subject());
    }
}
