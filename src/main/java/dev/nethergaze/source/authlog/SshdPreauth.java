package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthKind;

/**
 * The sshd messages about connections that end before authentication (disconnects, resets,
 * timeouts), banner and key-exchange failures, PAM and access-control refusals, and the context
 * lines that tie a pid to a host. Part of {@link SshdMessage}; split off to keep files small.
 */
final class SshdPreauth {

    private static final String PREAUTH = "[preauth]";
    // prefixes: offsets into a message are their lengths, never counted by hand
    private static final String CONNECTION_FROM = "Connection from ";
    private static final String CLOSED_BY = "Connection closed by ";
    private static final String RESET_BY = "Connection reset by ";
    private static final String DISCONNECTED_FROM = "Disconnected from ";
    private static final String RECEIVED_DISCONNECT = "Received disconnect from ";
    private static final String TIMEOUT = "Timeout before authentication for ";
    private static final String TIMEOUT_HOST = "connection from ";
    private static final String NO_IDENTIFICATION = "Did not receive identification string from ";
    private static final String NEGOTIATE_WITH = "Unable to negotiate with ";
    private static final String BANNER = "banner exchange: Connection from ";
    private static final String DISPATCH = "ssh_dispatch_run_fatal: Connection from ";
    private static final String VERSIONS_DIFFER = "Protocol major versions differ";
    private static final String ILLEGAL = " for illegal user ";
    private static final String REMOTE = ";Remote: ";
    private static final String ROOT_REFUSED = "ROOT LOGIN REFUSED FROM ";
    private static final String RHOST = " rhost=";
    private static final String USER_IS = " user=";
    private static final String PAM_MORE = "PAM ";
    private static final String AUTHENTICATING = "authenticating user ";
    private static final String USER = "user ";
    private static final String DROP = "drop connection #";
    private static final String DROP_FROM = " from [";

    private SshdPreauth() {}

    static SshdEvent classify(String m) {
        // by the first character, to test each message only against the prefixes it can have (the
        // PAM lines, a third of an sshd log, match none or only the last)
        switch (m.isEmpty() ? ' ' : m.charAt(0)) {
            case 'C', 'D', 'R', 'T' -> {} // the prefixes below, then the others
            case 'B', 'P', 'U', 'n', 'b', 's', 'k' -> {
                SshdEvent neg = negotiation(m);
                return neg != null ? neg : refusal(m);
            }
            case 'S', 'r', 'a', 'p' -> {
                return refusal(m);
            }
            case 'd' -> {
                return dropped(m);
            }
            default -> {
                return null; // no prefix here starts with it
            }
        }
        if (m.startsWith(CONNECTION_FROM)) {
            return SshdEvent.opened(SshdMessage.token(m, CONNECTION_FROM.length()));
        }
        if (m.startsWith(CLOSED_BY) || m.startsWith(RESET_BY)) {
            int start = (m.startsWith(CLOSED_BY) ? CLOSED_BY : RESET_BY).length();
            return m.endsWith(PREAUTH) ? userHost(m, start) : SshdEvent.closed(SshdMessage.token(m, start));
        }
        if (m.startsWith(DISCONNECTED_FROM)) {
            return m.endsWith(PREAUTH) ? userHost(m, DISCONNECTED_FROM.length()) : null;
        }
        if (m.startsWith(RECEIVED_DISCONNECT)) {
            boolean authFail = m.contains("Auth fail");
            if (!authFail && !m.endsWith(PREAUTH)) {
                return null;
            }
            String host = SshdMessage.token(m, RECEIVED_DISCONNECT.length());
            return authFail
                    ? SshdEvent.of(AuthKind.FAILED_PASSWORD, host, "", false)
                    : SshdEvent.disconnectReceived(host);
        }
        if (m.startsWith(TIMEOUT)) {
            int from = m.indexOf(TIMEOUT_HOST);
            return SshdEvent.of(
                    AuthKind.PREAUTH_DISCONNECT,
                    SshdMessage.token(m, from < 0 ? TIMEOUT.length() : from + TIMEOUT_HOST.length()),
                    "",
                    false);
        }
        if (m.startsWith("Read from socket failed: ") && m.endsWith(PREAUTH)) {
            return SshdEvent.of(AuthKind.PREAUTH_DISCONNECT, null, "", false);
        }
        SshdEvent neg = negotiation(m);
        return neg != null ? neg : refusal(m);
    }

