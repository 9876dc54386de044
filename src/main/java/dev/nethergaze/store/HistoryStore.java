package dev.nethergaze.store;

import dev.nethergaze.source.EventSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Consumer;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * One SQLite history file: opened, checked and migrated once, then handing out connections to the
 * one {@link HistoryWriter}, to {@link HistoryReader}s and to {@link HistoryQueries}. WAL mode, so
 * readers never wait for the writer, and a {@code kill -9} loses at most the last unflushed
 * interval. Every failure is a {@link HistoryException} with a one-line message.
 */
public final class HistoryStore {

    private static final int SQLITE_BUSY = 5;

    /** The oldest schema the queries of {@code nethergaze history} read (v4: when rows were recorded). */
    private static final int READ_SCHEMA = 4;

    private final Path file;
    private final Consumer<String> notices;
    /** Not this user's to write: read only, and read as it is on disk when no write-ahead log is beside it. */
    private final boolean readOnly;

    private volatile int maxPageCount;

    /**
     * How long a connection waits for another process writing the file (six replays into one file
     * wait in turn), and when it says that it waits.
     */
    private volatile LockWait.Limits lockLimits = LockWait.Limits.DEFAULT;

    private final java.util.concurrent.atomic.AtomicBoolean saidWaiting =
            new java.util.concurrent.atomic.AtomicBoolean();

    private HistoryStore(Path file, Consumer<String> notices, boolean readOnly) {
        this.file = file;
        this.notices = notices;
        this.readOnly = readOnly;
    }

