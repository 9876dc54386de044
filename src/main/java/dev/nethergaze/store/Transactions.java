package dev.nethergaze.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Write transactions that take SQLite's write lock first ({@code BEGIN IMMEDIATE}), on connections
 * left in auto-commit mode. A deferred transaction that reads and then writes fails at once with
 * "database is locked" when another process wrote in between (the busy timeout does not apply to
 * that case); an immediate one waits up to the busy timeout for the other writer instead.
 */
final class Transactions {

    /** The body of one transaction. */
    @FunctionalInterface
    interface Body<T> {
        T run() throws SQLException;
    }

    private Transactions() {}

    /** Runs {@code body} in one immediate transaction: all of it is committed, or none of it. */
    static <T> T immediate(Connection c, Body<T> body) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            T result;
            try {
                result = body.run();
            } catch (SQLException | RuntimeException e) {
                rollback(st, e);
                throw e;
            }
            st.execute("COMMIT");
            return result;
        }
    }

    /** SQLite may already have rolled back (SQLITE_FULL does); keep the original error. */
    private static void rollback(Statement st, Exception cause) {
        try {
            st.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
