package dev.nethergaze.engine;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Requests per HTTP method of one IP: at most {@link EngineSettings#MAX_METHODS_PER_IP} methods, the
 * rest counted as "OTHER". Parallel arrays, not a map: an IP sends few methods, and the parsers share
 * method strings, so a lookup is mostly a reference comparison or two.
 */
final class MethodCounts {

    private static final String OTHER = "OTHER";

    private String[] names = new String[2];
    private long[] counts = new long[2];
    private int size;

    void add(String method) {
        if (bump(method)) {
            return;
        }
        String m = size < EngineSettings.MAX_METHODS_PER_IP ? method : OTHER;
        if (m.equals(method) || !bump(m)) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            names[size] = m;
            counts[size++] = 1;
        }
    }

    /** Counts one more of a method already listed; false when it is not. */
    @SuppressWarnings("ReferenceEquality") // a fast path before equals, not instead of it
    private boolean bump(String m) {
        for (int i = 0; i < size; i++) {
            String n = names[i];
            if (n == m || n.equals(m)) { // the parsers share method strings: mostly the same reference
                counts[i]++;
                return true;
            }
        }
        return false;
    }

    Map<String, Long> toMap() {
        Map<String, Long> m = HashMap.newHashMap(size);
        for (int i = 0; i < size; i++) {
            m.put(names[i], counts[i]);
        }
        return m;
    }
}
