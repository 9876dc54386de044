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
 * Not thread-safe: one per detector.
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
        private HashMap<String, V> current = new HashMap<>();
        private HashMap<String, V> previous = new HashMap<>();

        /** The remembered value (moved to the current generation if it was in the previous), or null. */
        V get(String key) {
            V v = current.get(key);
            if (v == null) {
                v = previous.remove(key);
                if (v != null) {
                    put(key, v);
                }
            }
            return v;
        }

        void put(String key, V v) {
            if (current.size() >= MAX) {
                previous = current;
                current = new HashMap<>();
            }
            current.put(key, v);
        }
    }
}
