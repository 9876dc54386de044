package dev.nethergaze.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Collections that keep at most {@code limit} entries: adding one more drops the eldest, in insertion
 * order ({@link #map}, {@link #set}) or in order of last access ({@link #lru}). Not synchronized.
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

    /** A map that drops the least recently read or written entry beyond {@code limit}. */
    public static <K, V> Map<K, V> lru(int limit) {
        return new LinkedHashMap<>(16, 0.75f, true) {
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
