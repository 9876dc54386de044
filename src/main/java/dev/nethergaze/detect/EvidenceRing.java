package dev.nethergaze.detect;

import java.util.List;
import java.util.function.Function;

/**
 * The last N evidence items of one kind for one IP, oldest first when listed. Items are kept as the
 * events themselves and formatted only when a finding is built, so a busy IP costs no string work.
 * Each item is formatted once (a ring always uses the same format), and while no item is added the
 * same immutable list is handed out again: a flagged IP re-judged every tick costs no string work.
 */
final class EvidenceRing<T> {

    private final int cap;
    private Object[] ring; // both allocated on the first item: most IPs never fill most kinds
    private String[] text;
    private int next;
    private int size;
    private List<String> listed;

    EvidenceRing(int cap) {
        this.cap = Math.max(1, cap);
    }

    void add(T line) {
        if (ring == null) {
            ring = new Object[cap];
            text = new String[cap];
        }
        ring[next] = line;
        text[next] = null;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        listed = null;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The items, oldest first, each formatted by {@code format} (the same function on every call). */
    @SuppressWarnings("unchecked") // only T is ever stored
    List<String> toList(Function<? super T, String> format) {
        if (listed != null) {
            return listed;
        }
        if (size == 0) {
            return List.of();
        }
        String[] out = new String[size];
        for (int i = 0; i < size; i++) {
            int at = (next - size + i + ring.length) % ring.length;
            if (text[at] == null) {
                text[at] = format.apply((T) ring[at]);
            }
            out[i] = text[at];
        }
        listed = List.of(out);
        return listed;
    }
}