    /**
     * Opens an existing history file for {@code nethergaze history}: as {@link #open(Path)} when this
     * user can write it, else read only (another user's file, a read-only mount): its queries answer,
     * and nothing is migrated or pruned. Throws {@link HistoryException} when it cannot be read.
     */
    public static HistoryStore openToRead(Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isWritable(abs) && (dir == null || Files.isWritable(dir))) {
            return open(file);
        }
        HistoryStore store = new HistoryStore(abs, m -> System.err.println("nethergaze: " + m), true);
        try (Connection c = store.connect()) {
            int version = Migrations.version(c);
            if (version > Migrations.LATEST || version < READ_SCHEMA) {
                throw new HistoryException("history: " + abs + ": schema version " + version + " is "
                        + (version > Migrations.LATEST ? "newer" : "older") + " than this build reads ("
                        + READ_SCHEMA + " to " + Migrations.LATEST + "), and this user cannot write it to migrate it");
            }
        } catch (SQLException e) {
            throw store.failure("cannot read", e);
        }
        return store;
    }

    /**
     * Opens (creating if needed) and migrates the history file; throws {@link HistoryException}.
     * What happens to it (migrated, pruned, a write failed) is said in one line on stderr, as it is
     * when said (the console holds stderr back while it is open).
     */
    public static HistoryStore open(Path file) {
        return open(file, m -> System.err.println("nethergaze: " + m));
    }

    /** As {@link #open(Path)}, saying what happens to the file to {@code notices} (one line each). */
    public static HistoryStore open(Path file, Consumer<String> notices) {
        Path abs = file.toAbsolutePath();
        try {
            Path dir = abs.getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new HistoryException("history: " + abs + ": cannot create its directory: " + e.getMessage());
        }
        if (!Files.exists(abs)) {
            create(abs);
        }
        HistoryStore store = new HistoryStore(abs, notices, false);
        store.prepare();
        return store;
    }

    /**
     * Makes a new history file whole or not at all: its schema is written under a temporary name
     * beside it, then linked to its name (a run that made it meanwhile wins, and its file is used). A
     * disk that fills while the schema is written leaves nothing behind, rather than a half-made file
     * that the next run would take for an old build's ("migrated schema v1 to v5").
     */
    private static void create(Path abs) {
        Path tmp;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".new");
        } catch (IOException e) {
            throw SqliteErrors.cannotCreate(abs, e);
        }
        try {
            HistoryStore fresh = new HistoryStore(tmp, m -> {}, false);
            try (Connection c = fresh.connect()) {
                fresh.migrate(c);
            } catch (SQLException e) {
                throw SqliteErrors.wrap(abs, "cannot create", e);
            }
            try {
                Files.createLink(abs, tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // another run made it meanwhile: that one is used
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                // a file system without hard links (vfat, some CIFS mounts: EPERM, ENOTSUP): renamed
                // instead, which fails (FileAlreadyExistsException, below) when another run made it
                Files.move(tmp, abs);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made meanwhile by another run, on a file system without hard links
        } catch (IOException e) {
            throw SqliteErrors.cannotCreate(abs, e);
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                try {
                    Files.deleteIfExists(Path.of(tmp + suffix));
                } catch (IOException e) {
                    // left behind: a hidden file with .new at its end, nothing reads it
                }
            }
        }
    }

    private void prepare() {
        try (Connection c = connect()) {
            migrate(c);
        } catch (SQLException e) {
            throw failure("cannot open", e);
        }
    }

    /** Brings the file's schema to this build's, saying so when it was an older build's. */
    private void migrate(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            int version = Migrations.version(c);
            if (version > Migrations.LATEST) {
                throw new HistoryException("history: " + file + ": schema version " + version
                        + " is newer than this build knows (" + Migrations.LATEST + "); history disabled");
            }
            if (version == 0) {
                st.execute("PRAGMA auto_vacuum = INCREMENTAL");
            }
            if (version < Migrations.LATEST) {
                version = Migrations.apply(c, Migrations.LATEST);
                if (version > 0 && version < Migrations.LATEST) {
                    notice("history: " + file + ": migrated schema v" + version + " to v" + Migrations.LATEST);
                }
            }
            try (var rs = st.executeQuery("PRAGMA auto_vacuum")) {
                if (rs.next() && rs.getInt(1) != 2) { // an older file: switch on incremental vacuum once
                    st.execute("PRAGMA auto_vacuum = INCREMENTAL");
                    st.execute("VACUUM");
                }
            }
        }
    }

    /**
     * A new connection in WAL mode, in auto-commit mode (writes go through {@link Transactions}),
     * that waits for another process writing the same file as {@link LockWait} does (up to 60 s,
     * saying so after 1.5 s); the caller closes it.
     */
    Connection connect() throws SQLException {
        LockWait.Limits limits = lockLimits;
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.setBusyTimeout((int) limits.timeout().toMillis()); // while opening; then the handler's
        if (maxPageCount > 0) {
            cfg.setMaxPageCount(maxPageCount);
        }
        Connection c;
        if (readOnly) {
            cfg.setReadOnly(true);
            // a WAL file cannot be opened read only without its shared-memory file, which this user cannot
            // create beside it: with no write-ahead log beside it, all of it is in the file (immutable)
            boolean wal = Files.exists(Path.of(file + "-wal"));
            c = DriverManager.getConnection(
                    "jdbc:sqlite:" + (wal ? file.toString() : file.toUri() + "?immutable=1"), cfg.toProperties());
        } else {
            c = DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties());
        }
        try {
            BusyHandler.setHandler(c, lockWait(limits));
            if (!readOnly) {
                walMode(c, lockWait(limits));
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return c;
    }

    /** A connection's wait for the file, saying it once per store. */
    private LockWait lockWait(LockWait.Limits limits) {
        return new LockWait(file, limits, m -> {
            if (saidWaiting.compareAndSet(false, true)) {
                notice(m);
            }
        });
    }

    /**
     * Switches a new file to WAL (a no-op once it is). The switch takes the exclusive lock without
     * SQLite's busy handler: when several runs open one new file at once, each holding the shared
     * lock and wanting the exclusive one, all but one get "database is locked" at once. So the
     * switch is retried here, as the busy handler would ({@code wait}).
     */
    private static void walMode(Connection c, LockWait wait) throws SQLException {
        for (int tries = 0; ; tries++) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode = WAL");
                return;
            } catch (SQLiteException e) {
                if ((e.getResultCode().code & 0xFF) != SQLITE_BUSY || !wait.pause(tries)) {
                    throw e;
                }
            }
        }
    }

    /** {@code e}, met {@code doing} something to this file, as one line. */
    HistoryException failure(String doing, SQLException e) {
        return SqliteErrors.wrap(file, doing, e, lockLimits.timeout());
    }

    /**
     * What {@code doctor} says about a history file, read without writing it (no session, no
     * migration, no prune): its schema version and what it holds. Throws {@link HistoryException}
     * when it cannot be read or was written by a newer build.
     */
    public static String inspect(Path file) {
        Path abs = file.toAbsolutePath();
        if (!Files.exists(abs)) {
            throw new HistoryException("history: " + abs + ": no such file");
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setBusyTimeout((int) LockWait.Limits.DEFAULT.timeout().toMillis());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + abs, cfg.toProperties());
                Statement st = c.createStatement()) {
            int version = Migrations.version(c);
            if (version > Migrations.LATEST) {
                throw new HistoryException("history: " + abs + ": schema version " + version
                        + " is newer than this build knows (" + Migrations.LATEST + ")");
            }
            if (version == 0) {
                return abs + ": empty (no schema yet)";
            }
            Integrity.check(c, abs);
            long sessions;
            long ips;
            try (var rs = st.executeQuery("SELECT (SELECT count(*) FROM sessions), (SELECT count(*) FROM ips)")) {
                rs.next();
                sessions = rs.getLong(1);
                ips = rs.getLong(2);
            }
            return abs + ": schema v" + version + ", " + sessions + " sessions, " + ips + " IPs, "
                    + (size(abs) + size(Path.of(abs + "-wal"))) / 1024 + " KiB";
        } catch (SQLException e) {
            throw SqliteErrors.wrap(abs, "cannot read", e);
        }
    }

    /**
     * Throws {@link HistoryException} when the file is damaged on disk (SQLite's quick check): a
     * replay asks before it starts, rather than find out at its end, after minutes of reading.
     */
    public void checkIntact() {
        try (Connection c = connect()) {
            Integrity.check(c, file);
        } catch (SQLException e) {
            throw failure("cannot read", e);
        }
    }

    /** Says {@code message} (one line) where this store's notices go. */
    void notice(String message) {
        notices.accept(message);
    }

    /** Caps the file at this many pages for new connections (tests: a full disk without filling one). */
    void maxPageCount(int pages) {
        maxPageCount = pages;
    }

    /** Waits for the file as {@code limits} say, in new connections (tests: a lock held without a minute's wait). */
    void lockLimits(LockWait.Limits limits) {
        lockLimits = limits;
    }

    /** How long a connection waits for another process holding the file. */
    java.time.Duration lockTimeout() {
        return lockLimits.timeout();
    }

    /**
     * Records a block or unblock of {@code ip} run outside a session ({@code nethergaze block}) as its
     * last action, with its reason; throws {@link HistoryException} when the file refuses the write.
     */
    public void recordAction(dev.nethergaze.model.IpKey ip, String action, String reason, java.time.Instant at) {
        try (Connection c = connect();
                BatchWriter w = new BatchWriter(c)) {
            w.action(ip.toString(), action, reason, at);
        } catch (SQLException e) {
            throw failure("cannot write", e);
        }
    }

    public Path file() {
        return file;
    }

    /** Bytes on disk: the database plus its write-ahead log (for {@code doctor} and the header). */
    public long sizeBytes() {
        return size(file) + size(Path.of(file + "-wal"));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The schema version this build writes. */
    public static int schemaVersion() {
        return Migrations.LATEST;
    }

    /** Starts the one writer of a live (or replay) session. */
    public HistoryWriter startWriter(HistoryOptions options, SessionInfo session, InstantSource clock) {
        return startWriter(options, session, clock, InstantSource.system());
    }

    /**
     * As {@link #startWriter(HistoryOptions, SessionInfo, InstantSource)}, for data that began at {@code
     * started} (a replay: its first event), not when the writer starts: the session runs from there to
     * {@code clock}'s time at each flush (a replay: its last event).
     */
    public HistoryWriter startWriter(
            HistoryOptions options, SessionInfo session, InstantSource clock, Instant started) {
        return new HistoryWriter(this, options, session, clock, InstantSource.system(), started).start();
    }

    /** As {@link #startWriter(HistoryOptions, SessionInfo, InstantSource)}, recording by {@code wall}. */
    HistoryWriter startWriter(HistoryOptions options, SessionInfo session, InstantSource clock, InstantSource wall) {
        return new HistoryWriter(this, options, session, clock, wall, null).start();
    }

    /** Starts a reader that answers history lookups for IPs newly seen in snapshots. */
    public HistoryReader startReader(EventSink sink, InstantSource clock, long excludeSession) {
        return new HistoryReader(this, sink, clock, excludeSession).start();
    }

    /**
     * Records a replay's final report {@code s} as a session from {@code started} (its first event) to
     * the report's time, unless history already holds it: the same content of the same {@code sources}
     * (in a time window holding {@code from}..{@code until}, null: open) recorded before is not recorded
     * again, and a log that grew since records only what is new (see {@link ReplayRecord#note()}).
     * Rows are stamped by {@code wall}, and pruned by it as a writer does when it starts. Throws
     * {@link HistoryException} when the file refuses the write, or when what it holds of the inputs
     * cannot be told apart from what is new.
     */
    public ReplayRecord recordReplay(
            HistoryOptions options,
            SessionInfo info,
            dev.nethergaze.model.Snapshot s,
            Instant started,
            java.util.List<ReplaySource> sources,
            Instant from,
            Instant until,
            InstantSource wall) {
        Instant now = wall.instant();
        ReplayRecord r;
        try {
            r = ReplayRecorder.record(this, info, s, started, sources, from, until, now);
        } catch (SQLException e) {
            throw failure("cannot write", e);
        }
        try (Connection c = connect()) {
            prune(c, now, options);
        } catch (SQLException e) {
            notice(failure("cannot prune", e).getMessage());
        }
        return r;
    }

    /** Prunes per {@code options} at {@code now} (wall clock), saying what went in one line. */
    void prune(Connection c, Instant now, HistoryOptions options) throws SQLException {
        Retention.Result r = Retention.prune(c, now, options);
        if (r.ipsRemoved() > 0 || r.sessionsRemoved() > 0) {
            notice("history: " + file + ": pruned " + r.ipsRemoved() + " IPs and " + r.sessionsRemoved()
                    + " sessions recorded more than " + options.retention().toDays() + " days ago (or beyond "
                    + options.maxIps() + " IPs)");
        }
    }

    /** Read-side queries for {@code nethergaze history}. */
    public HistoryQueries queries() {
        return new HistoryQueries(this);
    }
}