    /**
     * "drop connection #N from [H]:P on [L]:22 past MaxStartups", and since OpenSSH 9.8 "… penalty: failed
     * authentication" (PerSourcePenalties): the listener closed the connection before any exchange, one
     * preauth disconnect of H. A brute force that sshd penalises goes on as these lines alone.
     */
    private static SshdEvent dropped(String m) {
        if (!m.startsWith(DROP)) {
            return null;
        }
        int from = m.indexOf(DROP_FROM, DROP.length());
        int close = from < 0 ? -1 : m.indexOf(']', from + DROP_FROM.length());
        return close < 0
                ? null
                : SshdEvent.of(AuthKind.PREAUTH_DISCONNECT, m.substring(from + DROP_FROM.length(), close), "", false);
    }

    private static SshdEvent negotiation(String m) {
        String host = null;
        boolean match = true;
        if (m.startsWith(NO_IDENTIFICATION)) {
            host = SshdMessage.token(m, NO_IDENTIFICATION.length());
        } else if (m.startsWith("Bad protocol version identification ")) {
            int from = m.lastIndexOf(SshdMessage.FROM);
            host = from < 0 ? null : SshdMessage.token(m, from + SshdMessage.FROM.length());
        } else if (m.startsWith("Unable to negotiate")) {
            host = m.startsWith(NEGOTIATE_WITH) ? SshdMessage.token(m, NEGOTIATE_WITH.length()) : null;
        } else if (m.startsWith("no matching ") && m.contains(" found")) {
            host = null;
        } else if (m.startsWith(BANNER)) {
            host = SshdMessage.token(m, BANNER.length());
        } else if (m.startsWith(DISPATCH)) {
            host = SshdMessage.token(m, DISPATCH.length());
        } else if (m.startsWith(VERSIONS_DIFFER)) {
            // to OpenSSH 7.2 "… for H: OURS vs. THEIRS", to 7.9 "… for H port P: …"; since 8.0 "…: 2 vs. 1"
            // with no host, then "banner exchange: Connection from H port P: …" (the pair counts once)
            int at = VERSIONS_DIFFER.length() + SshdMessage.FOR.length();
            host = m.startsWith(SshdMessage.FOR, VERSIONS_DIFFER.length()) ? peer(m, at) : null;
        } else if (m.startsWith("kex_exchange_identification: ")) {
            match = !m.contains("banner line too long"); // the next "banner exchange" line carries the host
        } else {
            match = false;
        }
        return match ? SshdEvent.of(AuthKind.NEGOTIATION_FAILURE, host, "", false) : null;
    }

    /** The peer at {@code start}, up to " port " or ": " (an IPv6 address may end in "::"). */
    private static String peer(String m, int start) {
        int port = m.indexOf(" port ", start);
        int colon = m.indexOf(": ", start);
        int end = port < 0 ? colon : colon < 0 ? port : Math.min(port, colon);
        return end <= start ? null : m.substring(start, end);
    }

