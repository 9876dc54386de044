package dev.nethergaze.detect;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The last N evidence items of one kind for one IP, oldest first when listed. Items are kept as the
 * events themselves and formatted only when a finding's evidence is read, so a busy IP costs no string
 * work. See {@link TextRing}. An item that comes again right after itself ({@link #add(Object,
 * BiPredicate)}) is kept once, and listed with how many times it came: "… (×5)".
 */
final class EvidenceRing<T> extends TextRing {

    private Object[] ring; // allocated on the first item
    /** Per slot, how many times more its item came right after itself; null until one did. */
    private int[] again;

    EvidenceRing(int cap) {
        super(cap);
    }

    void add(T line) {
        if (ring == null) {
            ring = new Object[cap];
        }
        int at = claim(); // first: it may replace the arrays
        ring[at] = line;
        if (again != null) {
            again[at] = 0;
        }
    }

    /**
     * Adds {@code line}, or counts it on the newest item when {@code same} says it is that one again:
     * one log line that stands for several events ("message repeated 5 times: [ … ]") is evidence
     * once, not five times filling the ring.
     */
    @SuppressWarnings("unchecked") // only T is ever stored
    void add(T line, BiPredicate<? super T, ? super T> same) {
        int last = newest();
        if (last < 0 || !same.test((T) ring[last], line)) {
            add(line);
            return;
        }
        changing(); // first: it may replace the arrays
        if (again == null) {
            again = new int[cap];
        }
        again[last]++;
    }

    @Override
    void copyItems() {
        ring = ring.clone();
        if (again != null) {
            again = again.clone();
        }
    }

    /** The items, oldest first, each formatted by {@code format} (the same function on every call). */
    @SuppressWarnings("unchecked") // only T is ever stored
    List<String> toList(Function<? super T, String> format) {
        List<String> known = unchanged();
        if (known != null) {
            return known;
        }
        Object[] items = ring;
        int[] more = again;
        return listed(at -> {
            String text = format.apply((T) items[at]);
            return more == null || more[at] == 0 ? text : text + " (×" + (more[at] + 1) + ")";
        });
    }
}
