package dev.nethergaze.source.authlog;

import dev.nethergaze.model.AuthKind;
import dev.nethergaze.source.authlog.AttemptTracker.Decision;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * The PAM failures of every pid that wait for their "Failed" line ({@link AttemptTracker}), in the
 * order their waits began, and when each wait is over: {@link AttemptTracker#PAM_WAIT} after it began,
 * judged on the log's own times at each later line ({@link #overdue}), and for a followed log also on
 * the source's clock at each of its polls ({@link #expire}), so the last line of a log that went quiet
 * counts too. Bounded as the pids are: an entry of a pid forgotten since is skipped.
 */
final class PamWaits {

    /**
     * One wait of a pid's PAM failures: the state it is of and its round, so an entry of a wait that has
     * ended (settled, or the pid forgotten) is known and skipped, and a pid that waits again is queued at
     * its new wait's place, not held at its old one's (where it held back the pids queued behind it until
     * its new wait was over).
     */
    private record Wait(long pid, PidState st, int round) {
        /** The pid's failures of this wait still wait. */
        boolean current(Map<Long, PidState> pids) {
            return st.pam > 0 && st.pamRound == round && pids.get(pid) == st;
        }
    }

    private final Map<Long, PidState> pids;

    /** The waits of PAM failures, in the order they began: oldest first. */
    private final ArrayDeque<Wait> order = new ArrayDeque<>();

    /** The latest line time seen, for what is still waiting at the end of the input. */
    private Instant latest;

    /** The clock at the latest {@link #expire}: when the lines read since were read, at the earliest. */
    private Instant polled;

    /** @param pids the tracker's pids, whose states the waits are of */
    PamWaits(Map<Long, PidState> pids) {
        this.pids = pids;
    }

    /** Whether PAM failures wait (then {@link #overdue} wants every line's time). */
    boolean waiting() {
        return !order.isEmpty();
    }

    /** {@code st}'s first PAM failure of a connection (its {@code pamAt} set): its wait begins. */
    void begin(long pid, PidState st) {
        st.pamRead = polled;
        st.pamRound++;
        order.addLast(new Wait(pid, st, st.pamRound));
        if (order.size() > AttemptTracker.MAX_PIDS) { // pids forgotten by the map leave entries behind
            order.pollFirst();
        }
    }

    /** The PAM failures waiting more than the wait at {@code time} (a line's), counted into {@code out}. */
    void overdue(Instant time, List<Decision> out) {
        if (time == null) {
            return;
        }
        if (latest == null || time.isAfter(latest)) {
            latest = time;
        }
        while (!order.isEmpty()) {
            Wait w = order.peekFirst();
            boolean current = w.current(pids);
            if (current && (w.st().pamAt == null || !time.isAfter(w.st().pamAt.plus(AttemptTracker.PAM_WAIT)))) {
                return; // (a line without a time waits for its connection's end)
            }
            order.pollFirst();
            if (current) {
                count(w.st(), time, out);
            }
        }
    }

    /**
     * A followed log's poll at {@code now} (its source's clock, not a line's time: a log whose stamps are
     * off by a zone still waits its full time): the PAM failures read the wait or more before, counted
     * into {@code out} (cleared first), each at its wait's end on the log's time. The lines read before
     * the first call count as read at it.
     */
    void expire(Instant now, List<Decision> out) {
        out.clear();
        if (polled == null) {
            for (Wait w : order) {
                if (w.st().pamRead == null) {
                    w.st().pamRead = now;
                }
            }
        }
        polled = now;
        while (!order.isEmpty()) {
            Wait w = order.peekFirst();
            boolean current = w.current(pids);
            if (current
                    && (w.st().pamRead == null || !now.isAfter(w.st().pamRead.plus(AttemptTracker.PAM_WAIT)))) {
                return;
            }
            order.pollFirst();
            if (current) {
                count(w.st(), null, out);
            }
        }
    }

    /**
     * Takes over {@code before}'s waits (its pids already in this one's map), which is left empty: in the
     * order they began, waiting from this one's latest poll (or its first, if none yet).
     */
    void adopt(PamWaits before) {
        for (Wait w : before.order) {
            if (w.current(pids)) {
                if (w.st().pamRead == null) {
                    w.st().pamRead = polled;
                }
                order.addLast(w);
            }
        }
        while (order.size() > AttemptTracker.MAX_PIDS) {
            order.pollFirst();
        }
        if (latest == null || (before.latest != null && before.latest.isAfter(latest))) {
            latest = before.latest;
        }
        before.order.clear();
    }

    /**
     * sshd's "PAM: Authentication failure for U from H" of {@code pid}, which counts its attempt: the
     * oldest PAM failure of another pid (sshd's PAM process) from {@code host} for {@code user} (or for
     * no user: pam_unix names none that does not exist) waiting for its "Failed" line is that attempt,
     * and no longer waits.
     */
    void settleOther(long pid, String host, String user) {
        for (Wait w : order) {
            PidState st = w.st();
            if (w.pid() != pid
                    && w.current(pids)
                    && host.equals(st.pamHost)
                    && (st.pamUser.isEmpty() || st.pamUser.equals(user))) {
                st.pam--;
                return;
            }
        }
    }

    /** The end of the input: every PAM failure still waiting counts. */
    void endOfInput(List<Decision> out) {
        out.clear();
        while (!order.isEmpty()) {
            Wait w = order.pollFirst();
            if (w.current(pids)) {
                count(w.st(), latest, out);
            }
        }
    }

    /** The waiting PAM failures of {@code st}, each a failed password, at {@code time} or their wait's end. */
    static void count(PidState st, Instant time, List<Decision> out) {
        Instant by = st.pamAt == null ? null : st.pamAt.plus(AttemptTracker.PAM_WAIT);
        Instant at = by != null && (time == null || time.isAfter(by)) ? by : time;
        for (int i = 0; i < st.pam; i++) {
            out.add(new Decision(AuthKind.FAILED_PASSWORD, st.pamHost, st.pamUser, at, st.pamLine));
        }
        st.failed |= st.pam > 0;
        st.pam = 0;
    }
}
