package dev.nethergaze.store;

import dev.nethergaze.store.IpRecord.IpSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads one IP's full record: its row, its rules and its recent sessions. */
final class IpRecords {

    private IpRecords() {}

    static Optional<IpRecord> read(Connection c, String ip, int recentSessions) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT first_seen, last_seen, sessions, requests, bytes, auth_failures, syn_recv, peak_conns,
                  flagged, country, asn, as_org, org, last_paths, last_action, last_action_reason, last_action_at
                FROM ips WHERE ip = ?""")) {
            st.setString(1, ip);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long asn = rs.getLong(11);
                Long asnOrNull = rs.wasNull() ? null : asn;
                String paths = rs.getString(14);
                long actionAt = rs.getLong(17);
                Instant actionAtOrNull = rs.wasNull() ? null : Instant.ofEpochMilli(actionAt);
                return Optional.of(new IpRecord(
                        ip,
                        Instant.ofEpochMilli(rs.getLong(1)),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getString(10),
                        asnOrNull,
                        rs.getString(12),
                        rs.getString(13),
                        paths == null ? List.of() : List.of(paths.split("\n", -1)),
                        rs.getString(15),
                        rs.getString(16),
                        actionAtOrNull,
                        rules(c, ip),
                        sessions(c, ip, recentSessions)));
            }
        }
    }

    private static Map<String, Long> rules(Connection c, String ip) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT rule, times FROM ip_flags WHERE ip = ?")) {
            st.setString(1, ip);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private static List<IpSession> sessions(Connection c, String ip, int limit) throws SQLException {
        List<IpSession> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                SELECT s.session_id, x.host, x.version, x.started, x.ended, s.first_seen, s.last_seen,
                  s.requests, s.bytes, s.auth_failures, s.flagged
                FROM ip_sessions s LEFT JOIN sessions x ON x.id = s.session_id
                WHERE s.ip = ? ORDER BY s.session_id DESC LIMIT ?""")) {
            st.setString(1, ip);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long ended = rs.getLong(5);
                    Instant endedOrNull = rs.wasNull() ? null : Instant.ofEpochMilli(ended);
                    out.add(new IpSession(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)),
                            endedOrNull,
                            Instant.ofEpochMilli(rs.getLong(6)),
                            Instant.ofEpochMilli(rs.getLong(7)),
                            rs.getLong(8),
                            rs.getLong(9),
                            rs.getLong(10),
                            rs.getLong(11)));
                }
            }
        }
        return out;
    }
}
