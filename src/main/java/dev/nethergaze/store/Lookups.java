package dev.nethergaze.store;

import dev.nethergaze.model.HistoryInfo;
import dev.nethergaze.model.IpKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The batched, indexed history lookup shared by the console's reader and {@code history IP}. */
final class Lookups {

    static final HistoryInfo NEVER = new HistoryInfo(0, null, 0, 0);

    private Lookups() {}

    /**
     * History of each IP in {@code ips} (one primary-key lookup each, one statement for the batch),
     * leaving out session {@code exclude} (use -1 for none). IPs never seen map to {@link #NEVER}.
     */
    static Map<IpKey, HistoryInfo> earlier(Connection c, List<IpKey> ips, long exclude) throws SQLException {
        Map<String, IpKey> byText = HashMap.newHashMap(ips.size());
        for (IpKey ip : ips) {
            byText.put(ip.toString(), ip);
        }
        String marks = String.join(",", java.util.Collections.nCopies(byText.size(), "?"));
        Map<IpKey, HistoryInfo> out = HashMap.newHashMap(ips.size());
        try (PreparedStatement st = c.prepareStatement("""
                SELECT i.ip, i.sessions - (s.ip IS NOT NULL), i.first_seen,
                  i.requests - coalesce(s.requests, 0), i.flagged - coalesce(s.flagged, 0)
                FROM ips i LEFT JOIN ip_sessions s ON s.ip = i.ip AND s.session_id = ?
                WHERE i.ip IN (%s)""".formatted(marks))) {
            st.setLong(1, exclude);
            int i = 2;
            for (String ip : byText.keySet()) {
                st.setString(i++, ip);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long sessions = rs.getLong(2);
                    HistoryInfo h = sessions <= 0
                            ? NEVER
                            : new HistoryInfo(
                                    sessions, Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4), rs.getLong(5));
                    out.put(byText.get(rs.getString(1)), h);
                }
            }
        }
        for (IpKey ip : ips) {
            out.putIfAbsent(ip, NEVER);
        }
        return out;
    }
}
