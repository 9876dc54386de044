package dev.nethergaze.engine;

import dev.nethergaze.model.RequestView;
import java.util.ArrayList;
import java.util.List;

/** The last N requests of one IP, oldest first when listed. Allocated lazily. */
final class RequestRing {

    private final int cap;
    private RequestView[] ring;
    private int next;
    private int size;

    RequestRing(int cap) {
        this.cap = cap;
    }

    void add(RequestView r) {
        if (cap == 0) {
            return;
        }
        if (ring == null) {
            ring = new RequestView[Math.min(cap, 4)];
        } else if (size == ring.length && ring.length < cap) {
            RequestView[] bigger = new RequestView[Math.min(cap, ring.length * 2)];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(next - size + i + ring.length) % ring.length];
            }
            ring = bigger;
            next = size;
        }
        ring[next] = r;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    List<RequestView> toList() {
        List<RequestView> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(ring[(next - size + i + ring.length) % ring.length]);
        }
        return out;
    }
}
