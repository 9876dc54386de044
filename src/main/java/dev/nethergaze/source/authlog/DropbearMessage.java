package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.IpKey;

/**
 * Classifies one Dropbear message (embedded boxes, OpenWrt) onto the events sshd's lines make, as
 * Dropbear's svr-main.c, svr-auth.c, svr-authpasswd.c, svr-authpubkey.c and svr-session.c word them.
 * Its peer is written {@code H:P} (an IPv6 address without brackets, its port after the last colon),
 * in {@code <H:P>} on exit lines. One attempt is one line: "Bad password attempt for 'U' from H:P" each
 * password; "Pubkey auth attempt with unknown algo for 'U' from H:P" a failed publickey attempt (see
 * {@link #accepted}); "Login attempt for nonexistent user[ 'U'] from H:P" once a connection (Dropbear logs it
 * once, and none of the tries after it: their number is on the exit line, "(user 'U', N fails)", and the
 * tracker counts the N - 1 more there); "Max
 * auth tries reached" (on the "Exit before auth" line that ends such a connection) only when the
 * connection logged no failure, and as a preauth disconnect (as sshd's end at MaxAuthTries); any other
 * exit before authentication is a preauth disconnect. "Child
 * connection from H:P" opens a connection (its pid's later lines are that peer's), and "Exit (U) from
 * &lt;H:P&gt;" after a login closes it. Returns null for messages that say nothing about an attempt.
 */
final class DropbearMessage {

    private static final String FROM = " from ";
    private static final String CHILD = "Child connection from ";
    private static final String BAD_PASSWORD = "Bad password attempt for ";
    private static final String TOO_LONG = "Too-long password attempt for ";
    private static final String NONEXISTENT = "Login attempt for nonexistent user";
    private static final String WRONG_USER = "Login attempt with wrong user ";
    private static final String PASSWORD_OK = "Password auth succeeded for ";
    private static final String PUBKEY_OK = "Pubkey auth succeeded for ";
    private static final String PUBKEY_UNKNOWN_ALGO = "Pubkey auth attempt with unknown algo for ";
    private static final String EXIT_BEFORE_AUTH = "xit before auth";
    private static final String EXIT_AFTER_AUTH = "Exit (";
    private static final String OLD_EXIT_AFTER_AUTH = "exit after auth (";
    private static final String MAX_TRIES = "Max auth tries reached - user ";
    private static final String USER_TRIES = "(user '";
    private static final String USER_QUOTED = "User '";
    private static final String ROOT_REJECTED = "root login rejected";
    private static final String RESTRICTED = "Logins are restricted to the group ";

    private DropbearMessage() {}

    static SshdEvent classify(String m) {
        if (m.isEmpty()) {
            return null;
        }
        return switch (m.charAt(0)) {
            case 'B' -> attempt(AuthKind.FAILED_PASSWORD, m, BAD_PASSWORD);
            case 'T' -> attempt(AuthKind.FAILED_PASSWORD, m, TOO_LONG);
            case 'P', 'p' -> accepted(m);
            case 'L' -> login(m);
            case 'C' -> m.startsWith(CHILD) ? SshdEvent.opened(peer(m, CHILD.length())) : null;
            case 'E', 'e' -> exit(m);
            case 'M' -> maxTries(m, null);
            case 'U' ->
                (m.startsWith(USER_QUOTED) && m.endsWith(", rejected")) || m.startsWith("User account '")
                        ? SshdEvent.of(AuthKind.DENIED, null, quoted(m, m.indexOf('\'')), false)
                        : null;
            case 'r' -> m.startsWith(ROOT_REJECTED) ? SshdEvent.of(AuthKind.DENIED, null, "root", false) : null;
            default -> null;
        };
    }

    /** "PREFIX'U' from H:P": {@code kind} of U from H. */
    private static SshdEvent attempt(AuthKind kind, String m, String prefix) {
        if (!m.startsWith(prefix)) {
            return null;
        }
        int from = m.lastIndexOf(FROM);
        return from < prefix.length()
                ? null
                : SshdEvent.of(kind, peer(m, from + FROM.length()), quoted(m, prefix.length()), false);
    }

    /**
     * "Password auth succeeded for 'U' from H:P", "Pubkey auth succeeded for 'U' with key … from H:P"
     * (older Dropbear: lower case); "…, extra auth required" is a first factor passed, not a login.
     * "Pubkey auth attempt with unknown algo for 'U' from H:P" (svr-authpubkey.c's checkpubkey: a key of
     * a type the server does not know, offered for U once the handshake is done; Dropbear refuses it with
     * a userauth failure, as a key not in authorized_keys) is a failed publickey attempt, as sshd's
     * "Failed publickey" is: not a handshake failure, which ends a connection before any user is named.
     */
    private static SshdEvent accepted(String m) {
        String upper = Character.toUpperCase(m.charAt(0)) + m.substring(1);
        if (upper.startsWith(PUBKEY_UNKNOWN_ALGO)) {
            return attempt(AuthKind.FAILED_PUBLICKEY, upper, PUBKEY_UNKNOWN_ALGO);
        }
        String prefix = upper.startsWith(PASSWORD_OK) ? PASSWORD_OK : upper.startsWith(PUBKEY_OK) ? PUBKEY_OK : null;
        if (prefix == null || m.endsWith("extra auth required")) {
            return null;
        }
        int from = m.lastIndexOf(FROM);
        return from < prefix.length()
                ? null
                : SshdEvent.of(AuthKind.ACCEPTED, peer(m, from + FROM.length()), quoted(m, prefix.length()), false);
    }

