package dev.nethergaze.store;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite failures into one-line messages that say what is wrong with the file. */
final class SqliteErrors {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_CANTOPEN = 14;
    static final int SQLITE_NOTADB = 26;
    /** Less free space than this on the file system of a file that gave an I/O error: it is full. */
    private static final long FULL_BELOW = 1024 * 1024;

    private SqliteErrors() {}

    static HistoryException wrap(Path file, String doing, SQLException e) {
        return wrap(file, doing, e, LockWait.Limits.DEFAULT.timeout());
    }

    /** As {@link #wrap(Path, String, SQLException)}, for a connection that waited {@code waited} for a lock. */
    static HistoryException wrap(Path file, String doing, SQLException e, Duration waited) {
        String readOnlyMount = isPrimary(e, SQLITE_CANTOPEN, SQLITE_READONLY) ? readOnlyMount(file) : null;
        String full = isPrimary(e, SQLITE_IOERR) ? full(file) : null;
        if (isPrimary(e, SQLITE_CORRUPT)) {
            return new HistoryException("history: " + file + ": " + doing + ": the file is damaged; " + whatToDo(file));
        }
        return new HistoryException("history: " + file + ": " + doing + ": "
                + (readOnlyMount != null
                        ? "the file system at " + readOnlyMount + " is mounted read-only"
                        : full != null ? full : describe(e, waited)));
    }

    /**
     * "the disk is full (…)" when the file system {@code file} is on has less than a MiB left, else
     * null: SQLite says "disk I/O error" when the disk fills as it maps its shared-memory file.
     */
    private static String full(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            long free = Files.getFileStore(dir).getUsableSpace();
            return free < FULL_BELOW
                    ? "the disk is full (" + free / 1024 + " KiB free on the file system holding " + dir + ")"
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * {@code file} is damaged ({@code found}: what SQLite's check found): said with what to do, as
     * nothing is written into it.
     */
    static HistoryException damaged(Path file, String found) {
        return new HistoryException(
                "history: " + file + ": the file is damaged (sqlite3 quick_check: " + found + "); " + whatToDo(file));
    }

    /**
     * What to do with a damaged history file: a new one, and what of the old one can be saved. Its
     * write-ahead log, when it holds something (a run that crashed, or holds the file now), is moved
     * with it, under the name SQLite pairs with the new name: one left beside the file's name would be
     * read into the new file made there. An empty one (this run's own, removed when it exits) is not.
     */
    private static String whatToDo(Path file) {
        String moved = file + ".damaged";
        Path wal = Path.of(file + "-wal");
        long walBytes;
        try {
            walBytes = Files.size(wal);
        } catch (IOException e) {
            walBytes = 0;
        }
        String mv = "mv " + file + " " + moved + (walBytes > 0 ? " && mv " + wal + " " + moved + "-wal" : "");
        return "move it aside (" + mv + "; the next run starts a new one, and sqlite3 " + moved
                + " .recover saves what it can), then check with nethergaze doctor --history " + file;
    }

    /** A new history file that cannot be made beside {@code file} ({@code e}: from the file system). */
    static HistoryException cannotCreate(Path file, IOException e) {
        String readOnlyMount = readOnlyMount(file);
        String why = readOnlyMount != null
                ? "the file system at " + readOnlyMount + " is mounted read-only"
                : e instanceof java.nio.file.AccessDeniedException
                        ? "this user cannot create files in " + file.getParent()
                        : e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                                ? fse.getReason()
                                : e.getMessage();
        return new HistoryException("history: " + file + ": cannot create: " + why);
    }

    /**
     * Whether {@code e} has one of these primary result codes (CANTOPEN or READONLY: what a file system
     * mounted read-only gives, among other causes).
     */
    static boolean isPrimary(SQLException e, int... codes) {
        if (!(e instanceof SQLiteException se)) {
            return false;
        }
        int primary = se.getResultCode().code & 0xFF;
        return java.util.Arrays.stream(codes).anyMatch(c -> c == primary);
    }

    /**
     * The mount point of the read-only file system {@code file} is on (or would be created on), or
     * null when it is writable or cannot be told: SQLite says only "cannot open", as for a missing
     * directory or a permission.
     */
    private static String readOnlyMount(Path file) {
        Path p = file.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return null;
        }
        try {
            FileStore store = Files.getFileStore(p);
            if (!store.isReadOnly()) {
                return null;
            }
            return mountPoint(p, store);
        } catch (IOException e) {
            return null;
        }
    }

    /** The topmost directory above {@code p} still on {@code store}: where it is mounted. */
    private static String mountPoint(Path p, FileStore store) throws IOException {
        Path at = Files.isDirectory(p) ? p : p.getParent();
        while (at.getParent() != null && Files.getFileStore(at.getParent()).equals(store)) {
            at = at.getParent();
        }
        return at.toString();
    }

    static String describe(SQLException e) {
        return describe(e, LockWait.Limits.DEFAULT.timeout());
    }

    private static String describe(SQLException e, Duration waited) {
        if (e instanceof SQLiteException se) {
            SQLiteErrorCode code = se.getResultCode();
            int primary = code.code & 0xFF;
            if (code.code == SQLITE_BUSY) { // the busy handler gave up
                return "the history file is held by another process (another nethergaze recording into it, or an"
                        + " open sqlite3 transaction): gave up waiting for it after " + seconds(waited);
            }
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

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown SQLite error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
