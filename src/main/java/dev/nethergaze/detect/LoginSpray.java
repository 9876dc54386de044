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
 * <p>A slow guess is judged the same way over {@code slow_login_window_seconds} (a day): at least
 * {@code detect.http.slow_login_spray_ips} IPs failed in it, and as large a share of the login answers
 * were failures. A login bot spread over hundreds of addresses, each trying a form a few times a day
 * (the real Plone log in the test data: 346 addresses, 60 to 86 a day, at most 21 attempts each), stays
 * below every per-IP rule and below the 600 s window's count. Its failed attempts are marked as slow
 * ({@link HttpHit#withLoginSpray}) only while no fast guess is on: one attack, one finding per IP.
 *
 * <p>One thread: the live engine's, or a replay's reader, which sees every IP before the IPs are split
 * across threads. Bounded: at most {@value #MAX_IPS} failing IPs per window, and as many logged-in
 * IPs (~2 MB).
 */
public final class LoginSpray {

    /** The most IPs kept: {@code detect.http.login_spray_ips} is at most this. */
    static final int MAX_IPS = 4096;

    /** An IP that failed before a guess was found, handed on to be flagged with it. */
    public record Joined(IpKey ip, int ips, boolean slow) {}

    private final LoginPages pages;
    private final Allowlist allowlist;
    private final int percent;
    private final LastSeen<IpKey> loggedIn = new LastSeen<>(MAX_IPS);
    private final Guess fast;
    private final Guess slow;
    /** IPs to hand on that failed before a guess was found (see {@link #takeJoined}); usually empty. */
    private List<Joined> joined = List.of();

    /** One window's judgement: which IPs failed in it and when, and whether a guess is on. */
    private final class Guess {
        final int threshold;
        final int seconds;
        final boolean isSlow;
        final LastSeen<IpKey> failedFrom = new LastSeen<>(MAX_IPS);
        /** IPs whose failures were handed on as part of a guess, and when. */
        final LastSeen<IpKey> marked = new LastSeen<>(MAX_IPS);
        /**
         * IPs whose failures were not marked, since the guess was last found: the ones a sweep looks at
         * (not every IP that failed: a share of failures swinging about the threshold finds the guess
         * again and again, and each sweep then costs what failed unmarked since, not the whole window).
         */
        LastSeen<IpKey> unmarked = new LastSeen<>(MAX_IPS);
        /** The last failed attempt was marked: a guess is on, and IPs that fail now are marked as they come. */
        boolean on;

        final WindowCounter failures;
        final WindowCounter successes;

        Guess(int threshold, int seconds, int buckets, boolean isSlow) {
            this.threshold = threshold;
            this.seconds = seconds;
            this.isSlow = isSlow;
            this.failures = WindowCounter.of(seconds, buckets);
            this.successes = WindowCounter.of(seconds, buckets);
        }

        void succeeded(long sec) {
            successes.add(sec);
        }

        /**
         * A failed attempt by {@code h}'s client (no user's): how many IPs failed in the window when a
         * guess is on ({@code mark}: its attempt is marked), else 0.
         */
        int failed(HttpHit h, long sec, boolean mark) {
            failures.add(sec);
            failedFrom.touch(h.client(), h.time());
            Instant cutoff = h.time().minusSeconds(seconds);
            int ips = failedFrom.countSince(cutoff);
            long failed = failures.sum(sec);
            long all = failed + successes.sum(sec);
            boolean guess = ips >= threshold && failed * 100 >= (long) percent * all;
            if (guess && mark) {
                marked.touch(h.client(), h.time());
                if (!on) {
                    sweep(cutoff, h.time(), ips);
                }
            } else if (mark) { // (not while a fast guess is on: that one flags this IP)
                unmarked.touch(h.client(), h.time());
            }
            on = guess && mark;
            return guess ? ips : 0;
        }

        /**
         * The guess was just found: the IPs that failed unmarked within the window before it, and were
         * not handed on since it began, go to {@link #joined}.
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
                    joined.add(new Joined(ip, ips, isSlow));
                    marked.touch(ip, now);
                }
            }
        }
    }

    LoginSpray(DetectSettings s, LoginPages pages, Allowlist allowlist) {
        this.pages = pages;
        this.allowlist = allowlist;
        this.percent = s.http().loginSprayPercent();
        this.fast = new Guess(s.http().loginSprayIps(), s.http().loginSpraySeconds(), 12, false);
        this.slow = new Guess(s.http().slowLoginSprayIps(), s.http().slowLoginWindowSeconds(), 24, true);
    }

    /**
     * Takes in {@code h} and returns it, or, for a failed login attempt made while many IPs failed and
     * few logged in, a copy saying how many IPs failed (in the short window, or in the long one when
     * only that holds a guess).
     */
    public HttpHit observe(HttpHit h) {
        if (fast.threshold == 0 && slow.threshold == 0) {
            return h;
        }
        LoginPages.Outcome o = pages.outcome(h);
        if (o == LoginPages.Outcome.NONE || allowlist.contains(h.client())) {
            return h;
        }
        long sec = h.time().getEpochSecond();
        if (o == LoginPages.Outcome.SUCCEEDED) {
            fast.succeeded(sec);
            slow.succeeded(sec);
            loggedIn.touch(h.client(), h.time());
            return h;
        }
        if (loggedIn.contains(h.client())) {
            fast.failures.add(sec);
            slow.failures.add(sec);
            return h; // a user's typo
        }
        int fastIps = fast.threshold == 0 ? 0 : fast.failed(h, sec, true);
        int slowIps = slow.threshold == 0 ? 0 : slow.failed(h, sec, fastIps == 0);
        if (fastIps > 0) {
            return h.withLoginSpray(fastIps, 0);
        }
        return slowIps > 0 ? h.withLoginSpray(0, slowIps) : h;
    }

    /**
     * The IPs that failed before a guess the last {@link #observe} found, for the per-IP detector to
     * flag with it ({@link Detector#joinLoginSpray}); empty when it found none. Taking them empties
     * the list.
     */
    public List<Joined> takeJoined() {
        List<Joined> out = joined;
        joined = List.of();
        return out;
    }
}
