package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Flagged IPs re-judged without new events, so windows can expire: (epoch second, track), earliest
 * first. An entry whose time is no longer its track's {@link IpTrack#recheckAt}, or whose track is
 * gone, is stale and skipped. Owned by the engine thread (not thread-safe).
 */
final class Rechecks {

    private record Recheck(long at, IpTrack track) implements Comparable<Recheck> {
        @Override
        public int compareTo(Recheck o) {
            return Long.compare(at, o.at);
        }
    }

    private final PriorityQueue<Recheck> schedule = new PriorityQueue<>();

    /** Whether a re-judgement (perhaps a stale one) is queued before epoch second {@code end}. */
    boolean dueBefore(long end) {
        return !schedule.isEmpty() && schedule.peek().at() < end;
    }

    /** The epoch second of the earliest re-judgement queued; only when {@link #dueBefore} said so. */
    long first() {
        return schedule.peek().at();
    }

    /** Adds to {@code candidates} the tracks whose re-judgement fell due by {@code sec}, dropping stale ones. */
    void due(long sec, List<IpTrack> candidates) {
        while (!schedule.isEmpty() && schedule.peek().at() <= sec) {
            Recheck r = schedule.poll();
            IpTrack t = r.track();
            if (!t.gone && t.recheckAt == r.at()) {
                t.recheckAt = 0;
                TrackKeeper.markDirty(candidates, t);
            }
        }
    }

    /**
     * Queues {@code t}, just judged at {@code sec} with findings {@code f}, for its next judgement;
     * {@code quietAt} is the earliest {@link Rule#quietAt} of the rules that fired.
     */
    void schedule(IpTrack t, List<Finding> f, long sec, long quietAt) {
        long shortest = Long.MAX_VALUE;
        for (int i = 0; i < f.size(); i++) {
            long w = f.get(i).window().toSeconds();
            if (w > 0) { // window 0: table-driven; every kernel table re-judges the IP anyway
                shortest = Math.min(shortest, w);
            }
        }
        if (shortest == Long.MAX_VALUE) {
            t.recheckAt = 0;
            return;
        }
        // at an eighth of the shortest window, or sooner when a finding is known to end sooner: then
        // exactly when it ends, so its end time is when it stopped
        long at = Math.min(sec + Math.max(1, shortest / 8), Math.max(sec + 1, quietAt));
        long current = t.recheckAt;
        if (current == 0 || current > at || current <= sec) {
            t.recheckAt = at;
            schedule.add(new Recheck(at, t));
        }
    }
}
