package dev.nethergaze.store;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite failures into one-line messages that say what is wrong with the file. */
final class SqliteErrors {

    private SqliteErrors() {}

    static HistoryException wrap(Path file, String doing, SQLException e) {
        return new HistoryException("history: " + file + ": " + doing + ": " + describe(e));
    }

    static String describe(SQLException e) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            int primary = code.code & 0xFF;
            return switch (primary) {
                case 8 -> "the database is read-only (file, directory or file system not writable)";
                case 13 -> "the disk is full (or the database reached its size limit)";
                case 14 -> "cannot open the database file (missing directory or no permission)";
                case 26 -> "not an SQLite database";
                case 11 -> "the database file is corrupt";
                case 5, 6 -> "the database is locked by another process";
                case 10 -> "disk I/O error";
                default -> firstLine(se.getMessage());
            };
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown SQLite error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
