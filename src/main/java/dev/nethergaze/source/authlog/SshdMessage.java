package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthKind;

/**
 * Classifies one sshd message (the text after {@code sshd[pid]: }) with plain string search, no
 * regular expressions. Every pattern here has annotated sample lines in the tests (fail2ban's
 * sshd.log and sshd-journal.log). Returns null for messages that say nothing about an attempt.
 */
final class SshdMessage {

    // prefixes and separators: offsets into a message are their lengths, never counted by hand
    private static final String REPEATED = "message repeated ";
    private static final String FAILED = "Failed ";
    static final String INVALID_USER = "invalid user ";
    private static final String MAX_AUTH = "maximum authentication attempts exceeded for ";
    private static final String DISCONNECTING_INVALID = "Disconnecting invalid user ";
    private static final String DISCONNECTING_AUTHENTICATING = "Disconnecting authenticating user ";
    private static final String TOO_MANY = "Too many authentication failures";
    static final String FROM = " from ";
    static final String FOR = " for ";

    /**
     * Starts of sshd's own INFO lines that say nothing about an attempt: start and stop, a tried
     * password's shadow look-up, the end of a connection that ran out of tries, the end of a session
     * ("Received disconnect from H port P:11: disconnected by user", "Disconnected from user U H port P"),
     * and since OpenSSH 9.8 the listener's note that it penalised an address or prefix ("srclimit_penalise:
     * ipv4: new H/32 active penalty of 10.000 seconds for penalty: failed authentication", srclimit.c),
     * the consequence of attempts their own lines count. A bare line ({@code sshd -E}) starting so, which {@link #classify} finds nothing in, is a line of an
     * sshd log, not an unparsed one.
     */
    private static final java.util.List<String> SAYS_NOTHING = java.util.List.of(
            "Server listening on ",
            "Received signal ",
            "Received SIGHUP",
            "Could not get shadow information for ",
            "Disconnecting ",
            "Received disconnect from ",
            "Disconnected from ",
            "srclimit_penalise: ");

    private SshdMessage() {}

    /** Whether {@code m} is one of sshd's lines that say nothing about an attempt ({@link #SAYS_NOTHING}). */
    static boolean saysNothing(String m) {
        String s = stripPrefixes(m);
        return SAYS_NOTHING.stream().anyMatch(s::startsWith);
    }

    static SshdEvent classify(String m) {
        m = stripPrefixes(m);
        if (m.isEmpty()) {
            return null;
        }
        // by the first character: each message is tested against the few prefixes it can have, not
        // all of them (about half of an sshd log is PAM and session lines that match none)
        return switch (m.charAt(0)) {
            case 'm' ->
                m.startsWith(REPEATED)
                        ? repeated(m)
                        : m.startsWith(MAX_AUTH)
                                ? userFrom(AuthKind.MAX_AUTH_EXCEEDED, m, MAX_AUTH.length())
                                : SshdPreauth.classify(m);
            case 'F' -> m.startsWith(FAILED) ? failed(m) : SshdPreauth.classify(m);
            case 'I', 'i' ->
                m.startsWith("Invalid user ") || m.startsWith(INVALID_USER) ? invalidUser(m) : SshdPreauth.classify(m);
            case 'A' -> m.startsWith("Accepted ") ? accepted(m) : SshdPreauth.classify(m);
            case 'D' -> disconnecting(m);
            default -> SshdPreauth.classify(m);
        };
    }

    private static SshdEvent invalidUser(String m) {
        int from = m.lastIndexOf(FROM);
        return from < INVALID_USER.length()
                ? null
                : SshdEvent.of(
                        AuthKind.INVALID_USER,
                        token(m, from + FROM.length()),
                        m.substring(INVALID_USER.length(), from),
                        true);
    }

    private static SshdEvent accepted(String m) {
        int for_ = m.indexOf(FOR);
        int from = m.lastIndexOf(FROM);
        return for_ < 0 || from < for_
                ? null
                : SshdEvent.of(
                        AuthKind.ACCEPTED,
                        token(m, from + FROM.length()),
                        m.substring(for_ + FOR.length(), from),
                        false);
    }

    /** "Disconnecting..." lines; other messages starting with 'D' are {@link SshdPreauth}'s. */
    private static SshdEvent disconnecting(String m) {
        if (m.startsWith("Disconnecting: Too many authentication failures")) {
            // before OpenSSH 7.x's form below: the limit (and, up to 6.6, all there is of it) and the end
            int for_ = m.indexOf(FOR);
            String user = for_ < 0 ? "" : upTo(m, for_ + FOR.length(), " [preauth]");
            return SshdEvent.of(AuthKind.MAX_AUTH_EXCEEDED, null, user, false).withStep(SshdEvent.Step.MAX_TRIES_END);
        }
        if (m.startsWith(DISCONNECTING_INVALID) || m.startsWith(DISCONNECTING_AUTHENTICATING)) {
            boolean invalid = m.startsWith(DISCONNECTING_INVALID);
            int colon = m.indexOf(": ");
            String head = colon < 0 ? m : m.substring(0, colon);
            AuthKind kind = m.contains("Change of username") ? AuthKind.DENIED : AuthKind.PREAUTH_DISCONNECT;
            SshdEvent e = preauthUserHost(
                    kind, head, (invalid ? DISCONNECTING_INVALID : DISCONNECTING_AUTHENTICATING).length(), invalid);
            // "…: Too many authentication failures": the end of a connection whose "maximum authentication
            // attempts exceeded" line (just before) counted the limit; a preauth disconnect, not an attempt
            return e != null && colon > 0 && m.startsWith(TOO_MANY, colon + 2)
                    ? e.withStep(SshdEvent.Step.MAX_TRIES_END)
                    : e;
        }
        return SshdPreauth.classify(m);
    }

