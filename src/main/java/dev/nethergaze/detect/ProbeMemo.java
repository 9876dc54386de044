package dev.nethergaze.detect;

import java.util.HashMap;
import java.util.List;

/**
 * What each request target and header value matched among the probes (for one allow-path list).
 * Logs repeat them (the parsers share equal strings), so most requests skip decoding, the hint scans
 * and the regexes. Bounded: values longer than {@value #MAX_LENGTH} characters (which rarely repeat)
 * are judged each time, and each memo holds two generations of at most {@value #MAX} values: when
 * the current one is full it becomes the previous one, and a value found there moves to the new
 * one. What a site is asked for often survives every turn (it is found again before the next), so
 * a log with more distinct targets than the memo holds does not start over cold each time it fills.
 * Not thread-safe: one per detector. A small identity-keyed front answers most lookups.
 */
final class ProbeMemo {

    static final int MAX = 16_384;
    private static final int MAX_LENGTH = 512;

    private final Generations<ProbePatterns.FieldMatch> targets = new Generations<>();
    private final Generations<Integer> headers = new Generations<>();

    ProbePatterns.FieldMatch target(String raw, List<String> allowPaths) {
        if (raw.length() > MAX_LENGTH) {
            return ProbePatterns.target(raw, allowPaths);
        }
        ProbePatterns.FieldMatch m = targets.get(raw);
        if (m == null) {
            m = ProbePatterns.target(raw, allowPaths);
            targets.put(raw, m);
        }
        return m;
    }

    int header(String raw) {
        if (raw.length() > MAX_LENGTH) {
            return ProbePatterns.headerProbe(raw);
        }
        Integer m = headers.get(raw);
        if (m == null) {
            m = ProbePatterns.headerProbe(raw);
            headers.put(raw, m);
        }
        return m;
    }

    /** Values this memo holds now, both generations (for tests). */
    int size() {
        return targets.current.size() + targets.previous.size() + headers.current.size() + headers.previous.size();
    }

    private static final class Generations<V> {
        /**
         * In front of the maps, the last value seen in each of {@value #FRONT} slots, found by the
         * string's own (cached) hash and compared by identity: the parsers hand the same String for a
         * repeated target or agent, so most requests end here without touching a map's entries.
         */
        private static final int FRONT = 4096;

        private final Object[] front = new Object[2 * FRONT];
        private HashMap<String, V> current = new HashMap<>();
        private HashMap<String, V> previous = new HashMap<>();

        /** The remembered value (moved to the current generation if it was in the previous), or null. */
        @SuppressWarnings({"unchecked", "ReferenceEquality"}) // the slot after a key holds its V; identity on purpose
        V get(String key) {
            int at = slot(key);
            if (front[at] == key) {
                return (V) front[at + 1];
            }
            V v = current.get(key);
            if (v == null) {
                v = previous.remove(key);
                if (v != null) {
                    put(key, v);
                }
            }
            if (v != null) {
                front[at] = key;
                front[at + 1] = v;
            }
            return v;
        }

        void put(String key, V v) {
            if (current.size() >= MAX) {
                previous = current;
                current = new HashMap<>();
            }
            current.put(key, v);
            int at = slot(key);
            front[at] = key;
            front[at + 1] = v;
        }

        private static int slot(String key) {
            int h = key.hashCode();
            return ((h ^ (h >>> 16)) & (FRONT - 1)) << 1;
        }
    }
}
