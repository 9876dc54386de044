package dev.nethergaze.detect;

import dev.nethergaze.model.Plural;
import dev.nethergaze.model.Severity;
import java.util.List;

/**
 * One IP of a distributed web password guess ({@link LoginSpray}): it failed to log in while, within
 * {@code detect.http.login_spray_seconds}, at least {@code login_spray_ips} IPs failed and most login
 * answers were failures, each IP perhaps below the per-IP {@link HttpLoginRule}; or ({@link #slow})
 * the same over {@code slow_login_window_seconds} with {@code slow_login_spray_ips}, for a guess spread
 * so thin that no ten minutes hold enough of it. The evidence is its own attempts; the reason says
 * how many IPs took part.
 */
final class HttpLoginSprayRule extends WindowCountRule {

    static final String ID = "http_login_spray";
    static final String SLOW_ID = "http_login_spray_slow";

    private final int ips;
    private final boolean isSlow;

    private HttpLoginSprayRule(String id, int seconds, int ips, boolean isSlow) {
        super(id, Severity.MEDIUM, 1, seconds);
        this.ips = ips;
        this.isSlow = isSlow;
    }

    HttpLoginSprayRule(DetectSettings s) {
        this(ID, s.http().loginSpraySeconds(), s.http().loginSprayIps(), false);
    }

    /** The long window's rule. */
    static HttpLoginSprayRule slow(DetectSettings s) {
        return new HttpLoginSprayRule(
                SLOW_ID, s.http().slowLoginWindowSeconds(), s.http().slowLoginSprayIps(), true);
    }

    @Override
    WindowCounter counter(IpTrack t) {
        return t.http == null ? null : isSlow ? t.http.slowSprayed() : t.http.sprayed();
    }

    @Override
    List<String> evidence(IpTrack t) {
        return t.http.loginEvidence(t.subject());
    }

    @Override
    boolean reasonIsTheCounts(IpTrack t) {
        return false; // it names how many IPs spray
    }

    @Override
    String reason(long n, IpTrack t) {
        return Plural.of(n, "web login attempt") + " in " + seconds + " s while "
                + (isSlow ? t.http.slowSprayIps() : t.http.sprayIps())
                + " IPs failed to log in to this host's login pages (threshold " + ips
                + " IPs): one of many addresses guessing passwords together" + (isSlow ? ", slowly" : "");
    }
}
