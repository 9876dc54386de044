package dev.nethergaze.detect;

import dev.nethergaze.model.HttpHit;
import java.util.HashSet;
import java.util.Set;

/**
 * Request targets and header values already known to match no probe (for one allow-path list). Logs
 * repeat them (the parsers share equal strings), so most requests skip decoding and the hint scans.
 * Bounded: each set is cleared when full. Not thread-safe: one per detector.
 */
final class QuietStrings {

    private static final int MAX = 16_384;

    private final Set<String> targets = new HashSet<>();
    private final Set<String> headers = new HashSet<>();

    boolean target(String s) {
        return targets.contains(s);
    }

    boolean header(String s) {
        return headers.contains(s);
    }

    void remember(HttpHit h, boolean targetQuiet, boolean agentQuiet, boolean refererQuiet) {
        if (targetQuiet) {
            add(targets, h.target());
        }
        if (agentQuiet) {
            add(headers, h.userAgent());
        }
        if (refererQuiet) {
            add(headers, h.referer());
        }
    }

    private static void add(Set<String> set, String s) {
        if (set.size() >= MAX) {
            set.clear();
        }
        set.add(s);
    }
}
