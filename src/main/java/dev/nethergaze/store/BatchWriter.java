package dev.nethergaze.store;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.PastFinding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SQL of a flush: adds a batch of per-IP deltas to the IP, IP-session, rule and session rows
 * in one transaction (all or nothing). Used by the writer thread only.
 */
final class BatchWriter implements AutoCloseable {

    private final Connection c;
    private final PreparedStatement newIpSession;
    private final PreparedStatement addIpSession;
    private final PreparedStatement upsertIp;
    private final PreparedStatement upsertFlag;
    private final PreparedStatement addSession;
    private final PreparedStatement addEpisode;
    /** Whether the caller holds a transaction that each write joins (a replay's, all or nothing). */
    private final boolean joined;

    BatchWriter(Connection c) throws SQLException {
        this(c, false);
    }

    /**
     * A writer whose writes run in a transaction of their own each, or when {@code joined} in the one
     * the caller began on {@code c} (an immediate one: see {@link Transactions}).
     */
    BatchWriter(Connection c, boolean joined) throws SQLException {
        this.c = c;
        this.joined = joined;
        newIpSession = c.prepareStatement(
                "INSERT OR IGNORE INTO ip_sessions(ip, session_id, first_seen, last_seen) VALUES (?, ?, ?, ?)");
        addIpSession = c.prepareStatement("""
                UPDATE ip_sessions SET first_seen = min(first_seen, ?), last_seen = max(last_seen, ?),
                  requests = requests + ?, bytes = bytes + ?, auth_failures = auth_failures + ?, flagged = flagged + ?
                WHERE ip = ? AND session_id = ?""");
        upsertIp = c.prepareStatement("""
                INSERT INTO ips(ip, first_seen, last_seen, sessions, requests, bytes, auth_failures, syn_recv,
                  peak_conns, flagged, country, asn, as_org, org, last_paths, recorded)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(ip) DO UPDATE SET
                  first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),
                  sessions = sessions + excluded.sessions, requests = requests + excluded.requests,
                  bytes = bytes + excluded.bytes, auth_failures = auth_failures + excluded.auth_failures,
                  syn_recv = syn_recv + excluded.syn_recv, peak_conns = max(peak_conns, excluded.peak_conns),
                  flagged = flagged + excluded.flagged, country = coalesce(excluded.country, country),
                  asn = coalesce(excluded.asn, asn), as_org = coalesce(excluded.as_org, as_org),
                  org = coalesce(excluded.org, org), last_paths = coalesce(excluded.last_paths, last_paths),
                  recorded = max(coalesce(recorded, 0), excluded.recorded)""");
        upsertFlag = c.prepareStatement("""
                INSERT INTO ip_flags(ip, rule, times, last_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(ip, rule) DO UPDATE SET times = times + excluded.times,
                  last_at = max(last_at, excluded.last_at)""");
        addEpisode = c.prepareStatement("""
                INSERT INTO host_episodes(session_id, rule, subject, severity, since, ended, observed, threshold,
                  reason, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(session_id, rule, subject, since) DO UPDATE SET ended = excluded.ended,
                  severity = excluded.severity, observed = excluded.observed, reason = excluded.reason,
                  evidence = excluded.evidence WHERE excluded.observed >= observed""");
        addSession = c.prepareStatement("""
                UPDATE sessions SET ended = ?, ips = ips + ?, requests = requests + ?, bytes = bytes + ?,
                  auth_failures = auth_failures + ?, flagged = flagged + ?, recorded = ? WHERE id = ?""");
    }

    /**
     * Files host-wide findings that ended, one row per episode (an episode filed again, as it ended
     * later or at a higher peak, replaces its row when its peak is not lower), in one transaction.
     */
    void episodes(long session, List<PastFinding> ended) throws SQLException {
        tx(() -> {
            for (PastFinding p : ended) {
                Finding f = p.finding();
                addEpisode.setLong(1, session);
                addEpisode.setString(2, f.rule());
                addEpisode.setString(3, f.subject());
                addEpisode.setString(4, f.severity().json());
                addEpisode.setLong(5, f.since().toEpochMilli());
                addEpisode.setLong(6, p.ended().toEpochMilli());
                addEpisode.setDouble(7, f.observed());
                addEpisode.setDouble(8, f.threshold());
                addEpisode.setString(9, f.reason());
                addEpisode.setString(10, String.join("\n", f.evidence()));
                addEpisode.addBatch();
            }
            return addEpisode.executeBatch();
        });
    }

