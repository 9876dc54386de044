package dev.nethergaze.enrich;

import dev.nethergaze.model.IpKey;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whois requests waiting for a slot, best first. The rank is the IP's position in the latest
 * snapshot (0 = most active). Bounded: when full, a better-ranked request pushes out the worst one,
 * and a worse one is dropped. A request may wait for a time ({@code notBefore}) after a rate limit.
 * At most one request per IP. Not thread-safe; the {@link Enricher}'s dispatcher owns it.
 */
final class RequestQueue {

    private static final class Req {
        final IpKey ip;
        int rank;
        long seq;
        long notBefore;

        Req(IpKey ip, int rank, long seq, long notBefore) {
            this.ip = ip;
            this.rank = rank;
            this.seq = seq;
            this.notBefore = notBefore;
        }
    }

    private final int capacity;
    private final Map<IpKey, Req> byIp = new HashMap<>();
    private final TreeSet<Req> ordered =
            new TreeSet<>(Comparator.<Req>comparingInt(r -> r.rank).thenComparingLong(r -> r.seq));
    private long seq;
    private long dropped;

    RequestQueue(int capacity) {
        this.capacity = capacity;
    }

    /** Adds or re-ranks a request; returns false when it was dropped for being the least useful. */
    boolean offer(IpKey ip, int rank, long notBefore) {
        Req r = byIp.get(ip);
        if (r != null) {
            if (rank < r.rank) {
                ordered.remove(r);
                r.rank = rank;
                ordered.add(r);
            }
            r.notBefore = Math.max(r.notBefore, notBefore);
            return true;
        }
        if (byIp.size() >= capacity) {
            Req worst = ordered.last();
            if (worst.rank <= rank) {
                dropped++;
                return false;
            }
            remove(worst);
            dropped++;
        }
        Req n = new Req(ip, rank, seq++, notBefore);
        byIp.put(ip, n);
        ordered.add(n);
        return true;
    }

    boolean contains(IpKey ip) {
        return byIp.containsKey(ip);
    }

    /** The best request whose time has come, removed; null if none. */
    IpKey pollReady(long now) {
        for (Req r : ordered) {
            if (r.notBefore - now <= 0) {
                remove(r);
                return r.ip;
            }
        }
        return null;
    }

    /** Nanoseconds until the next waiting request is ready ({@code Long.MAX_VALUE} if empty). */
    long nanosUntilReady(long now) {
        long best = Long.MAX_VALUE;
        for (Req r : ordered) {
            best = Math.min(best, Math.max(0, r.notBefore - now));
        }
        return best;
    }

    private void remove(Req r) {
        ordered.remove(r);
        byIp.remove(r.ip);
    }

    int size() {
        return byIp.size();
    }

    long dropped() {
        return dropped;
    }
}