    /** "Login attempt for nonexistent user[ 'U'] from H:P", "Login attempt with wrong user U from H:P", a group refusal. */
    private static SshdEvent login(String m) {
        int from = m.lastIndexOf(FROM);
        if (m.startsWith(NONEXISTENT) && from >= NONEXISTENT.length()) {
            String user = from > NONEXISTENT.length() + 1 ? quoted(m, NONEXISTENT.length() + 1) : "";
            return SshdEvent.of(AuthKind.INVALID_USER, peer(m, from + FROM.length()), user, true);
        }
        if (m.startsWith(WRONG_USER) && from > WRONG_USER.length()) {
            return SshdEvent.of(
                    AuthKind.DENIED, peer(m, from + FROM.length()), m.substring(WRONG_USER.length(), from), false);
        }
        if (m.startsWith(RESTRICTED)) {
            int user = m.indexOf(" but user '");
            return SshdEvent.of(AuthKind.DENIED, null, user < 0 ? "" : quoted(m, user + " but user ".length()), false);
        }
        return null;
    }

    /**
     * "Exit before auth from &lt;H:P&gt;: [(user 'U', N fails): ]REASON" (to 2013: "exit before auth[ (user
     * 'U', N fails)]: REASON", no peer; the pid's "Child connection" line names it), and "Exit (U) from
     * &lt;H:P&gt;: REASON" after a login (to 2013: "exit after auth (U): REASON", no peer): the session
     * closed, no attempt.
     */
    private static SshdEvent exit(String m) {
        if (m.startsWith(EXIT_AFTER_AUTH)) {
            int open = m.indexOf(" from <");
            return open < 0 ? null : SshdEvent.closed(peer(m, open + FROM.length()));
        }
        if (m.startsWith(OLD_EXIT_AFTER_AUTH)) {
            return SshdEvent.closed(null);
        }
        if (!m.startsWith(EXIT_BEFORE_AUTH, 1)) {
            return null;
        }
        int open = m.indexOf(" from <");
        String host = open < 0 ? null : peer(m, open + FROM.length());
        int max = m.indexOf(MAX_TRIES);
        SshdEvent e = max >= 0
                ? maxTries(m.substring(max), host)
                : SshdEvent.of(AuthKind.PREAUTH_DISCONNECT, host, "", false);
        int user = m.indexOf(USER_TRIES);
        int fails = user < 0 ? -1 : m.indexOf(" fails)", user);
        int comma = fails < 0 ? -1 : m.lastIndexOf("', ", fails);
        if (e == null || user < 0 || comma < user) {
            return e;
        }
        int n = 0;
        for (int i = comma + 3; i < fails && n < 100_000; i++) {
            char c = m.charAt(i);
            if (c < '0' || c > '9') {
                return e;
            }
            n = n * 10 + c - '0';
        }
        return SshdEvent.exit(e.kind(), e.host(), m.substring(user + USER_TRIES.length(), comma), e.invalidUser(), n)
                .withStep(e.step());
    }

    /** "Max auth tries reached - user 'U'[ from H:P]" ('is invalid' for an invalid user): {@code host} when it names none. */
    private static SshdEvent maxTries(String m, String host) {
        if (!m.startsWith(MAX_TRIES)) {
            return null;
        }
        String user = quoted(m, MAX_TRIES.length());
        boolean invalid = user.equals("is invalid");
        int from = m.indexOf(FROM, MAX_TRIES.length());
        String peer = from < 0 ? host : peer(m, from + FROM.length());
        // the connection's end too (dropbear_exit): a preauth disconnect, as sshd's at MaxAuthTries
        return SshdEvent.of(AuthKind.MAX_AUTH_EXCEEDED, peer, invalid ? "" : user, invalid)
                .withStep(SshdEvent.Step.MAX_TRIES_END);
    }

    /** The text in quotes at {@code p} ({@code 'root'}); unquoted, the word there. */
    private static String quoted(String m, int p) {
        if (p < 0 || p >= m.length()) {
            return "";
        }
        if (m.charAt(p) != '\'') {
            return SshdMessage.token(m, p);
        }
        int close = m.indexOf('\'', p + 1);
        return close < 0 ? m.substring(p + 1) : m.substring(p + 1, close);
    }

    /**
     * The address of Dropbear's {@code H:P} (or {@code <H:P>}) at {@code p}: without its port when what
     * is left is an address ({@code 2001:db8::7:40004} is 2001:db8::7), else as written (an address
     * logged without a port, {@code ::ffff:10.2.0.21}; a host name).
     */
    static String peer(String m, int p) {
        if (p < m.length() && m.charAt(p) == '<') {
            p++;
        }
        int e = p;
        while (e < m.length() && m.charAt(e) != ' ' && m.charAt(e) != '>') {
            e++;
        }
        while (e > p && (m.charAt(e - 1) == ':' || m.charAt(e - 1) == ',')) {
            e--;
        }
        String whole = m.substring(p, e);
        int colon = whole.lastIndexOf(':');
        if (colon <= 0 || colon == whole.length() - 1) {
            return whole;
        }
        for (int i = colon + 1; i < whole.length(); i++) {
            if (whole.charAt(i) < '0' || whole.charAt(i) > '9') {
                return whole;
            }
        }
        String host = whole.substring(0, colon);
        return IpKey.tryParse(host) != null || whole.indexOf(':') == colon ? host : whole;
    }
}
