package dev.nethergaze.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Insertion-ordered collections that keep the newest {@code limit} entries: adding one more drops the
 * eldest. Not synchronized.
 */
public final class Bounded {

    private Bounded() {}

    public static <K, V> Map<K, V> map(int limit) {
        return new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > limit;
            }
        };
    }

    public static <T> Set<T> set(int limit) {
        return Collections.newSetFromMap(map(limit));
    }
}
