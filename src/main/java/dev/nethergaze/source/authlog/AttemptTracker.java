package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.Bounded;
import java.util.Map;

/**
 * Per-connection bookkeeping keyed by sshd pid, bounded (least recently used pids are forgotten):
 * remembers the host a pid talks to, so lines that name none ("Disconnecting: Too many
 * authentication failures", "kex_exchange_identification: ...") are still attributed, and makes one
 * attempt by an invalid user count once: "Invalid user X from H" followed by "Failed password for
 * invalid user X from H" on the same pid is one attempt, not two. Likewise one failed handshake: sshd
 * logs "kex_exchange_identification: client sent invalid protocol identifier" (no host) and then,
 * for the same connection, "banner exchange: Connection from H port P: invalid format"; the pair
 * counts once. And "maximum authentication attempts exceeded" is a failed attempt only for a
 * connection that logged none (a key-guessing client: sshd logs failed public keys only at VERBOSE).
 */
final class AttemptTracker {

    static final int MAX_PIDS = 4096;

    private static final class PidState {
        String host;
        boolean invalidPending;
        AuthKind pending;
        /** A host-less handshake failure was counted (or is pending): the line naming the host repeats it. */
        boolean handshakeFailed;

        /** A failed attempt of this connection was counted. */
        boolean failed;
    }

    /** What to count for one classified event: the kind (null: nothing) and the host to use. */
    record Decision(AuthKind kind, String host) {}

    static final Decision NOTHING = new Decision(null, null);

    private final Map<Long, PidState> pids = Bounded.lru(MAX_PIDS);

    /** Decides one occurrence of {@code e} (call it {@code e.repeat()} times for repeated messages). */
    Decision decide(long pid, SshdEvent e) {
        PidState st = pid < 0 ? new PidState() : pids.computeIfAbsent(pid, k -> new PidState());
        if (e.opens()) {
            st.failed = false; // a new connection of a reused pid
        }
        String host = e.host() != null ? e.host() : st.host;
        boolean sameHandshake = false;
        if (e.host() != null) {
            st.host = e.host();
            sameHandshake = st.handshakeFailed && e.kind() == AuthKind.NEGOTIATION_FAILURE;
            st.handshakeFailed = false;
        } else if (e.kind() == AuthKind.NEGOTIATION_FAILURE && pid >= 0) {
            st.handshakeFailed = true;
        }
        if (sameHandshake) {
            return NOTHING; // "banner exchange: Connection from H …" after the "kex_exchange_identification" it follows
        }
        if (host == null) {
            if (e.kind() != null && e.kind() != AuthKind.PREAUTH_DISCONNECT && pid >= 0) {
                st.pending = e.kind(); // said before the host is known: counted when a later line names it
            }
            return NOTHING;
        }
        if (e.kind() == null) {
            return NOTHING;
        }
        AuthKind kind = e.kind();
        switch (kind) {
            case INVALID_USER -> st.invalidPending = true;
            case FAILED_PASSWORD, FAILED_PUBLICKEY, FAILED_NONE -> {
                if (e.invalidUser()) {
                    if (st.invalidPending) {
                        st.invalidPending = false;
                        return NOTHING; // the "Invalid user" line of this connection counted this attempt
                    }
                    kind = AuthKind.INVALID_USER;
                }
            }
            case MAX_AUTH_EXCEEDED -> {
                if (st.failed) {
                    return NOTHING; // its failed attempts were counted, each as it was logged
                }
                if (e.invalidUser()) {
                    kind = AuthKind.INVALID_USER;
                }
            }
            default -> {}
        }
        return counted(st, new Decision(kind, host));
    }

    private static Decision counted(PidState st, Decision d) {
        if (d.kind() != null && d.kind().isFailure()) {
            st.failed = true;
        }
        return d;
    }

    /** A host-less event of this pid waiting for its host, now that {@code host} is known; cleared. */
    Decision takePending(long pid, String host) {
        PidState st = pid < 0 || host == null ? null : pids.get(pid);
        if (st == null || st.pending == null) {
            return NOTHING;
        }
        AuthKind k = st.pending;
        st.pending = null;
        return counted(st, new Decision(k, host));
    }

    int size() {
        return pids.size();
    }
}
