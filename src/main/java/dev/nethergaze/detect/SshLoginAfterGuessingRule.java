package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * sshd accepted a login that a guess may have made. Two rules of one shape:
 *
 * <ul>
 *   <li>{@value #ID}: the IP's own failed attempts met a guessing rule when it logged in. Critical
 *       for a password (or keyboard-interactive, or an unknown method), high for a key.
 *   <li>{@value #DISTRIBUTED_ID}: the IP was not guessing itself, but at least {@code
 *       detect.ssh.distributed_ips} other IPs had failed passwords for that user within the slow
 *       window, and this IP never logged in as that user before (see {@link GuessedUsers}). High: a
 *       campaign spread over many IPs, each below every per-IP threshold, and a password login from a
 *       new address; the owner's first login from a new place looks the same, hence not critical.
 *       Key logins are not flagged (guessing passwords does not give a key).
 * </ul>
 *
 * Each stays for the slow-guessing window ({@code detect.ssh.slow_window_seconds}, a day by default)
 * after the latest such login, however quiet the IP is since: a break-in is not over when the
 * guessing stops.
 */
final class SshLoginAfterGuessingRule implements Rule {

    static final String ID = "ssh_login_after_guessing";
    static final String DISTRIBUTED_ID = "ssh_login_after_distributed_guessing";

    private final String id;
    private final Function<AuthTrack, GuessedLogin> login;
    private final boolean distributed;
    private final int seconds;

    private SshLoginAfterGuessingRule(
            String id, Function<AuthTrack, GuessedLogin> login, boolean distributed, DetectSettings s) {
        this.id = id;
        this.login = login;
        this.distributed = distributed;
        this.seconds = s.ssh().slowWindowSeconds();
    }

    /** The IP's own guessing came before the login. */
    static SshLoginAfterGuessingRule own(DetectSettings s) {
        return new SshLoginAfterGuessingRule(ID, a -> a.guessedLogin, false, s);
    }

    /** Other IPs' guessing of the same user came before the login. */
    static SshLoginAfterGuessingRule distributed(DetectSettings s) {
        return new SshLoginAfterGuessingRule(DISTRIBUTED_ID, a -> a.distributedLogin, true, s);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public long quietAt(IpTrack t, long sec) {
        return Rule.endOf(login.apply(t.auth).accepted().time(), seconds);
    }

    /** It failed within the guessing window, or is the one that logged in (for the prefix: one of them). */
    @Override
    public boolean counts(IpTrack t, Instant now) {
        AuthTrack a = t.auth;
        return a != null
                && ((a.lastAccepted != null && Rule.within(a.lastAccepted, seconds, now))
                        || a.slowFailures.sum(now.getEpochSecond()) > 0);
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        GuessedLogin g = t.auth == null ? null : login.apply(t.auth);
        if (g == null || !Rule.within(g.accepted().time(), seconds, now)) {
            return null;
        }
        String method = g.method();
        String user = g.accepted().user();
        String how = (method.isEmpty() ? "" : method + " ") + (user.isEmpty() ? "" : "for " + Evidence.clip(user));
        String reason = "SSH login accepted" + (how.isEmpty() ? "" : " (" + how.strip() + ")") + " at "
                + g.accepted().time() + " after " + g.guessing()
                + (g.logins() > 1
                        ? "; " + g.logins() + " logins accepted" + (distributed ? "" : " while guessing")
                        : "");
        return new Finding(
                id,
                distributed ? Severity.HIGH : g.severity(),
                t.subject(),
                reason,
                g.observed(),
                g.threshold(),
                Duration.ofSeconds(g.seconds()),
                t.since(id, now),
                g.evidence());
    }
}
