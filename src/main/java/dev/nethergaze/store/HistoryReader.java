package dev.nethergaze.store;

import dev.nethergaze.model.Bounded;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.HistoryInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.EventSink;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Answers "have we seen this IP before?" for IPs newly seen in snapshots. {@link #accept} (engine
 * thread) only queues IPs whose history is still unknown; one background thread looks them up in
 * batches of up to {@value #BATCH} with one indexed query each and emits {@code Enriched(source =
 * "history")} events. The answer covers earlier sessions only: the current session's own rows
 * are left out. An IP never seen before is answered with zero sessions, so it is asked once.
 */
public final class HistoryReader implements Consumer<Snapshot>, AutoCloseable {

    static final int BATCH = 500;
    private static final int QUEUE = 8192;
    private static final int ASKED_CAP = 100_000;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final HistoryStore store;
    private final EventSink sink;
    private final InstantSource clock;
    private final long excludeSession;
    private final BlockingQueue<IpKey> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Map<IpKey, Long> asked = Bounded.lru(ASKED_CAP);
    private final Thread thread;
    private volatile String problem;

    HistoryReader(HistoryStore store, EventSink sink, InstantSource clock, long excludeSession) {
        this.store = store;
        this.sink = sink;
        this.clock = clock;
        this.excludeSession = excludeSession;
        this.thread = Thread.ofPlatform().name("history-reader").daemon(true).unstarted(this::run);
    }

    HistoryReader start() {
        thread.start();
        return this;
    }

    /** Queues lookups for IPs whose history is unknown; never blocks (engine thread). */
    @Override
    public void accept(Snapshot s) {
        long now = System.nanoTime();
        for (IpView v : s.ips()) {
            if (v.history() != null) {
                continue;
            }
            Long at = asked.get(v.ip());
            if ((at == null || now - at > RETRY_NANOS) && queue.offer(v.ip())) {
                asked.put(v.ip(), now);
            }
        }
    }

    /** The last lookup failure, or null when lookups work. */
    public String problem() {
        return problem;
    }

    private void run() {
        try (Connection c = store.connect()) {
            List<IpKey> batch = new ArrayList<>(BATCH);
            while (!Thread.currentThread().isInterrupted()) {
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                answer(c, batch);
                batch.clear();
            }
        } catch (SQLException e) {
            problem = store.failure("cannot read", e).getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(Connection c, List<IpKey> batch) throws InterruptedException {
        Map<IpKey, HistoryInfo> found;
        try {
            found = Lookups.earlier(c, batch, excludeSession);
            problem = null;
        } catch (SQLException e) {
            problem = store.failure("cannot read", e).getMessage();
            return; // asked again after the retry interval
        }
        for (IpKey ip : batch) {
            sink.emit(new Enriched("history", clock.instant(), ip, null, null, found.get(ip)));
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
