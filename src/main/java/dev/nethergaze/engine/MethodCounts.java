package dev.nethergaze.engine;

import dev.nethergaze.model.CountMap;
import java.util.Arrays;
import java.util.Map;

/**
 * Requests per HTTP method of one IP: at most {@link EngineSettings#MAX_METHODS_PER_IP} methods, the
 * rest counted as "OTHER". Most IPs send one method, so the first is kept in fields and the arrays
 * for the others are made on the second; the parsers share method strings, so a lookup is mostly
 * a reference comparison or two.
 */
final class MethodCounts {

    private static final String OTHER = "OTHER";

    private String first;
    private long firstCount;
    // the methods after the first, made on the second
    private String[] names;
    private long[] counts;
    /** Methods listed, the first included. */
    private int size;

    void add(String method) {
        if (bump(method)) {
            return;
        }
        String m = size < EngineSettings.MAX_METHODS_PER_IP ? method : OTHER;
        if (m.equals(method) || !bump(m)) {
            if (size == 0) {
                first = m;
                firstCount = 1;
            } else {
                int at = size - 1;
                if (names == null) {
                    names = new String[2];
                    counts = new long[2];
                } else if (at == names.length) {
                    names = Arrays.copyOf(names, at * 2);
                    counts = Arrays.copyOf(counts, at * 2);
                }
                names[at] = m;
                counts[at] = 1;
            }
            size++;
        }
    }

    /** Counts one more of a method already listed; false when it is not. */
    @SuppressWarnings("ReferenceEquality") // a fast path before equals, not instead of it
    private boolean bump(String m) {
        if (size == 0) {
            return false;
        }
        if (first == m || first.equals(m)) {
            firstCount++;
            return true;
        }
        for (int i = 0; i < size - 1; i++) {
            String n = names[i];
            if (n == m || n.equals(m)) {
                counts[i]++;
                return true;
            }
        }
        return false;
    }

    /** The counts as an immutable map (one method, the most common case, as a one-entry map). */
    Map<String, Long> toMap() {
        if (size <= 1) {
            return size == 0 ? Map.of() : Map.of(first, firstCount);
        }
        String[] n = new String[size];
        long[] c = new long[size];
        n[0] = first;
        c[0] = firstCount;
        System.arraycopy(names, 0, n, 1, size - 1);
        System.arraycopy(counts, 0, c, 1, size - 1);
        return CountMap.sorting(n, c, size);
    }
}
