package dev.nethergaze.detect;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.UserGuessing;
import java.util.ArrayList;
import java.util.List;

/**
 * A login sshd accepted from an IP while that IP's failures met one of the guessing rules (brute
 * force, user spray, slow guessing): what it guessed before, and the login's own line. Made once per
 * such login, so never on the hot path of failed attempts.
 *
 * @param accepted the accepted attempt
 * @param guessing what the IP had done, e.g. "12 failed SSH logins in 600 s (threshold 5)"
 * @param observed the count that met the threshold
 * @param threshold that rule's threshold
 * @param seconds that rule's window
 * @param logins logins accepted while it was guessing, this one included
 * @param evidence the accepted line, then the latest failed attempts before it
 */
record GuessedLogin(
        AuthAttempt accepted,
        String guessing,
        long observed,
        int threshold,
        int seconds,
        long logins,
        List<String> evidence) {

    /**
     * The guessed login {@code a} makes, or {@code previous} when the IP was not guessing when it
     * logged in (the counts are those before this login: an accepted login is not a failure).
     */
    static GuessedLogin after(AuthTrack t, AuthAttempt a, DetectSettings s, GuessedLogin previous) {
        DetectSettings.Ssh ssh = s.ssh();
        long sec = a.time().getEpochSecond();
        long n;
        int threshold;
        int seconds;
        String what;
        long fast = t.failures.sum(sec);
        int names = t.invalidUsersSince(a.time().minusSeconds(ssh.sprayWindowSeconds()));
        long slow = t.slowFailures.sum(sec);
        if (fast >= ssh.failures()) {
            n = fast;
            threshold = ssh.failures();
            seconds = ssh.windowSeconds();
            what = " failed SSH logins";
        } else if (names >= ssh.invalidUsers()) {
            n = names;
            threshold = ssh.invalidUsers();
            seconds = ssh.sprayWindowSeconds();
            what = " invalid SSH user names";
        } else if (slow >= ssh.slowFailures()) {
            n = slow;
            threshold = ssh.slowFailures();
            seconds = ssh.slowWindowSeconds();
            what = " failed SSH logins";
        } else {
            return previous;
        }
        List<String> evidence = new ArrayList<>(s.evidenceItems());
        evidence.add(AuthTrack.line(a));
        List<String> before = t.lines.toList(AuthTrack::line);
        evidence.addAll(before.subList(Math.max(0, before.size() - (s.evidenceItems() - 1)), before.size()));
        String guessing = n + what + " in the " + seconds + " s before it (threshold " + threshold + ")";
        return new GuessedLogin(
                a, guessing, n, threshold, seconds, previous == null ? 1 : previous.logins + 1, List.copyOf(evidence));
    }

    /**
     * The guessed login {@code a} makes when other IPs were guessing passwords for its user (see
     * {@link GuessedUsers}), or {@code previous} when they were not, or when it logged in with a key:
     * guessing passwords does not give anyone a key.
     */
    static GuessedLogin distributed(AuthAttempt a, DetectSettings s, GuessedLogin previous) {
        UserGuessing g = a.guessing();
        if (g == null || isKey(method(a))) {
            return previous;
        }
        List<String> evidence = new ArrayList<>(s.evidenceItems());
        evidence.add(AuthTrack.line(a));
        evidence.add(g.failures() + " failed passwords for " + Evidence.clip(a.user()) + " from " + g.ips()
                + " other IPs in the " + g.seconds() + " s before it; the latest:");
        evidence.addAll(g.lines()
                .subList(
                        Math.max(0, g.lines().size() - (s.evidenceItems() - 2)),
                        g.lines().size()));
        String guessing = g.failures() + " failed passwords for this user from " + g.ips() + " other IPs in the "
                + g.seconds() + " s before it (threshold " + g.threshold() + " IPs)";
        return new GuessedLogin(
                a,
                guessing,
                g.ips(),
                g.threshold(),
                g.seconds(),
                previous == null ? 1 : previous.logins + 1,
                List.copyOf(evidence));
    }

    /** sshd's method word ("password", "publickey", "keyboard-interactive/pam"), or "" when unknown. */
    String method() {
        return method(accepted);
    }

    private static String method(AuthAttempt accepted) {
        String line = accepted.line();
        int at = line.indexOf("Accepted ");
        if (at < 0) {
            return "";
        }
        int from = at + "Accepted ".length();
        int end = line.indexOf(' ', from);
        return end < 0 ? "" : line.substring(from, end);
    }

    /**
     * A key proves possession of a private key, which guessing does not give: high. A password, a
     * keyboard-interactive answer or an unknown method may be what was guessed: critical.
     */
    Severity severity() {
        return isKey(method()) ? Severity.HIGH : Severity.CRITICAL;
    }

    private static boolean isKey(String method) {
        return switch (method) {
            case "publickey", "hostbased", "gssapi-with-mic", "gssapi-keyex" -> true;
            default -> false;
        };
    }
}
