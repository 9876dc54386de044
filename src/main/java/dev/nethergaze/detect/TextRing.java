package dev.nethergaze.detect;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The bookkeeping of an evidence ring: which of N slots come next, and each slot's evidence text,
 * formatted once on first listing. While no item is added the same immutable list is handed out
 * again, so a flagged IP re-judged every tick costs no string work. Subclasses keep the items.
 */
abstract class TextRing {

    final int cap;
    private String[] text; // allocated on the first item: most IPs never fill most kinds
    private int next;
    private int size;
    private List<String> listed;

    TextRing(int cap) {
        this.cap = Math.max(1, cap);
    }

    /** Claims the slot for a new item (the oldest once full) and returns its index. */
    final int claim() {
        if (text == null) {
            text = new String[cap];
        }
        int at = next;
        text[at] = null;
        next = (next + 1) % cap;
        size = Math.min(size + 1, cap);
        listed = null;
        return at;
    }

    /** The list handed out last, while no item was added since; else null (a caller then formats). */
    final List<String> unchanged() {
        return listed;
    }

    final boolean isEmpty() {
        return size == 0;
    }

    /** The items' texts, oldest first, each made by {@code format(slot)} once. */
    final List<String> listed(IntFunction<String> format) {
        List<String> known = listed;
        if (known != null) {
            return known;
        }
        if (size == 0) {
            return List.of();
        }
        String[] out = new String[size];
        for (int i = 0; i < size; i++) {
            int at = (next - size + i + cap) % cap;
            if (text[at] == null) {
                text[at] = format.apply(at);
            }
            out[i] = text[at];
        }
        listed = List.of(out);
        return listed;
    }
}
