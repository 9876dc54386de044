package dev.nethergaze.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cap on IPs tracked, counted across every engine that shares it. One engine owns its own
 * budget; the shards of a parallel replay share one, so their sum stays within {@code limits.max_ips}.
 */
public final class IpBudget {

    private final int cap;
    private final AtomicInteger used = new AtomicInteger();

    public IpBudget(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be positive: " + cap);
        }
        this.cap = cap;
    }

    /** Counts one more IP; false when that passes the cap (the caller must then evict one and release it). */
    boolean take() {
        return used.incrementAndGet() <= cap;
    }

    /** Counts one IP fewer. */
    void release() {
        used.decrementAndGet();
    }
}
