package dev.nethergaze.detect;

import java.util.ArrayList;
import java.util.List;

/** The last N evidence lines of one kind for one IP, oldest first when listed. */
final class EvidenceRing {

    private final String[] ring;
    private int next;
    private int size;

    EvidenceRing(int cap) {
        this.ring = new String[Math.max(1, cap)];
    }

    void add(String line) {
        ring[next] = line;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    boolean isEmpty() {
        return size == 0;
    }

    List<String> toList() {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(ring[(next - size + i + ring.length) % ring.length]);
        }
        return out;
    }
}
