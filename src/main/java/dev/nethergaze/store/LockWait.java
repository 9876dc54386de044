package dev.nethergaze.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import org.sqlite.BusyHandler;

/**
 * How a connection waits for a history file another process holds (another nethergaze recording a
 * replay into it, sqlite3 with a transaction open): SQLite's busy handler for the store's
 * connections. A wait longer than {@link Limits#sayAfter} is said once per store, in one line naming
 * the file and how long it waits at most, so that a run waiting does not look hung; after {@link
 * Limits#timeout} it gives up, and the statement fails with SQLITE_BUSY ({@link SqliteErrors} says it).
 */
final class LockWait extends BusyHandler {

    /** When a wait is said, and when it is given up. */
    record Limits(Duration sayAfter, Duration timeout) {

        static final Limits DEFAULT = new Limits(Duration.ofMillis(1500), Duration.ofSeconds(60));
    }

    /** Pauses between tries, as SQLite's own busy handler makes them (ms), the last one repeated. */
    private static final int[] PAUSES = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};

    private final Path file;
    private final Limits limits;
    /** Says the wait; called once per store (the store's notices, through its once-only guard). */
    private final Consumer<String> say;
    /** When this connection's current wait began ({@link System#nanoTime()}). */
    private long since;

    LockWait(Path file, Limits limits, Consumer<String> say) {
        this.file = file;
        this.limits = limits;
        this.say = say;
    }

    /** The line said once a wait has lasted {@link Limits#sayAfter}. */
    static String waiting(Path file, Limits limits) {
        return "history: " + file + ": waiting for the history file, held by another process (another nethergaze"
                + " recording into it, or an open sqlite3 transaction); waiting up to "
                + limits.timeout().toSeconds() + " s";
    }

    @Override
    protected int callback(int tries) throws SQLException {
        return pause(tries) ? 1 : 0;
    }

    /**
     * Waits before try {@code tries} + 1 of a wait ({@code tries} 0: the wait begins now); false, at
     * once, when the wait has lasted its timeout (or the thread was interrupted): give up.
     */
    boolean pause(int tries) {
        long now = System.nanoTime();
        if (tries == 0) {
            since = now;
        }
        long left = limits.timeout().toNanos() - (now - since);
        if (left <= 0) {
            return false;
        }
        if (now - since >= limits.sayAfter().toNanos()) {
            say.accept(waiting(file, limits));
        }
        long pause = Math.min(
                Duration.ofMillis(PAUSES[Math.min(tries, PAUSES.length - 1)]).toNanos(), left);
        try {
            Thread.sleep(Duration.ofNanos(pause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
