package dev.nethergaze.source.tail;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The copies of one log already dealt with (read, or listed when a truncation was handled), by file
 * key and by {@link Copies.Print}: a copy renamed keeps its key, a copy gzipped keeps its print. Bounded:
 * the most recent {@link #LIMIT} of each.
 */
final class KnownCopies {

    private static final int LIMIT = 64;

    private final Set<Object> keys = bounded();
    private final Set<Copies.Print> prints = bounded();

    private static <T> Set<T> bounded() {
        return Collections.newSetFromMap(new LinkedHashMap<T, Boolean>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) {
                return size() > LIMIT;
            }
        });
    }

    boolean knowsKey(Object key) {
        return key != null && keys.contains(key);
    }

    boolean knows(Copies.Print print) {
        return prints.contains(print);
    }

    void add(Object key) {
        if (key != null) {
            keys.add(key);
        }
    }

    void add(Copies.Print print) {
        prints.add(print);
    }
}
