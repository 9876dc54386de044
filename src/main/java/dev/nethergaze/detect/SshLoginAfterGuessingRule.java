package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import java.time.Duration;
import java.time.Instant;

/**
 * sshd accepted a login from an IP whose failed attempts met a guessing rule when it logged in: the
 * guess may have worked. Critical for a password (or keyboard-interactive, or an unknown method), high
 * for a key. It stays for the slow-guessing window ({@code detect.ssh.slow_window_seconds}, a day by
 * default) after the latest such login, however quiet the IP is since: a break-in is not over when
 * the guessing stops.
 */
final class SshLoginAfterGuessingRule implements Rule {

    static final String ID = "ssh_login_after_guessing";

    private final int seconds;

    SshLoginAfterGuessingRule(DetectSettings s) {
        this.seconds = s.ssh().slowWindowSeconds();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public long quietAt(IpTrack t, long sec) {
        return Rule.endOf(t.auth.guessedLogin.accepted().time(), seconds);
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        GuessedLogin g = t.auth == null ? null : t.auth.guessedLogin;
        if (g == null || !Rule.within(g.accepted().time(), seconds, now)) {
            return null;
        }
        String method = g.method();
        String user = g.accepted().user();
        String login = (method.isEmpty() ? "" : method + " ") + (user.isEmpty() ? "" : "for " + Evidence.clip(user));
        String reason = "SSH login accepted" + (login.isEmpty() ? "" : " (" + login.strip() + ")") + " at "
                + g.accepted().time() + " after " + g.guessing()
                + (g.logins() > 1 ? "; " + g.logins() + " logins accepted while guessing" : "");
        return new Finding(
                ID,
                g.severity(),
                t.subject(),
                reason,
                g.observed(),
                g.threshold(),
                Duration.ofSeconds(g.seconds()),
                t.since(ID, now),
                g.evidence());
    }
}