    /** Inserts the session row and returns its id. */
    long startSession(SessionInfo info, Instant started, Instant recorded) throws SQLException {
        return tx(() -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO sessions(started, ended, host, version, recorded) VALUES (?, ?, ?, ?, ?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                st.setLong(1, started.toEpochMilli());
                st.setLong(2, started.toEpochMilli());
                st.setString(3, info.host());
                st.setString(4, info.version());
                st.setLong(5, recorded.toEpochMilli());
                st.executeUpdate();
                try (var keys = st.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Deletes the session's row if nothing was recorded in it (its data could not be written). */
    void dropEmptySession(long session) throws SQLException {
        tx(() -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM sessions WHERE id = ? AND ips = 0"
                    + " AND NOT EXISTS (SELECT 1 FROM ip_sessions WHERE session_id = ?)"
                    + " AND NOT EXISTS (SELECT 1 FROM host_episodes WHERE session_id = ?)")) {
                for (int i = 1; i <= 3; i++) {
                    st.setLong(i, session);
                }
                return st.executeUpdate();
            }
        });
    }

    /**
     * Adds {@code batch} to the store and moves the session's end to {@code now} (the data's clock),
     * atomically; {@code recorded} (the wall clock) is when its rows were last written.
     */
    void write(long session, List<PendingIp> batch, Instant now, Instant recorded) throws SQLException {
        tx(() -> {
            long newIps = 0;
            long req = 0;
            long bytes = 0;
            long auth = 0;
            long flagged = 0;
            for (PendingIp p : batch) {
                boolean first = insertIpSession(session, p);
                newIps += first ? 1 : 0;
                long f = p.flaggedTotal();
                addIpSession(session, p, f);
                upsertIp(p, first, f, recorded);
                for (Map.Entry<String, Long> e : p.flags.entrySet()) {
                    upsertFlag.setString(1, p.ip.toString());
                    upsertFlag.setString(2, e.getKey());
                    upsertFlag.setLong(3, e.getValue());
                    upsertFlag.setLong(4, p.lastFlagged.toEpochMilli());
                    upsertFlag.executeUpdate();
                }
                req += p.requests;
                bytes += p.bytes;
                auth += p.authFailures;
                flagged += f;
            }
            long[] totals = {now.toEpochMilli(), newIps, req, bytes, auth, flagged, recorded.toEpochMilli(), session};
            for (int i = 0; i < totals.length; i++) {
                addSession.setLong(i + 1, totals[i]);
            }
            return addSession.executeUpdate();
        });
    }

    private boolean insertIpSession(long session, PendingIp p) throws SQLException {
        newIpSession.setString(1, p.ip.toString());
        newIpSession.setLong(2, session);
        newIpSession.setLong(3, p.firstSeen.toEpochMilli());
        newIpSession.setLong(4, p.lastSeen.toEpochMilli());
        return newIpSession.executeUpdate() == 1;
    }

    private void addIpSession(long session, PendingIp p, long flagged) throws SQLException {
        addIpSession.setLong(1, p.firstSeen.toEpochMilli());
        addIpSession.setLong(2, p.lastSeen.toEpochMilli());
        addIpSession.setLong(3, p.requests);
        addIpSession.setLong(4, p.bytes);
        addIpSession.setLong(5, p.authFailures);
        addIpSession.setLong(6, flagged);
        addIpSession.setString(7, p.ip.toString());
        addIpSession.setLong(8, session);
        addIpSession.executeUpdate();
    }

    private void upsertIp(PendingIp p, boolean firstInSession, long flagged, Instant recorded) throws SQLException {
        upsertIp.setString(1, p.ip.toString());
        upsertIp.setLong(2, p.firstSeen.toEpochMilli());
        upsertIp.setLong(3, p.lastSeen.toEpochMilli());
        long[] counters = {firstInSession ? 1 : 0, p.requests, p.bytes, p.authFailures, p.synRecv, p.peakConns, flagged
        };
        for (int i = 0; i < counters.length; i++) {
            upsertIp.setLong(4 + i, counters[i]);
        }
        upsertIp.setString(11, p.country);
        if (p.asn == null) {
            upsertIp.setNull(12, Types.INTEGER);
        } else {
            upsertIp.setLong(12, p.asn);
        }
        upsertIp.setString(13, p.asOrg);
        upsertIp.setString(14, p.org);
        upsertIp.setString(15, p.lastPaths.isEmpty() ? null : String.join("\n", p.lastPaths));
        upsertIp.setLong(16, recorded.toEpochMilli());
        upsertIp.executeUpdate();
    }

    /** Records the last block/unblock of an IP with its reason. */
    void action(String ip, String action, String reason, Instant at) throws SQLException {
        tx(() -> {
            try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO ips(ip, first_seen, last_seen, last_action, last_action_reason, last_action_at, recorded)
                VALUES (?, ?, ?, ?, ?, ?, ?6) ON CONFLICT(ip) DO UPDATE SET last_action = excluded.last_action,
                  last_action_reason = excluded.last_action_reason, last_action_at = excluded.last_action_at""")) {
                st.setString(1, ip);
                st.setLong(2, at.toEpochMilli());
                st.setLong(3, at.toEpochMilli());
                st.setString(4, action);
                st.setString(5, reason);
                st.setLong(6, at.toEpochMilli());
                return st.executeUpdate();
            }
        });
    }

    private <T> T tx(Transactions.Body<T> body) throws SQLException {
        return joined ? body.run() : Transactions.immediate(c, body);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement st : List.of(newIpSession, addIpSession, upsertIp, upsertFlag, addSession, addEpisode)) {
            st.close();
        }
    }
}
