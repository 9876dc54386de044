package dev.nethergaze.source;

import dev.nethergaze.model.SourceHealth;
import java.util.List;

/**
 * A producer of {@link dev.nethergaze.model.SourceEvent}s. Each source runs on its own thread: the
 * runner calls {@link #run(EventSink)}, which returns when the source is finished (replay of a file)
 * or when the thread is interrupted (live). A source never touches engine state and never throws
 * for bad input: it counts and reports it through {@link #health()}.
 */
public interface Source {

    /** Instance name, unique per run, e.g. "conn", "http:/var/log/nginx/access.log". */
    String name();

    /** Current health; safe to call from any thread. */
    SourceHealth health();

    /**
     * What {@code sources[]} shows of this source: one entry per log file it reads, for a source that
     * reads files; otherwise its {@link #health()}. Safe to call from any thread.
     */
    default List<SourceHealth> fileHealth() {
        return List.of(health());
    }

    /** Produces events into {@code sink} until done or interrupted. */
    void run(EventSink sink) throws InterruptedException;

    /**
     * Whether this source ends by itself with everything it had to give (a backfill of the recent
     * past): a one-shot snapshot waits for it, or it would report the window before it was read.
     */
    default boolean finite() {
        return false;
    }
}