    private static SshdEvent refusal(String m) {
        if (m.startsWith("PAM: ") && m.contains(SshdMessage.FROM)) {
            int for_ = m.indexOf(SshdMessage.FOR);
            int illegal = m.indexOf(ILLEGAL);
            SshdEvent e = SshdMessage.userFrom(
                    AuthKind.FAILED_PASSWORD,
                    m,
                    illegal > 0 ? illegal + ILLEGAL.length() : for_ + SshdMessage.FOR.length());
            e = e == null || illegal < 0 ? e : SshdEvent.of(AuthKind.INVALID_USER, e.host(), e.user(), true);
            return e == null ? null : e.withStep(SshdEvent.Step.PAM_ERROR);
        }
        if (m.startsWith("SSH: Server;Ltype: ") && m.contains(REMOTE)) {
            int r = m.indexOf(REMOTE) + REMOTE.length();
            int semi = m.indexOf(';', r);
            String remote = m.substring(r, semi < 0 ? m.length() : semi);
            int dash = remote.lastIndexOf('-');
            return SshdEvent.context(dash > 0 ? remote.substring(0, dash) : remote);
        }
        if (m.startsWith("User ") && m.contains(" not allowed because ")) {
            int from = m.indexOf(SshdMessage.FROM);
            int not = m.lastIndexOf(" not allowed because ");
            return from < "User ".length() || from > not
                    ? null
                    : SshdEvent.of(
                            AuthKind.DENIED,
                            m.substring(from + SshdMessage.FROM.length(), not),
                            m.substring("User ".length(), from),
                            false);
        }
        if (m.startsWith(ROOT_REFUSED)) {
            return SshdEvent.of(AuthKind.DENIED, SshdMessage.token(m, ROOT_REFUSED.length()), "root", false);
        }
        if (m.startsWith("refused connect from ")) {
            int open = m.lastIndexOf(" (");
            return open < 0 || !m.endsWith(")")
                    ? null
                    : SshdEvent.of(AuthKind.DENIED, m.substring(open + 2, m.length() - 1), "", false);
        }
        if (m.startsWith("authentication failure;") && m.contains(RHOST)) {
            // old "sshd(pam_unix)[pid]: authentication failure; ... rhost=H user=U": the only line per attempt
            int rhost = m.indexOf(RHOST);
            int user = m.indexOf(USER_IS);
            String host = SshdMessage.token(m, rhost + RHOST.length());
            return host.isEmpty()
                    ? null
                    : SshdEvent.of(
                            AuthKind.FAILED_PASSWORD,
                            host,
                            user < 0 ? "" : SshdMessage.token(m, user + USER_IS.length()),
                            false);
        }
        if (m.startsWith("pam_unix(sshd:auth): authentication failure;")) {
            String host = pamValue(m, RHOST);
            return host.isEmpty() ? null : SshdEvent.pamFailure(host, pamUser(m), m.endsWith(PREAUTH));
        }
        if (m.startsWith(PAM_MORE)) {
            int n = 0;
            int i = PAM_MORE.length();
            while (i < m.length() && m.charAt(i) >= '0' && m.charAt(i) <= '9' && n < 1000) {
                n = n * 10 + m.charAt(i++) - '0';
            }
            String host = pamValue(m, RHOST);
            return n < 1 || !m.startsWith(" more authentication failure", i) || host.isEmpty()
                    ? null
                    : SshdEvent.pamMore(host, pamUser(m), n);
        }
        return null;
    }

    /** The value of a PAM line's {@code key} ({@code " rhost="}): the token after it, "" when it has none. */
    private static String pamValue(String m, String key) {
        int at = m.indexOf(key);
        return at < 0 ? "" : SshdMessage.token(m, at + key.length());
    }

    /** The user a PAM line names: {@code user=}, else {@code ruser=}; "" when neither. */
    private static String pamUser(String m) {
        String named = pamValue(m, USER_IS);
        return named.isEmpty() ? pamValue(m, " ruser=") : named;
    }

    /** "[authenticating user U |invalid user U ]HOST[ port P] [preauth]" starting at {@code start}. */
    private static SshdEvent userHost(String m, int start) {
        boolean invalid = m.startsWith(SshdMessage.INVALID_USER, start);
        if (invalid || m.startsWith(AUTHENTICATING, start)) {
            return SshdMessage.preauthUserHost(
                    AuthKind.PREAUTH_DISCONNECT,
                    m,
                    start + (invalid ? SshdMessage.INVALID_USER : AUTHENTICATING).length(),
                    invalid);
        }
        if (m.startsWith(USER, start)) {
            return SshdMessage.preauthUserHost(AuthKind.PREAUTH_DISCONNECT, m, start + USER.length(), false);
        }
        return SshdEvent.of(AuthKind.PREAUTH_DISCONNECT, SshdMessage.token(m, start), "", false);
    }
}
