package dev.nethergaze.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteException;

/**
 * SQLite's quick check of a history file (every page and b-tree read, ~0.3 s for 80 MB), before a
 * replay is recorded into it and when {@code doctor} looks at it. A file damaged on disk (pages
 * overwritten, cut short) may take writes that touch only its sound pages: a replay was recorded into
 * one without a word, and the damage found later, at a prune or a query.
 */
final class Integrity {

    /** Problems named in the message; quick_check lists up to this many. */
    private static final int NAMED = 2;

    private Integrity() {}

    /** Throws {@link HistoryException} ({@link SqliteErrors#damaged}) when {@code file} is damaged. */
    static void check(Connection c, Path file) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement st = c.createStatement();
                var rs = st.executeQuery("PRAGMA quick_check(" + (NAMED + 1) + ")")) {
            while (rs.next()) {
                // the first row starts "*** in database main ***" and a newline
                rs.getString(1)
                        .lines()
                        .filter(l -> !l.isBlank() && !l.startsWith("***"))
                        .forEach(found::add);
            }
        } catch (SQLiteException e) {
            if (!SqliteErrors.isPrimary(e, SqliteErrors.SQLITE_CORRUPT, SqliteErrors.SQLITE_NOTADB)) {
                throw e;
            }
            throw SqliteErrors.damaged(file, SqliteErrors.describe(e));
        }
        if (found.size() == 1 && found.getFirst().equals("ok")) {
            return;
        }
        String named = String.join("; ", found.subList(0, Math.min(NAMED, found.size())));
        throw SqliteErrors.damaged(file, found.size() > NAMED ? named + "; and more" : named);
    }
}
