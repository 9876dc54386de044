package dev.nethergaze.source.tail;

import dev.nethergaze.model.Bounded;
import java.util.Set;

/**
 * The copies of one log already dealt with (read, or listed when a truncation was handled), by file
 * key and by {@link Copies.Print}: a copy renamed keeps its key, a copy gzipped keeps its print. Bounded:
 * the most recent {@link #LIMIT} of each.
 */
final class KnownCopies {

    private static final int LIMIT = 64;

    private final Set<Object> keys = Bounded.set(LIMIT);
    private final Set<Copies.Print> prints = Bounded.set(LIMIT);

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
