package dev.nethergaze.detect;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.UserGuessing;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Host-wide password guessing per user name, for a guess no single IP gives away: many IPs each try
 * a few passwords for root, below every per-IP threshold, and one of them gets in. Per user it keeps
 * which IPs failed a password and when (the latest {@value #IPS_PER_USER}), the failures in the slow
 * window, the latest failed lines, and the IPs that logged in as that user (those are the owner's:
 * their later logins are not news). An accepted login from an IP new to that user, while at least
 * {@code detect.ssh.distributed_ips} other IPs failed passwords for it within the window, is handed
 * on with a {@link UserGuessing}; the per-IP detector then flags that IP.
 *
 * <p>Only failed passwords of existing users count: an invalid user cannot log in, and a failed key
 * or "none" is not a guess (so the names are the host's real accounts). At most {@value #MAX_USERS}
 * names are kept, the least recently seen dropped first: at most ~26 MB however many IPs guess. One thread: the live engine's, or a
 * replay's reader, which sees every IP before the IPs are split across threads.
 */
public final class GuessedUsers {

    static final int MAX_USERS = 1024;
    /** The most IPs kept per user: {@code detect.ssh.distributed_ips} is at most this. */
    static final int IPS_PER_USER = 256;

    private static final int LOGINS_PER_USER = 64;

    private final DetectSettings settings;
    private final Map<String, User> users = new LinkedHashMap<>(64, 0.75f, true);

    private static final class User {
        final LastSeen<IpKey> failedFrom = new LastSeen<>(IPS_PER_USER);
        final WindowCounter failures;
        /** The latest failures, oldest first. */
        final ArrayDeque<AuthAttempt> lines = new ArrayDeque<>();

        LastSeen<IpKey> loggedIn;

        User(DetectSettings s) {
            failures = WindowCounter.of(s.ssh().slowWindowSeconds(), 24);
        }
    }

    GuessedUsers(DetectSettings settings) {
        this.settings = settings;
    }

    /**
     * Takes in {@code a} and returns it, or, for a login it should be judged with, a copy carrying what
     * this host saw of the guessing of its user.
     */
    public AuthAttempt observe(AuthAttempt a) {
        if (a.user().isEmpty()) {
            return a;
        }
        if (a.kind() == AuthKind.FAILED_PASSWORD) {
            User u = user(a.user());
            u.failedFrom.touch(a.ip(), a.time());
            u.failures.add(a.time().getEpochSecond());
            if (u.lines.size() == settings.evidenceItems()) {
                u.lines.removeFirst();
            }
            u.lines.addLast(a);
            return a;
        }
        if (a.kind() != AuthKind.ACCEPTED) {
            return a;
        }
        User u = user(a.user());
        UserGuessing g = judge(u, a);
        if (u.loggedIn == null) {
            u.loggedIn = new LastSeen<>(LOGINS_PER_USER);
        }
        u.loggedIn.touch(a.ip(), a.time());
        return g == null ? a : a.withGuessing(g);
    }

    /** The user's record, made (and the least recently used one dropped beyond the cap) if new. */
    private User user(String name) {
        User u = users.get(name);
        if (u == null) {
            u = new User(settings);
            users.put(name, u);
            if (users.size() > MAX_USERS) {
                var eldest = users.entrySet().iterator();
                eldest.next();
                eldest.remove();
            }
        }
        return u;
    }

    /** How many user names are kept. */
    int users() {
        return users.size();
    }

    private UserGuessing judge(User u, AuthAttempt a) {
        if (u.loggedIn != null && u.loggedIn.contains(a.ip())) {
            return null; // it logged in as this user before: the owner's address
        }
        int seconds = settings.ssh().slowWindowSeconds();
        Instant cutoff = a.time().minusSeconds(seconds);
        int ips = u.failedFrom.countSince(cutoff);
        Instant own = u.failedFrom.timeOf(a.ip());
        if (own != null && !own.isBefore(cutoff)) {
            ips--; // its own failures are the per-IP rules' business
        }
        int threshold = settings.ssh().distributedIps();
        if (ips < threshold) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (AuthAttempt f : u.lines) {
            if (!f.ip().equals(a.ip())) {
                lines.add(AuthTrack.line(f));
            }
        }
        return new UserGuessing(ips, u.failures.sum(a.time().getEpochSecond()), threshold, seconds, lines);
    }
}
