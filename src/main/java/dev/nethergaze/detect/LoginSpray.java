package dev.nethergaze.detect;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;

/**
 * Host-wide web password guessing, for a guess no single IP gives away: a botnet sends each of its
 * hundreds of addresses to {@code wp-login.php} a few times, below {@code detect.http.login_attempts}
 * per IP. It keeps which IPs made a failed-looking login attempt ({@link LoginPages}: a POST to a
 * login page, or a 401) and when, the latest {@value #MAX_IPS}; an attempt made while at least {@code
 * detect.http.login_spray_ips} IPs did so within {@code login_spray_seconds} is handed on marked
 * ({@link HttpHit#withLoginSpray}), and the per-IP detector flags its IP ({@link HttpLoginSprayRule}).
 *
 * <p>Failed-looking: anything but a redirect. A login form answers a wrong password with the form
 * again (200) or a refusal (401, 403, 429), and a right one with a redirect (302, 303) to where the
 * user was going: people who log in are not counted, people who mistype are, and a site has few of
 * those at once. The IPs that made the first attempts of a guess, before the count reached the
 * threshold, are flagged when they try again (a guessing IP does).
 *
 * <p>One thread: the live engine's, or a replay's reader, which sees every IP before the IPs are split
 * across threads. Bounded: at most {@value #MAX_IPS} IPs (~0.5 MB).
 */
public final class LoginSpray {

    /** The most IPs kept: {@code detect.http.login_spray_ips} is at most this. */
    static final int MAX_IPS = 4096;

    private final LoginPages pages;
    private final Allowlist allowlist;
    private final int threshold;
    private final int seconds;
    private final LastSeen<IpKey> failedFrom = new LastSeen<>(MAX_IPS);

    LoginSpray(DetectSettings s, LoginPages pages, Allowlist allowlist) {
        this.pages = pages;
        this.allowlist = allowlist;
        this.threshold = s.http().loginSprayIps();
        this.seconds = s.http().loginSpraySeconds();
    }

    /**
     * Takes in {@code h} and returns it, or, for a failed-looking login attempt made while many IPs
     * made them, a copy saying how many.
     */
    public HttpHit observe(HttpHit h) {
        if (threshold == 0 || (h.status() >= 300 && h.status() <= 399)) {
            return h;
        }
        if (pages.attempt(h) == null || allowlist.contains(h.client())) {
            return h;
        }
        failedFrom.touch(h.client(), h.time());
        int ips = failedFrom.countSince(h.time().minusSeconds(seconds));
        return ips >= threshold ? h.withLoginSpray(ips) : h;
    }
}
