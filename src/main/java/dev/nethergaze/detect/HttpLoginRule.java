package dev.nethergaze.detect;

import dev.nethergaze.model.Severity;
import java.util.List;

/**
 * Password guessing over HTTP: login attempts ({@link LoginPages}: POSTs to login pages, answers 401)
 * from one IP at or above {@code detect.http.login_attempts} within {@code login_seconds} (default 6
 * per minute). A person mistypes a password a few times; a WordPress or basic-auth brute force sends
 * dozens a minute. The evidence is the attempts, each labelled with what made it one.
 */
final class HttpLoginRule extends WindowCountRule {

    static final String ID = "http_login";

    HttpLoginRule(DetectSettings s) {
        super(ID, Severity.HIGH, s.http().loginAttempts(), s.http().loginSeconds());
    }

    @Override
    WindowCounter counter(IpTrack t) {
        return t.http == null ? null : t.http.logins();
    }

    @Override
    List<String> evidence(IpTrack t) {
        return t.http.loginEvidence(t.subject());
    }

    @Override
    String reason(long n, IpTrack t) {
        return n + " web login attempts in " + seconds + " s (threshold " + threshold
                + "): POSTs to login pages or requests refused with 401";
    }
}
