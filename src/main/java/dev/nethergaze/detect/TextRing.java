package dev.nethergaze.detect;

import dev.nethergaze.model.DeferredLines;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The bookkeeping of an evidence ring: which of N slots come next, and the list of the items' texts
 * handed out last. The texts are made only when a list is read ({@link DeferredLines}): a flagged IP
 * is re-judged after each of its events, and all but the findings somebody reads are replaced unread.
 * A list shares the subclass's item arrays, so the next item copies them first (copy on write); while
 * no item is added the same list is handed out again. Subclasses keep the items.
 */
abstract class TextRing {

    final int cap;
    private int next;
    private int size;
    private List<String> listed;
    /** Whether {@link #listed} (or an earlier list) reads the item arrays as they are now. */
    private boolean shared;

    TextRing(int cap) {
        this.cap = Math.max(1, cap);
    }

    /** Claims the slot for a new item (the oldest once full) and returns its index; read the arrays after. */
    final int claim() {
        if (shared) {
            copyItems();
            shared = false;
        }
        int at = next;
        next = (next + 1) % cap;
        size = Math.min(size + 1, cap);
        listed = null;
        return at;
    }

    /** The slot of the newest item, or -1 when there is none. */
    final int newest() {
        return size == 0 ? -1 : (next - 1 + cap) % cap;
    }

    /** Before an item already kept is changed in place: lists handed out keep what they showed. */
    final void changing() {
        if (shared) {
            copyItems();
            shared = false;
        }
        listed = null;
    }

    /** Replaces the item arrays with copies: a list handed out keeps reading the old ones. */
    abstract void copyItems();

    /** The list handed out last, while no item was added since; else null (a caller then lists). */
    final List<String> unchanged() {
        return listed;
    }

    final boolean isEmpty() {
        return size == 0;
    }

    /**
     * The items' texts, oldest first, {@code line(slot)} for each when the list is first read. {@code
     * line} must read the item arrays as they are now (captured, not through the ring's fields).
     */
    final List<String> listed(IntFunction<String> line) {
        List<String> known = listed;
        if (known != null) {
            return known;
        }
        if (size == 0) {
            return List.of();
        }
        int first = (next - size + cap) % cap;
        int slots = cap;
        shared = true;
        listed = new DeferredLines(size, i -> line.apply((first + i) % slots));
        return listed;
    }
}
