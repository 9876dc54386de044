package dev.nethergaze.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each request target and header value matched among the probes (for one allow-path list).
 * Logs repeat them (the parsers share equal strings), so most requests skip decoding, the hint scans
 * and the regexes. Bounded: each map is cleared when full, and values longer than
 * {@value #MAX_LENGTH} characters (which rarely repeat) are judged each time, so the memo stays
 * small in bytes too. Not thread-safe: one per detector.
 */
final class ProbeMemo {

    private static final int MAX = 16_384;
    private static final int MAX_LENGTH = 512;

    private final Map<String, ProbePatterns.FieldMatch> targets = new HashMap<>();
    private final Map<String, Integer> headers = new HashMap<>();

    ProbePatterns.FieldMatch target(String raw, List<String> allowPaths) {
        if (raw.length() > MAX_LENGTH) {
            return ProbePatterns.target(raw, allowPaths);
        }
        ProbePatterns.FieldMatch m = targets.get(raw);
        if (m == null) {
            m = ProbePatterns.target(raw, allowPaths);
            bounded(targets).put(raw, m);
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
            bounded(headers).put(raw, m);
        }
        return m;
    }

    private static <V> Map<String, V> bounded(Map<String, V> m) {
        if (m.size() >= MAX) {
            m.clear();
        }
        return m;
    }
}
