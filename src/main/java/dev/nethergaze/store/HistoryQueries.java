package dev.nethergaze.store;

import dev.nethergaze.model.HistoryInfo;
import dev.nethergaze.model.IpKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The read side of {@code nethergaze history}; each call uses its own short-lived connection. */
public final class HistoryQueries {

    /** What {@code history top} ranks by. */
    public enum By {
        REQUESTS("requests"),
        FLAGGED("flagged"),
        AUTH("auth_failures");

        private final String column;

        By(String column) {
            this.column = column;
        }

        public static By parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "requests" -> REQUESTS;
                case "flagged" -> FLAGGED;
                case "auth" -> AUTH;
                default ->
                    throw new IllegalArgumentException("--by must be requests, flagged or auth, got '" + s + "'");
            };
        }
    }

    private static final String SUMMARY_COLUMNS = "i.ip, %s, %s, %s, %s, %s, %s, i.country, coalesce(i.as_org, i.org)";

    private final HistoryStore store;

    HistoryQueries(HistoryStore store) {
        this.store = store;
    }

    /** The {@code ips[].history} object of one IP over all sessions. */
    public HistoryInfo info(IpKey ip) {
        try (Connection c = store.connect()) {
            return Lookups.earlier(c, List.of(ip), -1).get(ip);
        } catch (SQLException e) {
            throw store.failure("cannot read", e);
        }
    }

    /** The IP's full record with its {@code recentSessions} most recent sessions, if it was ever seen. */
    public Optional<IpRecord> ip(IpKey ip, int recentSessions) {
        try (Connection c = store.connect()) {
            return IpRecords.read(c, ip.toString(), recentSessions);
        } catch (SQLException e) {
            throw store.failure("cannot read", e);
        }
    }

    /** The {@code limit} IPs with the most requests, flags or auth failures in sessions since {@code since}. */
    public List<IpSummary> top(By by, Instant since, int limit) {
        String sql = "SELECT "
                + SUMMARY_COLUMNS.formatted(
                        "count(*)",
                        "min(s.first_seen)",
                        "max(s.last_seen)",
                        "sum(s.requests)",
                        "sum(s.auth_failures)",
                        "sum(s.flagged)")
                + " FROM ip_sessions s JOIN ips i ON i.ip = s.ip WHERE s.last_seen >= ?"
                + " GROUP BY s.ip HAVING sum(s." + by.column + ") > 0 ORDER BY sum(s." + by.column
                + ") DESC, i.ip LIMIT ?";
        return summaries(sql, since.toEpochMilli(), limit);
    }

    /** IPs seen in at least {@code minSessions} sessions, most sessions first (lifetime totals). */
    public List<IpSummary> recurring(int minSessions, int limit) {
        String sql = "SELECT "
                + SUMMARY_COLUMNS.formatted(
                        "i.sessions", "i.first_seen", "i.last_seen", "i.requests", "i.auth_failures", "i.flagged")
                + " FROM ips i WHERE i.sessions >= ? ORDER BY i.sessions DESC, i.last_seen DESC LIMIT ?";
        return summaries(sql, minSessions, limit);
    }

    /**
     * Every IP ever seen in the prefix {@code network}/{@code bits} (lifetime totals), the most flagged
     * first, then the most requests. Addresses are kept as text, which no index orders by prefix: SQL
     * narrows by the leading text the prefix fixes (whole IPv4 octets, the first IPv6 group), the exact
     * test is done here.
     */
    public List<IpSummary> within(IpKey network, int bits) {
        IpKey net = network.prefix(bits);
        String narrow;
        if (net.isV4()) {
            int octets = bits / 8;
            String[] o = net.toString().split("\\.");
            narrow = octets == 0
                    ? "i.ip NOT LIKE '%:%'"
                    : "i.ip LIKE '" + String.join(".", java.util.Arrays.copyOf(o, octets))
                            + (octets == 4 ? "'" : ".%'");
        } else {
            int first = (int) (net.hi() >>> 48);
            narrow = bits >= 16 && first != 0 ? "i.ip LIKE '" + Integer.toHexString(first) + ":%'" : "i.ip LIKE '%:%'";
        }
        String sql = "SELECT "
                + SUMMARY_COLUMNS.formatted(
                        "i.sessions", "i.first_seen", "i.last_seen", "i.requests", "i.auth_failures", "i.flagged")
                + " FROM ips i WHERE " + narrow + " AND i.sessions >= ? ORDER BY i.flagged DESC, i.requests DESC, i.ip"
                + " LIMIT ?";
        List<IpSummary> out = new ArrayList<>();
        for (IpSummary s : summaries(sql, 0, Integer.MAX_VALUE)) { // any sessions, no limit: filtered here
            IpKey k = IpKey.tryParse(s.ip());
            if (k != null && k.isV4() == net.isV4() && k.prefix(bits).equals(net)) {
                out.add(s);
            }
        }
        return out;
    }

    private List<IpSummary> summaries(String sql, long param, int limit) {
        return rows(
                sql,
                param,
                limit,
                rs -> new IpSummary(
                        rs.getString(1),
                        rs.getLong(2),
                        Instant.ofEpochMilli(rs.getLong(3)),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getString(8),
                        rs.getString(9)));
    }

    /** One result row as a value. */
    private interface Row<T> {
        T of(ResultSet rs) throws SQLException;
    }

    /** The rows of {@code sql}, whose two parameters are {@code param} and {@code limit}. */
    private <T> List<T> rows(String sql, long param, int limit, Row<T> row) {
        try (Connection c = store.connect();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, param);
            st.setInt(2, limit);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(row.of(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw store.failure("cannot read", e);
        }
    }

    /**
     * The host-wide findings that ended since {@code since}, the most recently ended first: each episode
     * once, however many sessions watching the host at the time filed it ({@link HostEpisode#sessions}).
     */
    public List<HostEpisode> hostEpisodes(Instant since, int limit) {
        // every row of the period (Retention keeps at most MAX_EPISODES), merged, then the newest `limit`
        List<HostEpisode> filed = rows("""
                SELECT s.host, e.session_id, e.rule, e.subject, e.severity, e.since, e.ended, e.observed,
                  e.threshold, e.reason, e.evidence
                FROM host_episodes e LEFT JOIN sessions s ON s.id = e.session_id
                WHERE e.ended >= ? ORDER BY e.since LIMIT ?""", since.toEpochMilli(), Retention.MAX_EPISODES, rs -> {
            String evidence = rs.getString(11);
            return new HostEpisode(
                    rs.getString(1) == null ? "" : rs.getString(1),
                    rs.getLong(2),
                    1,
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    Instant.ofEpochMilli(rs.getLong(6)),
                    Instant.ofEpochMilli(rs.getLong(7)),
                    rs.getDouble(8),
                    rs.getDouble(9),
                    rs.getString(10),
                    evidence.isEmpty() ? List.of() : List.of(evidence.split("\n", -1)));
        });
        return mergeSessions(filed).stream()
                .sorted(Comparator.comparing(HostEpisode::ended).reversed().thenComparing(HostEpisode::rule))
                .limit(limit)
                .toList();
    }

    /** Rows ordered by start, those of one episode ({@link HostEpisode#sameEpisode}) merged into one. */
    static List<HostEpisode> mergeSessions(List<HostEpisode> bySince) {
        List<HostEpisode> out = new ArrayList<>();
        // per host, rule and subject, its latest episode: in order of start, only that one can overlap
        Map<List<String>, Integer> latest = new java.util.HashMap<>();
        for (HostEpisode e : bySince) {
            Integer at = latest.get(List.of(e.host(), e.rule(), e.subject()));
            if (at != null && out.get(at).sameEpisode(e)) {
                out.set(at, out.get(at).merge(e));
            } else {
                latest.put(List.of(e.host(), e.rule(), e.subject()), out.size());
                out.add(e);
            }
        }
        return out;
    }

    /** Lifetime totals over all IPs: requests, bytes, auth failures, flags (tests, doctor). */
    public Map<String, Long> totals() {
        try (Connection c = store.connect();
                PreparedStatement st =
                        c.prepareStatement("SELECT count(*), coalesce(sum(requests),0), coalesce(sum(bytes),0),"
                                + " coalesce(sum(auth_failures),0), coalesce(sum(flagged),0) FROM ips");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            Map<String, Long> out = new TreeMap<>();
            String[] names = {"ips", "requests", "bytes", "auth_failures", "flagged"};
            for (int i = 0; i < names.length; i++) {
                out.put(names[i], rs.getLong(i + 1));
            }
            return out;
        } catch (SQLException e) {
            throw store.failure("cannot read", e);
        }
    }
}
