package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthKind;

/**
 * The sshd messages about connections that end before authentication (disconnects, resets,
 * timeouts), banner and key-exchange failures, PAM and access-control refusals, and the context
 * lines that tie a pid to a host. Part of {@link SshdMessage}; split off to keep files small.
 */
final class SshdPreauth {

    private static final String PREAUTH = "[preauth]";

    private SshdPreauth() {}

    static SshdEvent classify(String m) {
        if (m.startsWith("Connection from ")) {
            return SshdEvent.context(SshdMessage.token(m, 16));
        }
        if (m.startsWith("Connection closed by ") || m.startsWith("Connection reset by ")) {
            int start = m.startsWith("Connection closed by ") ? 21 : 20;
            return m.endsWith(PREAUTH) ? userHost(m, start) : SshdEvent.context(SshdMessage.token(m, start));
        }
        if (m.startsWith("Disconnected from ")) {
            return m.endsWith(PREAUTH) ? userHost(m, 18) : null;
        }
        if (m.startsWith("Received disconnect from ")) {
            boolean authFail = m.contains("Auth fail");
            if (!authFail && !m.endsWith(PREAUTH)) {
                return null;
            }
            return SshdEvent.of(
                    authFail ? AuthKind.FAILED_PASSWORD : AuthKind.PREAUTH_DISCONNECT,
                    SshdMessage.token(m, 25),
                    "",
                    false);
        }
        if (m.startsWith("Timeout before authentication for ")) {
            int from = m.indexOf("connection from ");
            return SshdEvent.of(
                    AuthKind.PREAUTH_DISCONNECT, SshdMessage.token(m, from < 0 ? 34 : from + 16), "", false);
        }
        if (m.startsWith("Read from socket failed: ") && m.endsWith(PREAUTH)) {
            return SshdEvent.of(AuthKind.PREAUTH_DISCONNECT, null, "", false);
        }
        SshdEvent neg = negotiation(m);
        return neg != null ? neg : refusal(m);
    }

    private static SshdEvent negotiation(String m) {
        String host = null;
        boolean match = true;
        if (m.startsWith("Did not receive identification string from ")) {
            host = SshdMessage.token(m, 43);
        } else if (m.startsWith("Bad protocol version identification ")) {
            int from = m.lastIndexOf(" from ");
            host = from < 0 ? null : SshdMessage.token(m, from + 6);
        } else if (m.startsWith("Unable to negotiate")) {
            host = m.startsWith("Unable to negotiate with ") ? SshdMessage.token(m, 25) : null;
        } else if (m.startsWith("no matching ") && m.contains(" found")) {
            host = null;
        } else if (m.startsWith("banner exchange: Connection from ")) {
            host = SshdMessage.token(m, 33);
        } else if (m.startsWith("ssh_dispatch_run_fatal: Connection from ")) {
            host = SshdMessage.token(m, 40);
        } else if (m.startsWith("kex_exchange_identification: ")) {
            match = !m.contains("banner line too long"); // the next "banner exchange" line carries the host
        } else {
            match = false;
        }
        return match ? SshdEvent.of(AuthKind.NEGOTIATION_FAILURE, host, "", false) : null;
    }

    private static SshdEvent refusal(String m) {
        if (m.startsWith("PAM: ") && m.contains(" from ")) {
            int for_ = m.indexOf(" for ");
            int illegal = m.indexOf(" for illegal user ");
            SshdEvent e = SshdMessage.userFrom(AuthKind.FAILED_PASSWORD, m, illegal > 0 ? illegal + 18 : for_ + 5);
            return e == null || illegal < 0 ? e : SshdEvent.of(AuthKind.INVALID_USER, e.host(), e.user(), true);
        }
        if (m.startsWith("SSH: Server;Ltype: ") && m.contains(";Remote: ")) {
            int r = m.indexOf(";Remote: ") + 9;
            int semi = m.indexOf(';', r);
            String remote = m.substring(r, semi < 0 ? m.length() : semi);
            int dash = remote.lastIndexOf('-');
            return SshdEvent.context(dash > 0 ? remote.substring(0, dash) : remote);
        }
        if (m.startsWith("User ") && m.contains(" not allowed because ")) {
            int from = m.indexOf(" from ");
            int not = m.lastIndexOf(" not allowed because ");
            return from < 0 || from > not
                    ? null
                    : SshdEvent.of(AuthKind.DENIED, m.substring(from + 6, not), m.substring(5, from), false);
        }
        if (m.startsWith("ROOT LOGIN REFUSED FROM ")) {
            return SshdEvent.of(AuthKind.DENIED, SshdMessage.token(m, 24), "root", false);
        }
        if (m.startsWith("refused connect from ")) {
            int open = m.lastIndexOf(" (");
            return open < 0 || !m.endsWith(")")
                    ? null
                    : SshdEvent.of(AuthKind.DENIED, m.substring(open + 2, m.length() - 1), "", false);
        }
        if (m.startsWith("authentication failure;") && m.contains(" rhost=")) {
            // old "sshd(pam_unix)[pid]: authentication failure; ... rhost=H user=U": the only line per attempt
            int rhost = m.indexOf(" rhost=");
            int user = m.indexOf(" user=");
            String host = SshdMessage.token(m, rhost + 7);
            return host.isEmpty()
                    ? null
                    : SshdEvent.of(
                            AuthKind.FAILED_PASSWORD, host, user < 0 ? "" : SshdMessage.token(m, user + 6), false);
        }
        if (m.startsWith("pam_unix(sshd:auth): authentication failure;")) {
            int rhost = m.indexOf(" rhost=");
            return rhost < 0 ? null : SshdEvent.context(SshdMessage.token(m, rhost + 7));
        }
        return null;
    }

    /** "[authenticating user U |invalid user U ]HOST[ port P] [preauth]" starting at {@code start}. */
    private static SshdEvent userHost(String m, int start) {
        boolean invalid = m.startsWith("invalid user ", start);
        if (invalid || m.startsWith("authenticating user ", start)) {
            return SshdMessage.preauthUserHost(AuthKind.PREAUTH_DISCONNECT, m, start + (invalid ? 13 : 20), invalid);
        }
        if (m.startsWith("user ", start)) {
            return SshdMessage.preauthUserHost(AuthKind.PREAUTH_DISCONNECT, m, start + 5, false);
        }
        return SshdEvent.of(AuthKind.PREAUTH_DISCONNECT, SshdMessage.token(m, start), "", false);
    }
}
