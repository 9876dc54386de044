package dev.nethergaze.detect;

import dev.nethergaze.model.Severity;
import java.util.List;

/**
 * One IP of a distributed web password guess ({@link LoginSpray}): it failed to log in while, within
 * {@code detect.http.login_spray_seconds}, at least {@code login_spray_ips} IPs failed and most login
 * answers were failures, each IP perhaps below the per-IP {@link HttpLoginRule}. The evidence is its
 * own attempts; the reason says how many IPs took part.
 */
final class HttpLoginSprayRule extends WindowCountRule {

    static final String ID = "http_login_spray";

    private final int ips;

    HttpLoginSprayRule(DetectSettings s) {
        super(ID, Severity.MEDIUM, 1, s.http().loginSpraySeconds());
        this.ips = s.http().loginSprayIps();
    }

    @Override
    WindowCounter counter(IpTrack t) {
        return t.http == null ? null : t.http.sprayed();
    }

    @Override
    List<String> evidence(IpTrack t) {
        return t.http.loginEvidence(t.subject());
    }

    @Override
    String reason(long n, IpTrack t) {
        return n + " web login attempt(s) in " + seconds + " s while " + t.http.sprayIps()
                + " IPs failed to log in to this host's login pages (threshold " + ips
                + " IPs): one of many addresses guessing passwords together";
    }
}
