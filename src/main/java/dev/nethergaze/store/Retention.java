package dev.nethergaze.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * Keeps the file bounded: drops IPs (with their per-session and per-rule rows) last recorded before
 * the retention cut-off, then the least recently recorded IPs beyond the row cap, then the
 * per-IP rows, host-wide episodes and sessions of sessions recorded before the cut-off,
 * in short transactions of at most {@value #CHUNK} IPs so readers and the next flush never wait
 * long; finally returns free pages to the file system with an incremental vacuum.
 *
 * <p>The cut-off is {@code now - retention} on the wall clock, against when rows were written
 * ({@code recorded}), not the dates in them: a replay of a 2015 log recorded today is kept for the
 * retention from today, whatever newer data other sessions wrote into the same file.
 */
final class Retention {

    static final int CHUNK = 5000;
    /** The most host-wide episodes kept (a flood a day for 27 years). */
    static final int MAX_EPISODES = 10_000;

    private static final int VACUUM_PAGES = 2000;

    /** What one pass removed. */
    record Result(long ipsRemoved, long sessionsRemoved) {}

    private Retention() {}

    static Result prune(Connection c, Instant now, HistoryOptions o) throws SQLException {
        long cutoff = now.toEpochMilli() - o.retention().toMillis();
        long removed = 0;
        int n;
        do {
            n = deleteIps(c, "SELECT ip FROM ips WHERE recorded < " + cutoff + " LIMIT " + CHUNK);
            removed += n;
        } while (n == CHUNK);
        long excess = scalar(c, "SELECT count(*) FROM ips") - o.maxIps();
        while (excess > 0) {
            n = deleteIps(c, "SELECT ip FROM ips ORDER BY recorded, last_seen LIMIT " + Math.min(excess, CHUNK));
            removed += n;
            excess -= n;
        }
        // a replay whose session is gone is not recognised again: replayed again, it is recorded whole
        for (String table : new String[] {"ip_sessions", "replay_flags", "replay_spans"}) {
            update(
                    c,
                    "DELETE FROM " + table + " WHERE session_id IN (SELECT id FROM sessions WHERE recorded < ?)",
                    cutoff);
        }
        // host-wide episodes: within the retention, and the newest MAX_EPISODES of them
        update(
                c,
                "DELETE FROM host_episodes WHERE session_id IN (SELECT id FROM sessions WHERE recorded < ?)"
                        + " OR rowid NOT IN"
                        + " (SELECT rowid FROM host_episodes ORDER BY ended DESC LIMIT " + MAX_EPISODES + ")",
                cutoff);
        long sessions = update(
                c,
                "DELETE FROM sessions WHERE recorded < ? AND id NOT IN (SELECT DISTINCT session_id FROM ip_sessions)"
                        + " AND id NOT IN (SELECT DISTINCT session_id FROM host_episodes)",
                cutoff);
        vacuum(c);
        return new Result(removed, sessions);
    }

    private static int deleteIps(Connection c, String select) throws SQLException {
        return Transactions.immediate(c, () -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMP TABLE IF NOT EXISTS doomed(ip TEXT PRIMARY KEY)");
                st.execute("DELETE FROM doomed");
                int n = st.executeUpdate("INSERT INTO doomed " + select);
                if (n > 0) {
                    st.executeUpdate("DELETE FROM ip_flags WHERE ip IN (SELECT ip FROM doomed)");
                    st.executeUpdate("DELETE FROM replay_flags WHERE ip IN (SELECT ip FROM doomed)");
                    st.executeUpdate("DELETE FROM ip_sessions WHERE ip IN (SELECT ip FROM doomed)");
                    st.executeUpdate("DELETE FROM ips WHERE ip IN (SELECT ip FROM doomed)");
                }
                return n;
            }
        });
    }

    private static int update(Connection c, String sql, long arg) throws SQLException {
        return Transactions.immediate(c, () -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                st.setLong(1, arg);
                return st.executeUpdate();
            }
        });
    }

    /**
     * Returns free pages to the file system, at most {@value #VACUUM_PAGES} per call. The JDBC
     * driver steps a pragma once, and each step frees one page, so it is stepped in a loop.
     */
    static void vacuum(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            long free = scalar(c, "PRAGMA freelist_count");
            for (long i = 0; i < Math.min(free, VACUUM_PAGES); i++) {
                st.execute("PRAGMA incremental_vacuum(" + VACUUM_PAGES + ")");
                if (i % 64 == 63 && scalar(c, "PRAGMA freelist_count") == 0) {
                    break;
                }
            }
        }
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
