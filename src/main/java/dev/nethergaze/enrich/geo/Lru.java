package dev.nethergaze.enrich.geo;

import dev.nethergaze.model.Bounded;
import java.util.Map;

/** A small synchronized least-recently-used map with a fixed capacity. */
public final class Lru<K, V> {

    private final Map<K, V> map;

    public Lru(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.map = Bounded.lru(capacity);
    }

    /** The value, or null when absent. */
    public synchronized V get(K key) {
        return map.get(key);
    }

    public synchronized void put(K key, V value) {
        map.put(key, value);
    }

    public synchronized int size() {
        return map.size();
    }
}
