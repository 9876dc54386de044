package dev.nethergaze.ui.tui.screen;

import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.RequestView;
import dev.nethergaze.model.Snapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live log, rebuilt from snapshots: per IP, the requests that are new since the previous
 * snapshot (by the IP's request counter, taken from its bounded recent-requests list) and SSH
 * events summarised from the change of its auth counters. Bounded to {@code capacity} entries. A
 * snapshot that follows the last one seen ({@link Snapshot#follows}) is read by its changed views only:
 * at 20k IPs, looking each one up four times a second was half of the console's thread.
 */
public final class LogHistory {

    private final int capacity;
    private final ArrayDeque<LogEntry> entries;
    private final Map<IpKey, Long> seenRequests = new HashMap<>();
    private final Map<IpKey, AuthSummary> seenAuth = new HashMap<>();
    private Snapshot last;
    private long seq;

    public LogHistory(int capacity) {
        this.capacity = capacity;
        this.entries = new ArrayDeque<>(capacity);
    }

    /** Adds what is new in {@code s}; a no-op for the snapshot seen last. */
    @SuppressWarnings("ReferenceEquality") // identity: the same published snapshot object
    public void update(Snapshot s) {
        if (s == null || s == last) {
            return;
        }
        List<IpView> news = s.follows(last) ? s.changed() : s.ips();
        last = s;
        List<LogEntry> fresh = new ArrayList<>();
        for (IpView v : news) {
            long before = seenRequests.getOrDefault(v.ip(), 0L);
            long added = v.requests() - before;
            List<RequestView> recent = v.lastRequests();
            for (int i = (int) Math.max(0, recent.size() - added); i < recent.size(); i++) {
                fresh.add(new LogEntry(0, recent.get(i).time(), v.ip(), recent.get(i), null, false));
            }
            if (added != 0) {
                seenRequests.put(v.ip(), v.requests());
            }
            AuthSummary a = v.auth();
            if (!a.isEmpty()) {
                sshEvent(v, seenAuth.getOrDefault(v.ip(), AuthSummary.NONE), s).ifPresent(fresh::add);
                seenAuth.put(v.ip(), a);
            }
        }
        forgetGone(s);
        // by time, then by address (stable: an IP's requests keep their order), whichever order the
        // views came in
        fresh.sort(Comparator.comparing(LogEntry::time).thenComparing(LogEntry::ip));
        for (LogEntry e : fresh) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(new LogEntry(++seq, e.time(), e.ip(), e.request(), e.text(), e.sshFailure()));
        }
    }

    private static java.util.Optional<LogEntry> sshEvent(IpView v, AuthSummary before, Snapshot s) {
        AuthSummary a = v.auth();
        long failed = a.failures() - before.failures();
        long accepted = a.accepted() - before.accepted();
        if (failed <= 0 && accepted <= 0) {
            return java.util.Optional.empty();
        }
        StringBuilder t = new StringBuilder("sshd ");
        if (failed > 0) {
            t.append(Plural.of(failed, "failed login"));
        }
        if (accepted > 0) {
            t.append(failed > 0 ? ", " : "").append(accepted).append(" accepted");
        }
        if (!a.users().isEmpty()) {
            t.append(" (")
                    .append(String.join(
                            ", ", a.users().subList(0, Math.min(4, a.users().size()))));
            t.append(')');
        }
        return java.util.Optional.of(new LogEntry(0, s.generatedAt(), v.ip(), null, t.toString(), failed > 0));
    }

    /** Drops counters of IPs the engine no longer tracks, once they are a good share of the map. */
    private void forgetGone(Snapshot s) {
        if (seenRequests.size() + seenAuth.size() <= 2 * s.ips().size() + 1024) {
            return;
        }
        java.util.Set<IpKey> live = new java.util.HashSet<>();
        s.ips().forEach(v -> live.add(v.ip()));
        seenRequests.keySet().retainAll(live);
        seenAuth.keySet().retainAll(live);
    }

    /** Oldest first. */
    public List<LogEntry> entries() {
        return new ArrayList<>(entries);
    }
}
