package dev.nethergaze.store;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Snapshot;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Records a replay's final report as one session, in one immediate transaction: what earlier replays
 * recorded of the same inputs is read ({@link ReplaySpans}), the inputs are fingerprinted, and the
 * session is written whole, as what is new only (the report less the overlapping sessions' per-IP
 * counts and episodes), or not at all. Two replays of one log at once are one after the other.
 */
final class ReplayRecorder {

    /** One IP's counts in the overlapping sessions. */
    private record Base(long requests, long bytes, long auth, long lastSeen, Map<String, Long> rules) {}

    private ReplayRecorder() {}

    static ReplayRecord record(
            HistoryStore store,
            SessionInfo info,
            Snapshot s,
            Instant started,
            List<ReplaySource> sources,
            Instant from,
            Instant until,
            Instant now)
            throws SQLException {
        try (Connection c = store.connect();
                BatchWriter w = new BatchWriter(c, true)) {
            return Transactions.immediate(c, () -> {
                Integrity.check(c, store.file()); // nothing written into a damaged file
                List<ReplaySpans.Earlier> earlier = ReplaySpans.load(c);
                List<ReplaySpans.Current> current = ReplaySpans.fingerprint(sources, earlier, from, until);
                DeltaTracker tracker = new DeltaTracker();
                tracker.observe(s);
                List<PendingIp> batch = tracker.drain();
                List<PastFinding> episodes = distinct(s.earlierFindings());
                String note = null;
                switch (ReplaySpans.plan(current, earlier)) {
                    case ReplaySpans.Fresh f -> {}
                    case ReplaySpans.Already a -> {
                        return new ReplayRecord(0, "history: " + store.file() + ": " + a.message());
                    }
                    case ReplaySpans.Refuse r ->
                        throw new HistoryException("history: " + store.file() + ": " + r.message());
                    case ReplaySpans.Subtract sub -> {
                        batch = subtract(batch, base(c, sub.sessions()));
                        episodes = unfiled(c, sub.sessions(), episodes);
                        note = "history: " + store.file() + ": " + sub.message();
                    }
                }
                long session = w.startSession(info, started, now);
                w.episodes(session, episodes);
                w.write(session, batch, s.generatedAt(), now);
                ReplaySpans.insert(c, session, current);
                flags(c, session, batch);
                return new ReplayRecord(session, note);
            });
        }
    }

    private static List<PastFinding> distinct(List<PastFinding> found) {
        Map<String, PastFinding> out = new java.util.LinkedHashMap<>();
        for (PastFinding p : found) {
            out.putIfAbsent(
                    key(
                            p.finding().rule(),
                            p.finding().subject(),
                            p.finding().since().toEpochMilli()),
                    p);
        }
        return List.copyOf(out.values());
    }

    private static String key(String rule, String subject, long since) {
        return rule + "\0" + subject + "\0" + since;
    }

    /** The per-IP counts and episodes per rule that {@code sessions} recorded. */
    private static Map<String, Base> base(Connection c, Set<Long> sessions) throws SQLException {
        String in = sessions.stream().map(String::valueOf).collect(Collectors.joining(","));
        Map<String, Base> out = new HashMap<>();
        try (var st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT ip, sum(requests), sum(bytes), sum(auth_failures), max(last_seen)"
                    + " FROM ip_sessions WHERE session_id IN (" + in + ") GROUP BY ip")) {
                while (rs.next()) {
                    out.put(
                            rs.getString(1),
                            new Base(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), new HashMap<>()));
                }
            }
            try (var rs = st.executeQuery("SELECT ip, rule, sum(times) FROM replay_flags WHERE session_id IN (" + in
                    + ") GROUP BY ip, rule")) {
                while (rs.next()) {
                    Base b = out.computeIfAbsent(
                            rs.getString(1), ip -> new Base(0, 0, 0, Long.MIN_VALUE, new HashMap<>()));
                    b.rules().put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return out;
    }

    /**
     * {@code batch} less what the overlapping sessions hold of each IP: the counters and episodes that
     * are new; an IP with nothing new (no count, no episode, not seen later) is left out. Its first and last times stay the replay's: the
     * file's record of the IP takes the earliest and latest of all sessions.
     */
    private static List<PendingIp> subtract(List<PendingIp> batch, Map<String, Base> base) {
        List<PendingIp> out = new ArrayList<>(batch.size());
        for (PendingIp p : batch) {
            Base b = base.get(p.ip.toString());
            if (b != null) {
                p.requests = Math.max(0, p.requests - b.requests());
                p.bytes = Math.max(0, p.bytes - b.bytes());
                p.authFailures = Math.max(0, p.authFailures - b.auth());
                p.synRecv = 0;
                p.flags.replaceAll((rule, n) -> n - b.rules().getOrDefault(rule, 0L));
                p.flags.values().removeIf(n -> n <= 0);
                if (p.requests == 0
                        && p.bytes == 0
                        && p.authFailures == 0
                        && p.flags.isEmpty()
                        && p.lastSeen.toEpochMilli() <= b.lastSeen()) {
                    continue;
                }
            }
            out.add(p);
        }
        return out;
    }

    /** The host-wide episodes that {@code sessions} did not file already. */
    private static List<PastFinding> unfiled(Connection c, Set<Long> sessions, List<PastFinding> episodes)
            throws SQLException {
        String in = sessions.stream().map(String::valueOf).collect(Collectors.joining(","));
        Set<String> filed = new HashSet<>();
        try (var st = c.createStatement();
                var rs = st.executeQuery(
                        "SELECT rule, subject, since FROM host_episodes WHERE session_id IN (" + in + ")")) {
            while (rs.next()) {
                filed.add(key(rs.getString(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return episodes.stream()
                .filter(p -> {
                    Finding f = p.finding();
                    return !filed.contains(key(f.rule(), f.subject(), f.since().toEpochMilli()));
                })
                .toList();
    }

    /** The episodes each IP was recorded with in {@code session}, per rule (what a later replay subtracts). */
    private static void flags(Connection c, long session, List<PendingIp> batch) throws SQLException {
        try (PreparedStatement st =
                c.prepareStatement("INSERT INTO replay_flags(session_id, ip, rule, times) VALUES (?, ?, ?, ?)")) {
            for (PendingIp p : batch) {
                for (Map.Entry<String, Long> e : p.flags.entrySet()) {
                    st.setLong(1, session);
                    st.setString(2, p.ip.toString());
                    st.setString(3, e.getKey());
                    st.setLong(4, e.getValue());
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
    }
}
