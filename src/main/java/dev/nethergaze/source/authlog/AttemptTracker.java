package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.Bounded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * A PAM "authentication failure; ... rhost=H" waits for its pid's "Failed" line, which counts the
 * attempt; with none (a PAM stack that fails before sshd's own check), it counts once when the
 * connection ends, when a login of another user is accepted on it (a login of the same user: the
 * first PAM module failed, another one passed), or {@link #PAM_WAIT} later at the latest: judged on the
 * log's own times at each later line, and for a followed log also on the source's clock at each of its
 * polls ({@link #expire}), so the last line of a log that went quiet counts too. The same PAM line
 * logged again with "[preauth]" right after it (fail2ban gh-2070) is that attempt, not another.
 * pam_unix logs only a connection's first failure so, and the others as "PAM N more authentication
 * failures" when it ends: N more failures on a connection sshd logged no "Failed" line for (PAM-only),
 * nothing more on one where it did (each of them had its own "Failed" line).
 * A connection that ends before authentication counts one preauth disconnect: sshd logs "Received
 * disconnect from H port P:11: … [preauth]" and then "Disconnected from [authenticating user U ]H port P
 * [preauth]" for it; a later line of the pid naming the same host and port, the next or not, is that same end.
 * So does one that sshd ends at MaxAuthTries ("Disconnecting … Too many authentication failures"), once.
 */
final class AttemptTracker {

    static final int MAX_PIDS = 4096;

    /** How long a PAM failure waits for its "Failed" line: sshd's default LoginGraceTime. */
    static final Duration PAM_WAIT = Duration.ofMinutes(2);

    /** PAM failures of one connection counted at most. */
    private static final int MAX_PAM = 16;

    /**
     * What to count for one classified event: the kind (null: nothing) and the host to use; for a PAM
     * failure counted later, also its user, time and line (null: the current line's).
     */
    record Decision(AuthKind kind, String host, String user, Instant at, String line) {
        Decision(AuthKind kind, String host) {
            this(kind, host, null, null, null);
        }
    }

    static final Decision NOTHING = new Decision(null, null);

    private final Map<Long, PidState> pids = Bounded.lru(MAX_PIDS);

    /** The PAM failures waiting for their "Failed" line, of every pid. */
    private final PamWaits waits = new PamWaits(pids);

    /** Where the attempts wanted begin ({@link #countFrom}); null: all are. */
    private Instant from;

    /**
     * Only attempts from {@code from} on are wanted (a replay's or backfill's window; the reader drops
     * the others): an attempt logged on two lines, its first before it and its second inside, counts at
     * the second, not at the first, which is dropped.
     */
    void countFrom(Instant from) {
        this.from = from;
    }

    private boolean beforeWindow(Instant time) {
        return from != null && time != null && time.isBefore(from);
    }

    /**
     * Every decision for one line of {@code pid} at {@code time}, in order, into {@code out} (cleared
     * first): PAM failures whose wait is over, an attempt waiting for its host, then the line's own.
     * {@code message}: the line's text, kept as the evidence of a PAM failure counted later.
     */
    void decideLine(Instant time, long pidNumber, SshdEvent e, String message, List<Decision> out) {
        // boxed once for the line: each look-up in the pids map would box it again (a few a line)
        Long pid = pidNumber < 0 ? bareConnection(e, message) : pidNumber;
        out.clear();
        overdue(time, out);
        add(out, takePending(pid, e.host()));
        settlePam(time, pid, e, message, out);
        if (e.step() == SshdEvent.Step.PAM_ERROR && e.host() != null) {
            waits.settleOther(pid, e.host(), e.user()); // this line counts the attempt of sshd's PAM process
        }
        if (sameEnd(pid, e, message)) {
            return; // "Disconnected from … H port P [preauth]" after this connection's "Received disconnect"
        }
        int times = e.repeat();
        if (e.step() == SshdEvent.Step.PAM_MORE) {
            if (!pamOnly(pid)) {
                return; // each of them was logged by sshd as "Failed …" and counted so
            }
            times = Math.min(times, MAX_PAM);
        }
        if (e.tries() > 1) {
            untriedInvalid(pid, e, out);
        }
        for (int i = 0; i < times; i++) {
            add(out, decide(time, pid, e));
        }
        if (e.step() == SshdEvent.Step.MAX_TRIES_END && e.kind() == AuthKind.MAX_AUTH_EXCEEDED) {
            SshdEvent end = e.withKind(AuthKind.PREAUTH_DISCONNECT); // the limit, then the end it made
            if (!sameEnd(pid, end, message)) {
                add(out, decide(time, pid, end));
            }
        }
        if (pidNumber < 0
                && pid >= 0
                && (e.kind() == AuthKind.MAX_AUTH_EXCEEDED || e.step() == SshdEvent.Step.MAX_TRIES_END)) {
            // the connection's last line: its port, used again later, is another connection's
            bareConnections.remove(hostPort(message, e.host()));
            pids.remove(pid);
        }
    }

    /**
     * A Dropbear connection of an invalid user ends "(user 'U', N fails)": Dropbear logged the user once
     * ("Login attempt for nonexistent user", counted) and none of its tries after it, so the tries not
     * counted yet count here, as the invalid-user attempts they were ({@link #MAX_TRIES} at most).
     */
    private void untriedInvalid(Long pid, SshdEvent e, List<Decision> out) {
        PidState st = pid < 0 ? null : pids.get(pid);
        String host = st == null ? null : e.host() != null ? e.host() : st.host;
        if (st == null || st.invalidTries == 0 || host == null) {
            return;
        }
        int tries = Math.min(e.tries(), MAX_TRIES);
        for (; st.invalidTries < tries; st.invalidTries++) {
            out.add(new Decision(AuthKind.INVALID_USER, host, e.user(), null, null));
        }
    }

    /** Invalid-user tries counted from one Dropbear exit line at most. */
    private static final int MAX_TRIES = 100;

    /**
     * The connection of a line that names no pid ({@code sshd -E}): its "H port P", each given an id
     * above any pid (pid_max is at most 2^22), so its lines share their bookkeeping as a pid's do and
     * the interleaved lines of other connections do not; -1 when the line names no host and port. A
     * connection that ran out of tries is forgotten after that line, its last.
     */
    private long bareConnection(SshdEvent e, String message) {
        String at = e.host() == null ? null : hostPort(message, e.host());
        return at == null ? -1 : bareConnections.computeIfAbsent(at, k -> nextBareId++);
    }

    private final Map<String, Long> bareConnections = Bounded.lru(MAX_PIDS);

    private long nextBareId = 1L << 32;

    /**
     * Whether the pid's connection is one whose failures pam_unix logged and sshd did not (no "Failed"
     * line): there "PAM N more authentication failures" is N failures not counted yet.
     */
    private boolean pamOnly(Long pid) {
        PidState st = pid < 0 ? null : pids.get(pid);
        return st != null && st.pamSeen && !st.sshdFailed;
    }

    /**
     * Whether {@code e} is a preauth disconnect of the same host and port as the "Received disconnect"
     * that ended the pid's connection, whatever lines of the pid came between (the monitor's PAM failure,
     * a plain "Connection closed"): the port tells the connection, not the line next to it. Remembers this
     * line's host and port when it is such a "Received disconnect" or sshd's own end at MaxAuthTries (whose
     * oldest forms name no port: then the host alone, and "Connection closed by H [preauth]" after it is
     * that end); a new connection of the pid, or an attempt on it, forgets it.
     */
    private boolean sameEnd(Long pid, SshdEvent e, String message) {
        if (pid < 0) {
            return false;
        }
        if (e.kind() != AuthKind.PREAUTH_DISCONNECT) {
            // a new connection of the pid, or an attempt of one (its end was logged: this is another)
            PidState st = e.opens() || (e.kind() != null && e.step() == SshdEvent.Step.NONE) ? pids.get(pid) : null;
            if (st != null) {
                st.endedAt = null;
            }
            return false;
        }
        PidState st = pids.computeIfAbsent(pid, k -> new PidState());
        String host = e.host() != null ? e.host() : st.host;
        String at = host == null ? null : hostPort(message, host);
        if (st.endedAt != null && (st.endedAt.equals(at) || st.endedAt.equals(host))) {
            return true; // the same host and port, or the same host after an end that named no port
        }
        st.endedAt = switch (e.step()) {
            case DISCONNECT_RECEIVED -> at;
            // "Disconnecting: Too many authentication failures" (before OpenSSH 7.x) names no port: its host
            case MAX_TRIES_END -> at != null ? at : host;
            default -> null;
        };
        return false;
    }

    /** "H port P" when {@code message} names {@code host} followed by " port " and digits (the last such); else null. */
    static String hostPort(String message, String host) {
        String key = host + " port ";
        int at = message == null ? -1 : message.lastIndexOf(key);
        if (at < 0) {
            return null;
        }
        int end = at + key.length();
        while (end < message.length() && message.charAt(end) >= '0' && message.charAt(end) <= '9') {
            end++;
        }
        return end == at + key.length() ? null : message.substring(at, end);
    }

    private static void add(List<Decision> out, Decision d) {
        if (d.kind() != null) {
            out.add(d);
        }
    }

    /** Whether PAM failures wait for their "Failed" line (then {@link #overdue} wants every line's time). */
    boolean waiting() {
        return waits.waiting();
    }

    /** The PAM failures waiting more than {@link #PAM_WAIT} at {@code time}, counted into {@code out}. */
    void overdue(Instant time, List<Decision> out) {
        waits.overdue(time, out);
    }

    /** A followed log's poll at {@code now}: the PAM failures read {@link #PAM_WAIT} or more before (see {@link PamWaits#expire}). */
    void expire(Instant now, List<Decision> out) {
        waits.expire(now, out);
    }

    /**
     * Takes over {@code before}'s connections (a backfill's, read up to where this tracker's input goes
     * on), which is left empty: their hosts and pending pairs, and their PAM failures still waiting.
     */
    void adopt(AttemptTracker before) {
        pids.putAll(before.pids);
        waits.adopt(before.waits);
        before.pids.clear();
    }

    /** The end of the input: every PAM failure still waiting counts. */
    void endOfInput(List<Decision> out) {
        waits.endOfInput(out);
    }

    private void settlePam(Instant time, Long pid, SshdEvent e, String message, List<Decision> out) {
        if (pid < 0) {
            return; // lines without a pid: no connection to wait in
        }
        if (e.step() == SshdEvent.Step.PAM_FAILURE || e.step() == SshdEvent.Step.PAM_ECHO) {
            PidState st = pids.computeIfAbsent(pid, k -> new PidState());
            st.pamSeen = true;
            if (st.pam > 0 && !e.host().equals(st.pamHost)) {
                PamWaits.count(st, time, out); // another connection's
            }
            if (e.step() == SshdEvent.Step.PAM_ECHO
                    && st.pam > 0
                    && !st.pamEchoed
                    && e.user().equals(st.pamUser)) {
                st.pamEchoed = true; // the waiting failure logged again, not a second attempt
                return;
            }
            if (!st.invalidPending) { // else the "Invalid user" line counted this attempt
                waitPam(pid, st, time, e, message);
            }
            return;
        }
        PidState st = pids.get(pid);
        if (st == null || st.pam == 0) {
            return;
        }
        if (e.step() == SshdEvent.Step.PAM_MORE) {
            PamWaits.count(st, time, out); // logged as the connection ends; the others are counted after it
            return;
        }
        AuthKind k = e.kind();
        if (k == AuthKind.FAILED_PASSWORD
                || k == AuthKind.FAILED_PUBLICKEY
                || k == AuthKind.FAILED_NONE
                || k == AuthKind.INVALID_USER
                || k == AuthKind.MAX_AUTH_EXCEEDED) {
            st.pam = 0; // sshd's own line counts the attempt
        } else if (k == AuthKind.ACCEPTED && !st.pamUsersDiffer && st.pamUser.equals(e.user())) {
            st.pam = 0; // one PAM module failed, another let the same user in
        } else if (k == AuthKind.ACCEPTED || k == AuthKind.PREAUTH_DISCONNECT || e.step() != SshdEvent.Step.NONE) {
            PamWaits.count(st, time, out);
        }
    }

    private void waitPam(long pid, PidState st, Instant time, SshdEvent e, String message) {
        if (st.pam == 0) {
            st.pamHost = e.host();
            st.pamUser = e.user();
            st.pamUsersDiffer = false;
            st.pamAt = time;
            waits.begin(pid, st);
        } else if (!st.pamUser.equals(e.user())) {
            st.pamUsersDiffer = true;
        }
        st.pamLine = message;
        st.pamEchoed = false;
        st.pam = Math.min(st.pam + 1, MAX_PAM);
    }

    /**
     * Decides one occurrence of {@code e} at {@code time} (call it {@code e.repeat()} times for repeated
     * messages).
     */
    private Decision decide(Instant time, Long pid, SshdEvent e) {
        PidState st = pid < 0 ? new PidState() : pids.computeIfAbsent(pid, k -> new PidState());
        if (e.opens()) { // a new connection of a reused pid
            st.failed = false;
            st.pamErrors = 0;
            st.invalidTries = 0;
            st.sshdFailed = false;
            st.pamSeen = false;
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
        if (e.step() == SshdEvent.Step.KBDINT_FAILED && st.pamErrors > 0) {
            st.pamErrors--;
            st.sshdFailed = true;
            return NOTHING; // the attempt of the "PAM: Authentication failure" line before it, counted there
        }
        if (e.step() == SshdEvent.Step.PAM_ERROR) {
            st.pamErrors = Math.min(st.pamErrors + 1, MAX_PAM);
            if (st.invalidPending && e.invalidUser()) {
                st.invalidPending = false;
                return NOTHING; // the "Invalid user" line of this connection counted this attempt
            }
            return counted(st, new Decision(e.kind(), host));
        }
        AuthKind kind = e.kind();
        switch (kind) {
            // before the window its attempt is dropped with it: its "Failed" line inside counts it
            case INVALID_USER -> {
                st.invalidPending = !beforeWindow(time);
                st.invalidTries++;
            }
            case FAILED_PASSWORD, FAILED_PUBLICKEY, FAILED_NONE -> {
                st.sshdFailed |= e.step() != SshdEvent.Step.PAM_MORE;
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
    Decision takePending(Long pid, String host) {
        PidState st = pid < 0 || host == null ? null : pids.get(pid);
        if (st == null || st.pending == null) {
            return NOTHING;
        }
        AuthKind k = st.pending;
        st.pending = null;
        return counted(st, new Decision(k, host, "", null, null));
    }

    int size() {
        return pids.size();
    }
}
