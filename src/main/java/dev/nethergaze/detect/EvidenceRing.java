package dev.nethergaze.detect;

import java.util.List;
import java.util.function.Function;

/**
 * The last N evidence items of one kind for one IP, oldest first when listed. Items are kept as the
 * events themselves and formatted only when a finding's evidence is read, so a busy IP costs no string
 * work. See {@link TextRing}.
 */
final class EvidenceRing<T> extends TextRing {

    private Object[] ring; // allocated on the first item

    EvidenceRing(int cap) {
        super(cap);
    }

    void add(T line) {
        if (ring == null) {
            ring = new Object[cap];
        }
        int at = claim(); // first: it may replace the array
        ring[at] = line;
    }

    @Override
    void copyItems() {
        ring = ring.clone();
    }

    /** The items, oldest first, each formatted by {@code format} (the same function on every call). */
    @SuppressWarnings("unchecked") // only T is ever stored
    List<String> toList(Function<? super T, String> format) {
        List<String> known = unchanged();
        if (known != null) {
            return known;
        }
        Object[] items = ring;
        return listed(at -> format.apply((T) items[at]));
    }
}
