package dev.nethergaze.detect;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Host-wide web password guessing, for a guess no single IP gives away: a botnet sends each of its
 * hundreds of addresses to {@code wp-login.php} a few times, below {@code detect.http.login_attempts}
 * per IP. It keeps which IPs failed to log in ({@link LoginPages#outcome}: a POST to a login page
 * refused with 401, throttled with 429, or answered with the form again where that means a wrong
 * password) and when, the latest {@value #MAX_IPS}. A failed attempt is handed on marked ({@link
 * HttpHit#withLoginSpray}), and the per-IP detector flags its IP ({@link HttpLoginSprayRule}), when
 * within {@code login_spray_seconds}:
 *
 * <ul>
 *   <li>at least {@code detect.http.login_spray_ips} IPs failed, and
 *   <li>at least {@code login_spray_percent} of the answers to login POSTs were failures: a busy site's
 *       own users fail now and then (a fifth of them, say) but mostly log in, a guess mostly fails.
 * </ul>
 *
 * <p>An IP that logged in (a redirect, where a right password goes) is a user's: its failures do not
 * count and it is not flagged. The IPs that failed within the window before the guess was found (the
 * first 19, at the default threshold) are handed on too, when it is found ({@link #takeJoined}): a
 * botnet's address that tried once, before, is as much a part of it. A 404 or a 500 says nothing of
 * a password, and a bare 401 elsewhere (an API token run out) is no login page: neither counts.
 *
 * <p>One thread: the live engine's, or a replay's reader, which sees every IP before the IPs are split
 * across threads. Bounded: at most {@value #MAX_IPS} failing and as many logged-in IPs (~1 MB).
 */
public final class LoginSpray {

    /** The most IPs kept: {@code detect.http.login_spray_ips} is at most this. */
    static final int MAX_IPS = 4096;

    private final LoginPages pages;
    private final Allowlist allowlist;
    private final int threshold;
    private final int percent;
    private final int seconds;
    private final LastSeen<IpKey> failedFrom = new LastSeen<>(MAX_IPS);
    private final LastSeen<IpKey> loggedIn = new LastSeen<>(MAX_IPS);
    /** IPs whose failures were handed on as part of a guess, and when. */
    private final LastSeen<IpKey> marked = new LastSeen<>(MAX_IPS);
    /**
     * IPs whose failures were not marked, since the guess was last found: the ones a sweep looks at
     * (not every IP that failed: a share of failures swinging about the threshold finds the guess
     * again and again, and each sweep then costs what failed unmarked since, not the whole window).
     */
    private LastSeen<IpKey> unmarked = new LastSeen<>(MAX_IPS);
    /** The last failed attempt was marked: a guess is on, and IPs that fail now are marked as they come. */
    private boolean on;
    /** IPs to hand on that failed before the guess was found (see {@link #takeJoined}); usually empty. */
    private List<IpKey> joined = List.of();
    /** How many IPs took part when the guess was found. */
    private int joinedIps;

    private final WindowCounter failures;
    private final WindowCounter successes;

    LoginSpray(DetectSettings s, LoginPages pages, Allowlist allowlist) {
        this.pages = pages;
        this.allowlist = allowlist;
        this.threshold = s.http().loginSprayIps();
        this.percent = s.http().loginSprayPercent();
        this.seconds = s.http().loginSpraySeconds();
        this.failures = WindowCounter.of(seconds, 12);
        this.successes = WindowCounter.of(seconds, 12);
    }

    /**
     * Takes in {@code h} and returns it, or, for a failed login attempt made while many IPs failed and
     * few logged in, a copy saying how many IPs failed.
     */
    public HttpHit observe(HttpHit h) {
        if (threshold == 0) {
            return h;
        }
        LoginPages.Outcome o = pages.outcome(h);
        if (o == LoginPages.Outcome.NONE || allowlist.contains(h.client())) {
            return h;
        }
        long sec = h.time().getEpochSecond();
        if (o == LoginPages.Outcome.SUCCEEDED) {
            successes.add(sec);
            loggedIn.touch(h.client(), h.time());
            return h;
        }
        failures.add(sec);
        if (loggedIn.contains(h.client())) {
            return h; // a user's typo
        }
        failedFrom.touch(h.client(), h.time());
        Instant cutoff = h.time().minusSeconds(seconds);
        int ips = failedFrom.countSince(cutoff);
        long failed = failures.sum(sec);
        long all = failed + successes.sum(sec);
        boolean guess = ips >= threshold && failed * 100 >= (long) percent * all;
        if (guess) {
            marked.touch(h.client(), h.time());
            if (!on) {
                sweep(cutoff, h.time(), ips);
            }
        } else {
            unmarked.touch(h.client(), h.time());
        }
        on = guess;
        return guess ? h.withLoginSpray(ips) : h;
    }

    /**
     * The guess was just found: the IPs that failed unmarked within the window before it, and were not
     * handed on since it began, go to {@link #joined}.
     */
    private void sweep(Instant cutoff, Instant now, int ips) {
        List<IpKey> before = unmarked.keysSince(cutoff);
        unmarked = new LastSeen<>(MAX_IPS);
        for (IpKey ip : before) {
            Instant m = marked.timeOf(ip);
            if ((m == null || m.isBefore(cutoff)) && !loggedIn.contains(ip)) {
                if (joined.isEmpty()) {
                    joined = new ArrayList<>();
                }
                joined.add(ip);
                marked.touch(ip, now);
            }
        }
        joinedIps = ips;
    }

    /**
     * The IPs that failed before the guess the last {@link #observe} found, for the per-IP detector
     * to flag with it ({@link Detector#joinLoginSpray}); empty when it found none. Taking them
     * empties the list.
     */
    public List<IpKey> takeJoined() {
        List<IpKey> out = joined;
        joined = List.of();
        return out;
    }

    /** How many IPs took part when the guess of {@link #takeJoined} was found. */
    public int joinedIps() {
        return joinedIps;
    }
}