    private static SshdEvent failed(String m) {
        int for_ = m.indexOf(FOR);
        int from = hostFrom(m, for_);
        if (for_ < 0 || from < for_) {
            return null;
        }
        String method = m.substring(FAILED.length(), for_);
        AuthKind kind = switch (method) {
            case "publickey", "hostbased" -> AuthKind.FAILED_PUBLICKEY;
            case "none" -> AuthKind.FAILED_NONE;
            default -> AuthKind.FAILED_PASSWORD;
        };
        String user = m.substring(for_ + FOR.length(), from);
        boolean invalid = user.startsWith(INVALID_USER);
        if (invalid) {
            user = user.substring(INVALID_USER.length());
        }
        if (user.startsWith("user ")) { // "Failed password for user admin from" (some PAM stacks)
            user = user.substring("user ".length());
        }
        if (user.equals("<invalid username>")) {
            user = "";
            invalid = true;
        }
        SshdEvent e = SshdEvent.of(kind, token(m, from + FROM.length()), user, invalid);
        return method.startsWith("keyboard-interactive") ? e.withStep(SshdEvent.Step.KBDINT_FAILED) : e;
    }

    private static SshdEvent repeated(String m) {
        String times_ = " times: [ ";
        int times = m.indexOf(times_);
        if (times < 0 || !m.endsWith("]")) {
            return null;
        }
        int n = 0;
        for (int i = REPEATED.length(); i < times && n < 100_000; i++) {
            char c = m.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            n = n * 10 + c - '0';
        }
        SshdEvent inner =
                classify(m.substring(times + times_.length(), m.length() - 1).strip());
        return inner == null || n < 1 ? null : inner.withRepeat(n);
    }

    /**
     * The " from " that introduces the peer: the last one followed by "HOST port", so text a client
     * controls ("ssh2: ruser from X", a user name with " from ") cannot pick the address; else the last.
     */
    static int hostFrom(String m, int start) {
        int colon = m.indexOf(": ", Math.max(0, start)); // "ssh2: <key or client text>" follows the peer
        int at = m.lastIndexOf(FROM, colon < 0 ? m.length() : colon);
        while (at >= Math.max(0, start)) {
            int sp = m.indexOf(' ', at + FROM.length());
            if (sp > 0 && m.startsWith(" port ", sp)) {
                return at;
            }
            at = m.lastIndexOf(FROM, at - 1);
        }
        return m.lastIndexOf(FROM);
    }

    /** "... for [invalid user ]USER from HOST ..." starting at {@code start}. */
    static SshdEvent userFrom(AuthKind kind, String m, int start) {
        int from = m.lastIndexOf(FROM);
        if (from < start) {
            return null;
        }
        String user = m.substring(start, from);
        boolean invalid = user.startsWith(INVALID_USER);
        return SshdEvent.of(
                kind, token(m, from + FROM.length()), invalid ? user.substring(INVALID_USER.length()) : user, invalid);
    }

    /** "... USER HOST port P" starting at {@code start}: the host is the token before the last " port ". */
    static SshdEvent preauthUserHost(AuthKind kind, String m, int start, boolean invalid) {
        int port = m.lastIndexOf(" port ");
        if (port <= start) {
            return null;
        }
        int sp = m.lastIndexOf(' ', port - 1);
        if (sp < start - 1) {
            return null;
        }
        String user = sp > start ? m.substring(start, sp) : "";
        return SshdEvent.of(kind, m.substring(sp + 1, port), user, invalid);
    }

    /** The token starting at {@code p}: up to a space, without a trailing ':' or ','. */
    static String token(String m, int p) {
        int e = m.indexOf(' ', p);
        if (e < 0) {
            e = m.length();
        }
        while (e > p && (m.charAt(e - 1) == ':' || m.charAt(e - 1) == ',')) {
            e--;
        }
        return m.substring(p, e);
    }

    static String upTo(String m, int p, String stop) {
        int e = m.indexOf(stop, p);
        return m.substring(p, e < 0 ? m.length() : e);
    }

    private static String stripPrefixes(String m) {
        for (int guard = 0; guard < 4; guard++) {
            char c = m.isEmpty() ? ' ' : m.charAt(0);
            if (c != 'e' && c != 'f' && c != '[' && c != 'k') {
                return m; // none of the prefixes below
            }
            if (m.startsWith("error: ") || m.startsWith("fatal: ")) {
                m = m.substring("error: ".length());
            } else if (m.startsWith("[ID ") && m.indexOf("] ") > 0) {
                m = m.substring(m.indexOf("] ") + 2);
            } else if (m.startsWith("kernel:") && m.indexOf(']') > 0) { // "kernel:[  970.69]: " injected by journald
                int close = m.indexOf(']');
                int skip = close + 1 < m.length() && m.charAt(close + 1) == ':' ? close + 2 : close + 1;
                m = m.substring(Math.min(m.length(), skip)).stripLeading();
            } else {
                return m;
            }
        }
        return m;
    }
}
