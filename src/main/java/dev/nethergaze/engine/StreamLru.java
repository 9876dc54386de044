package dev.nethergaze.engine;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpLruIndex;
import dev.nethergaze.model.LruIndex;

/**
 * The IPs of a replay split over several engines, least recently used first, kept on the thread that
 * reads the stream: {@code limits.max_ips} is applied here, in stream order, as one engine applies it,
 * and the engine holding the IP dropped is told to drop it. So the IPs kept past the cap do not hang on
 * how the engines' threads ran.
 */
final class StreamLru {

    /** An IP the engines hold (which engine follows from the address: {@code ShardedReplay.shardOf}). */
    static final class Held extends LruIndex.Entry<Held> {
        final IpKey ip;

        Held(IpKey ip) {
            this.ip = ip;
        }
    }

    private static final class Index extends IpLruIndex<Held> {
        @Override
        protected IpKey ip(Held h) {
            return h.ip;
        }
    }

    private final Index index = new Index();
    private final int cap;

    StreamLru(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be positive: " + cap);
        }
        this.cap = cap;
    }

    /**
     * Notes a use of {@code ip}; returns the IP dropped to make room for it when it is new and the cap
     * is passed, or null.
     */
    IpKey use(IpKey ip) {
        if (index.get(ip) != null) {
            return null;
        }
        index.add(new Held(ip));
        return index.size() > cap ? index.removeEldest().ip : null;
    }
}
