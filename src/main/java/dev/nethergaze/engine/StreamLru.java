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

    /** An IP the engines hold, and which engine. */
    static final class Held extends LruIndex.Entry<Held> {
        final IpKey ip;
        final int shard;

        Held(IpKey ip, int shard) {
            this.ip = ip;
            this.shard = shard;
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
     * Notes a use of {@code ip} (held by engine {@code shard}); returns the IP dropped to make room for
     * it when it is new and the cap is passed, or null.
     */
    Held use(IpKey ip, int shard) {
        if (index.get(ip) != null) {
            return null;
        }
        index.add(new Held(ip, shard));
        return index.size() > cap ? index.removeEldest() : null;
    }

    int size() {
        return index.size();
    }
}
