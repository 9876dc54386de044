package dev.nethergaze.engine;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * What failed on an engine's thread (a live run's, or a replay's) and was stepped over, so one bad
 * event or one failing subscriber does not stop the whole run (a console frozen on its last frame,
 * looking alive; a replay of a big log lost to one line): each event the engine could not apply is
 * counted and left where it failed (what it changed before stays), a tick that could not be judged is
 * retried at the next, a subscriber that threw is called again with the next snapshot. All of it is
 * shown as the source {@value #NAME}, with the counts and the last failure, where it happened in our
 * code. Written by that thread only; read by it too (in {@link #health}), or after it ended.
 */
public final class EngineFaults {

    /** The name (and kind) of the health entry in {@code sources[]}. */
    static final String NAME = "engine";

    private long events;
    private long ticks;
    private long subscribers;
    /** The last failure's description; volatile, so another thread may ask what went wrong ({@link #last}). */
    private volatile String last;

    /** {@code e} could not be applied in full: the rest of it is skipped. */
    void event(SourceEvent e, RuntimeException x) {
        events++;
        last = describe(x) + ", applying " + kind(e) + " from " + e.source();
    }

    /** A tick could not be judged or snapshotted. */
    void tick(RuntimeException x) {
        ticks++;
        last = describe(x) + ", judging a tick";
    }

    /** The subscriber {@code what} threw on a snapshot. */
    void subscriber(String what, RuntimeException x) {
        subscribers++;
        last = describe(x) + ", in " + what;
    }

    /** The last failure's description (any thread), or null when nothing failed. */
    String last() {
        return last;
    }

    /** Adds what {@code other} counted (another shard's, after its thread ended). */
    void add(EngineFaults other) {
        events += other.events;
        ticks += other.ticks;
        subscribers += other.subscribers;
        last = other.last != null ? other.last : last;
    }

    /** {@code s} with the health entry among its sources, when anything failed. */
    Snapshot into(Snapshot s) {
        SourceHealth h = health();
        if (h == null) {
            return s;
        }
        List<SourceHealth> sources = new ArrayList<>(s.sources());
        sources.add(h);
        return s.withSources(sources);
    }

    /** The health entry saying what failed, or null when nothing did. */
    SourceHealth health() {
        if (last == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        append(b, events, "event could not be applied in full", "events could not be applied in full");
        append(b, ticks, "tick could not be judged", "ticks could not be judged");
        append(b, subscribers, "consumer of snapshots failed", "times a consumer of snapshots failed");
        b.append(" (last: ").append(last).append("); the run goes on; please report it");
        return new SourceHealth(NAME, NAME, SourceStatus.ERROR, b.toString(), 0, events);
    }

    private static void append(StringBuilder b, long n, String one, String many) {
        if (n == 0) {
            return;
        }
        if (!b.isEmpty()) {
            b.append("; ");
        }
        b.append(n).append(' ').append(n == 1 ? one : many);
    }

    private static String kind(SourceEvent e) {
        return switch (e) {
            case dev.nethergaze.model.HttpHit h -> "a request of " + h.client();
            case dev.nethergaze.model.AuthAttempt a -> "a login attempt of " + a.ip();
            case dev.nethergaze.model.ConnTable c -> "a connection table";
            case dev.nethergaze.model.Enriched en -> "an answer about " + en.ip();
            case dev.nethergaze.model.PacketTick p -> "a capture tick";
            case dev.nethergaze.model.FirewallBlocks f -> "a read of the firewall";
        };
    }

    /** The exception, and the frame of ours it came from (the one a bug report needs). */
    public static String describe(Throwable x) {
        StringBuilder b = new StringBuilder(x.getClass().getSimpleName());
        if (x.getMessage() != null) {
            b.append(": ").append(x.getMessage());
        }
        for (StackTraceElement f : x.getStackTrace()) {
            if (f.getClassName().startsWith("dev.nethergaze.")) {
                String c = f.getClassName();
                b.append(" at ")
                        .append(c.substring(c.lastIndexOf('.') + 1))
                        .append('.')
                        .append(f.getMethodName())
                        .append(':')
                        .append(f.getLineNumber());
                break;
            }
        }
        return b.toString();
    }
}
