package dev.nethergaze.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The last N evidence items of one kind for one IP, oldest first when listed. Items are kept as the
 * events themselves and formatted only when a finding is built, so a busy IP costs no string work.
 */
final class EvidenceRing<T> {

    private final Object[] ring;
    private int next;
    private int size;

    EvidenceRing(int cap) {
        this.ring = new Object[Math.max(1, cap)];
    }

    void add(T line) {
        ring[next] = line;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The items, oldest first, each formatted by {@code format}. */
    @SuppressWarnings("unchecked") // only T is ever stored
    List<String> toList(java.util.function.Function<? super T, String> format) {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(format.apply((T) ring[(next - size + i + ring.length) % ring.length]));
        }
        return out;
    }
}
