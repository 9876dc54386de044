package dev.nethergaze.store;

import dev.nethergaze.model.Bounded;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.Snapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one writer of a history file. Subscribe it to snapshots: {@link #accept} only hands the
 * snapshot to a bounded queue (it never blocks or does I/O on the engine thread). One background
 * thread turns snapshots into deltas ({@link DeltaTracker}) and writes them every flush interval,
 * when too many IPs are pending, on {@link #flush()} and on {@link #close()}, one transaction per
 * flush. A failing flush (read-only file, full disk) keeps its changes for the next attempt, is
 * reported in {@link #status()}, and never stops the console.
 */
public final class HistoryWriter implements Consumer<Snapshot>, AutoCloseable {

    private static final int QUEUE = 256;
    private static final long PRUNE_EVERY_NANOS = TimeUnit.HOURS.toNanos(1);

    private record Flush(CompletableFuture<Void> done) {}

    private record Stop() {}

    private final HistoryStore store;
    private final HistoryOptions options;
    private final SessionInfo info;
    private final InstantSource clock;
    private final InstantSource wall;
    /** When the session's data began, if not when the writer started (null). */
    private final Instant sessionStart;

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private final DeltaTracker tracker = new DeltaTracker();
    private final CompletableFuture<Long> started = new CompletableFuture<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile HistoryStatus status = new HistoryStatus(true, "ok", 0, null, 0, 0);
    private long lostIps;
    /** Host-wide episodes that ended, not filed yet, by rule, subject and start (writer thread only). */
    private final java.util.Map<String, PastFinding> episodes = new java.util.LinkedHashMap<>();
    /** The episodes filed, as they were filed: the same one in the next snapshot is not filed again. */
    private final java.util.Set<PastFinding> filed = Bounded.set(MAX_EPISODES);

    /** The most host-wide episodes waiting to be filed, and remembered as filed. */
    private static final int MAX_EPISODES = 256;

    /**
     * {@code clock} is the data's (a replay's is its log's), {@code wall} the real one: rows are
     * stamped with when they were recorded, which retention goes by. The session starts at {@code
     * started} (a replay's first event), or when null at {@code clock}'s time when the writer starts.
     */
    HistoryWriter(
            HistoryStore store,
            HistoryOptions options,
            SessionInfo info,
            InstantSource clock,
            InstantSource wall,
            Instant started) {
        this.store = store;
        this.options = options;
        this.info = info;
        this.clock = clock;
        this.wall = wall;
        this.sessionStart = started;
        this.thread = Thread.ofPlatform().name("history-writer").daemon(true).unstarted(this::run);
    }

    HistoryWriter start() {
        thread.start();
        try {
            // the session's row waits for a file another process holds as long as any write: its
            // failure then is said as that, not as a timeout of its own
            started.get(store.lockTimeout().plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof HistoryException he
                    ? he
                    : new HistoryException("history: " + store.file() + ": " + e.getCause());
        } catch (TimeoutException e) {
            thread.interrupt(); // not left to start a session nobody writes to
            throw new HistoryException("history: " + store.file() + ": timed out starting the session");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException("history: interrupted while starting");
        }
        return this;
    }

    /** This run's session id (to leave it out of "earlier sessions" lookups). */
    public long sessionId() {
        return started.join();
    }

    /** Hands a snapshot to the writer thread; never blocks. */
    @Override
    public void accept(Snapshot s) {
        if (!queue.offer(s)) {
            dropped.incrementAndGet();
        }
    }

    /** Writes everything handed over so far and waits for it (replay, tests); false if it failed. */
    public boolean flush() throws InterruptedException {
        Flush f = new Flush(new CompletableFuture<>());
        if (!thread.isAlive()) {
            return false;
        }
        queue.put(f);
        try {
            f.done().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
        return status.ok();
    }

    public HistoryStatus status() {
        HistoryStatus s = status;
        return new HistoryStatus(s.ok(), s.detail(), s.flushes(), s.lastFlush(), dropped.get(), s.lostIps());
    }

    private void run() {
        try (Connection c = store.connect();
                BatchWriter w = new BatchWriter(c)) {
            Integrity.check(c, store.file()); // no session written into a damaged file
            long session = w.startSession(info, sessionStart != null ? sessionStart : clock.instant(), wall.instant());
            started.complete(session);
            prune(c);
            loop(c, w, session);
        } catch (SQLException e) {
            HistoryException he = store.failure("cannot write", e);
            if (!started.completeExceptionally(he)) {
                fail(he.getMessage());
            }
        } catch (HistoryException e) { // damaged: said by start()
            started.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(Connection c, BatchWriter w, long session) throws InterruptedException {
        long interval = options.flushEvery().toNanos();
        long nextFlush = System.nanoTime() + interval;
        long nextPrune = System.nanoTime() + PRUNE_EVERY_NANOS;
        while (true) {
            Object item = queue.poll(Math.max(0, nextFlush - System.nanoTime()), TimeUnit.NANOSECONDS);
            switch (item) {
                case null -> {}
                case Snapshot s -> {
                    tracker.observe(s);
                    for (PastFinding p : s.earlierFindings()) {
                        if (!filed.contains(p) && episodes.size() < MAX_EPISODES) {
                            episodes.put(
                                    p.finding().rule() + "\0" + p.finding().subject() + "\0"
                                            + p.finding().since(),
                                    p);
                        }
                    }
                    if (tracker.pendingSize() >= options.maxPending()) {
                        flushNow(w, session);
                    }
                }
                case Flush f -> {
                    flushNow(w, session);
                    f.done().complete(null);
                }
                case Stop stop -> {
                    flushNow(w, session);
                    if (!status.ok() && status.flushes() == 0) {
                        dropEmpty(w, session);
                    }
                    return;
                }
                default -> throw new IllegalStateException("unexpected " + item);
            }
            if (System.nanoTime() - nextFlush >= 0) {
                flushNow(w, session);
                nextFlush = System.nanoTime() + interval;
                if (System.nanoTime() - nextPrune >= 0) {
                    prune(c);
                    nextPrune = System.nanoTime() + PRUNE_EVERY_NANOS;
                }
            }
        }
    }

    private void flushNow(BatchWriter w, long session) {
        List<PendingIp> batch = tracker.drain();
        Instant now = clock.instant();
        try {
            if (!episodes.isEmpty()) {
                List<PastFinding> ended = List.copyOf(episodes.values());
                w.episodes(session, ended);
                filed.addAll(ended);
                episodes.clear();
            }
            w.write(session, batch, now, wall.instant());
            HistoryStatus s = status;
            if (!s.ok()) {
                store.notice("history: " + store.file() + ": writing again");
            }
            status = new HistoryStatus(true, "ok", s.flushes() + 1, now, 0, lostIps);
        } catch (SQLException e) {
            if (tracker.pendingSize() + batch.size() <= options.maxPending()) {
                tracker.restore(batch);
            } else {
                lostIps += batch.size();
            }
            fail(store.failure("cannot write", e).getMessage());
        }
    }

    /** A session none of whose data could be written leaves no empty row behind (if it can). */
    private void dropEmpty(BatchWriter w, long session) {
        try {
            w.dropEmptySession(session);
        } catch (SQLException e) {
            // the file refuses writes: the row stays, and the failure was already reported
        }
    }

    private void prune(Connection c) {
        try {
            store.prune(c, wall.instant(), options);
        } catch (SQLException e) {
            fail(store.failure("cannot prune", e).getMessage());
        }
    }

    private void fail(String message) {
        HistoryStatus s = status;
        if (s.ok() || !s.detail().equals(message)) { // log state changes, not every retry
            store.notice(message);
        }
        status = new HistoryStatus(false, message, s.flushes(), s.lastFlush(), 0, lostIps);
    }

    /** Writes what is pending, ends the session and stops the thread (shutdown, quit, SIGTERM). */
    @Override
    public void close() {
        if (!thread.isAlive()) {
            return;
        }
        try {
            queue.put(new Stop());
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
