package dev.nethergaze.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The numbered schema migrations, applied in order at start in one transaction each. The
 * database's {@code PRAGMA user_version} is the number of the last one applied. Never edit a
 * released migration: add the next one.
 */
final class Migrations {

    /** Migration 1: the layout of the first build with history (schema v1). */
    static final List<String> V1 = List.of("""
            CREATE TABLE sessions(
              id INTEGER PRIMARY KEY,
              started INTEGER NOT NULL,
              ended INTEGER,
              host TEXT NOT NULL)""", """
            CREATE TABLE ips(
              ip TEXT PRIMARY KEY,
              first_seen INTEGER NOT NULL,
              last_seen INTEGER NOT NULL,
              sessions INTEGER NOT NULL DEFAULT 0,
              requests INTEGER NOT NULL DEFAULT 0,
              flagged INTEGER NOT NULL DEFAULT 0)""");

    /** Migration 2: lifetime counters, per-session and per-rule rows, last enrichment and action. */
    static final List<String> V2 = List.of(
            "ALTER TABLE sessions ADD COLUMN version TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE sessions ADD COLUMN ips INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE sessions ADD COLUMN requests INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE sessions ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE sessions ADD COLUMN auth_failures INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE sessions ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE ips ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE ips ADD COLUMN auth_failures INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE ips ADD COLUMN syn_recv INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE ips ADD COLUMN peak_conns INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE ips ADD COLUMN country TEXT",
            "ALTER TABLE ips ADD COLUMN asn INTEGER",
            "ALTER TABLE ips ADD COLUMN as_org TEXT",
            "ALTER TABLE ips ADD COLUMN org TEXT",
            "ALTER TABLE ips ADD COLUMN last_paths TEXT",
            "ALTER TABLE ips ADD COLUMN last_action TEXT",
            "ALTER TABLE ips ADD COLUMN last_action_reason TEXT",
            "ALTER TABLE ips ADD COLUMN last_action_at INTEGER",
            "CREATE INDEX ips_last_seen ON ips(last_seen)",
            "CREATE INDEX ips_sessions ON ips(sessions)",
            """
            CREATE TABLE ip_sessions(
              ip TEXT NOT NULL,
              session_id INTEGER NOT NULL,
              first_seen INTEGER NOT NULL,
              last_seen INTEGER NOT NULL,
              requests INTEGER NOT NULL DEFAULT 0,
              bytes INTEGER NOT NULL DEFAULT 0,
              auth_failures INTEGER NOT NULL DEFAULT 0,
              flagged INTEGER NOT NULL DEFAULT 0,
              PRIMARY KEY(ip, session_id)) WITHOUT ROWID""",
            "CREATE INDEX ip_sessions_last_seen ON ip_sessions(last_seen)",
            "CREATE INDEX ip_sessions_session ON ip_sessions(session_id)",
            """
            CREATE TABLE ip_flags(
              ip TEXT NOT NULL,
              rule TEXT NOT NULL,
              times INTEGER NOT NULL,
              last_at INTEGER NOT NULL,
              PRIMARY KEY(ip, rule)) WITHOUT ROWID""");

    /**
     * Migration 3: the host-wide findings that ended (a SYN flood over the whole table, full listen
     * queues, the SYN counters), one row per episode at its peak, with the session that saw it.
     */
    static final List<String> V3 = List.of("""
            CREATE TABLE host_episodes(
              session_id INTEGER NOT NULL,
              rule TEXT NOT NULL,
              subject TEXT NOT NULL,
              severity TEXT NOT NULL,
              since INTEGER NOT NULL,
              ended INTEGER NOT NULL,
              observed REAL NOT NULL,
              threshold REAL NOT NULL,
              reason TEXT NOT NULL,
              evidence TEXT NOT NULL,
              PRIMARY KEY(session_id, rule, subject, since))""", "CREATE INDEX host_episodes_ended ON host_episodes(ended)");

    /**
     * Migration 4: when each session and each IP was last written (wall clock), which retention goes
     * by: a replay of a 2015 log is recorded now, whatever its dates. Rows from before this migration
     * count as recorded at the upgrade, so none is pruned by it.
     */
    static final List<String> V4 = List.of(
            "ALTER TABLE sessions ADD COLUMN recorded INTEGER",
            "ALTER TABLE ips ADD COLUMN recorded INTEGER",
            "UPDATE sessions SET recorded = CAST(strftime('%s', 'now') AS INTEGER) * 1000",
            "UPDATE ips SET recorded = CAST(strftime('%s', 'now') AS INTEGER) * 1000",
            "CREATE INDEX ips_recorded ON ips(recorded)",
            "CREATE INDEX sessions_recorded ON sessions(recorded)");

    /**
     * Migration 5: what each replay recorded, input by input (its content's length, SHA-256 and lines,
     * and the replay's time window), and the episodes it counted per IP and rule, so that replaying the
     * same log again is recognised and a log that grew records only what is new.
     */
    static final List<String> V5 = List.of(
            """
            CREATE TABLE replay_spans(
              session_id INTEGER NOT NULL,
              source TEXT NOT NULL,
              length INTEGER NOT NULL,
              digest TEXT,
              lines INTEGER NOT NULL,
              window_from INTEGER,
              window_until INTEGER)""",
            "CREATE INDEX replay_spans_session ON replay_spans(session_id)",
            """
            CREATE TABLE replay_flags(
              session_id INTEGER NOT NULL,
              ip TEXT NOT NULL,
              rule TEXT NOT NULL,
              times INTEGER NOT NULL,
              PRIMARY KEY(session_id, ip, rule)) WITHOUT ROWID""",
            "CREATE INDEX replay_flags_ip ON replay_flags(ip)");

    static final List<List<String>> ALL = List.of(V1, V2, V3, V4, V5);

    /** The schema version this build writes. */
    static final int LATEST = ALL.size();

    private Migrations() {}

    static int version(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                var rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /**
     * Brings the file to {@code to} under the write lock: the version is read again inside each
     * immediate transaction, so runs that open a new file at once apply each migration once (the
     * others wait, then find it applied). Returns the version the file had before.
     */
    static int apply(Connection c, int to) throws SQLException {
        int before = -1;
        while (true) {
            int applied = Transactions.immediate(c, () -> {
                int v = version(c);
                if (v < to) {
                    try (Statement st = c.createStatement()) {
                        for (String sql : ALL.get(v)) {
                            st.execute(sql);
                        }
                        st.execute("PRAGMA user_version = " + (v + 1));
                    }
                }
                return v;
            });
            before = before < 0 ? applied : before;
            if (applied >= to - 1) {
                return before;
            }
        }
    }
}
