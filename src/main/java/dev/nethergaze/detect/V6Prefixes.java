package dev.nethergaze.detect;

import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpLruIndex;
import dev.nethergaze.model.LruIndex;
import dev.nethergaze.model.SourceEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * IPv6 clients judged per prefix as well ({@code detect.ipv6_prefix}, a /64 by default): one host or
 * one customer gets a whole /64, and an attacker who takes a new address of it for every request or
 * login stays below every per-address threshold. Once a second address of a prefix is seen, the
 * prefix gets a track of its own, fed with the same log events as its addresses' tracks and judged
 * by the same rules ({@link Detector}), and seeded with the latest log events of its first address
 * (at most {@link #SEED_HITS} requests and {@link #SEED_AUTH} SSH attempts, kept while it is alone): a
 * guess that began before Nethergaze saw its second address is whole on it.
 * A finding of the prefix's needs two or more of its addresses taking part (one alone has its own).
 * Bounded: at most {@code max} prefixes (least recently seen dropped), the {@link #MEMBERS} addresses
 * seen last remembered per prefix (the count goes on). Not thread-safe: the engine thread's.
 */
final class V6Prefixes {

    /**
     * Addresses of one prefix remembered by name, the latest seen (to tell which took part in the
     * prefix's findings, and re-judge them when those change).
     */
    static final int MEMBERS = 64;

    /** Requests of a prefix's first address kept to seed its track (the latest). */
    static final int SEED_HITS = 16;
    /** SSH attempts of a prefix's first address kept to seed its track (the latest). */
    static final int SEED_AUTH = 32;

    /** One prefix: its first address until a second comes, then its track and addresses. */
    static final class Prefix extends LruIndex.Entry<Prefix> {
        final IpKey prefix;
        final IpKey first;
        /** While it has one address: that address's latest log events, oldest first; then null. */
        ArrayDeque<SourceEvent> early;

        int earlyHits;
        LinkedHashSet<IpKey> members;
        long count = 1;
        IpTrack track;
        Instant lastSeen;

        Prefix(IpKey prefix, IpKey first, Instant t) {
            this.prefix = prefix;
            this.first = first;
            this.lastSeen = t;
        }
    }

    private static final class Index extends IpLruIndex<Prefix> {
        @Override
        protected IpKey ip(Prefix e) {
            return e.prefix;
        }
    }

    private final int bits;
    private final int max;
    private final Index index = new Index();
    /** The prefixes with findings now, in the order they were flagged. */
    private final Set<Prefix> flagged = new LinkedHashSet<>();
    /** The first address's events to put on a track made by the last {@link #feed}; empty after. */
    private List<SourceEvent> seed = List.of();

    /** @param bits the prefix length (48..127) */
    V6Prefixes(int bits, int max) {
        if (bits < 48 || bits > 127) {
            throw new IllegalArgumentException("IPv6 prefix length must be 48..127: " + bits);
        }
        this.bits = bits;
        this.max = max;
    }

    /**
     * The track of {@code ip}'s prefix to feed with its log event {@code event} at {@code t}, or null: an
     * IPv4 address, or the only address of its prefix seen so far (whose event is kept to seed the
     * track). When this event made the track, {@link #takeSeed} has the first address's events for it.
     */
    IpTrack feed(IpKey ip, Instant t, SourceEvent event) {
        if (ip.isV4()) {
            return null;
        }
        IpKey p = ip.prefix(bits);
        Prefix e = index.get(p);
        if (e == null) {
            e = new Prefix(p, ip, t);
            index.add(e);
            if (index.size() > max) {
                drop(index.eldest());
            }
            keep(e, event);
            return null;
        }
        if (t.isAfter(e.lastSeen)) {
            e.lastSeen = t;
        }
        if (e.members == null) {
            if (e.first.equals(ip)) {
                keep(e, event);
                return null;
            }
            e.members = new LinkedHashSet<>();
            e.members.add(e.first);
            e.track = new IpTrack(p, t, p + "/" + bits);
            seed = e.early == null ? List.of() : List.copyOf(e.early);
            e.early = null;
        }
        if (!ip.equals(e.members.getLast())) { // most events come from the address seen last
            if (!e.members.contains(ip)) {
                e.count++;
            }
            e.members.addLast(ip); // moved to the end if it was there: the least recently seen go first
            if (e.members.size() > MEMBERS) {
                e.members.removeFirst();
            }
        }
        e.track.seen(t);
        return e.track;
    }

    /** The first address's events for the track the last {@link #feed} made, oldest first, once; else empty. */
    List<SourceEvent> takeSeed() {
        List<SourceEvent> s = seed;
        seed = List.of();
        return s;
    }

    /** Keeps an event of a prefix's only address: its latest requests and SSH attempts, each bounded. */
    private static void keep(Prefix e, SourceEvent event) {
        boolean hit = event instanceof HttpHit;
        if (e.early == null) {
            e.early = new ArrayDeque<>(4);
        }
        if (hit ? e.earlyHits == SEED_HITS : e.early.size() - e.earlyHits == SEED_AUTH) {
            for (java.util.Iterator<SourceEvent> it = e.early.iterator(); it.hasNext(); ) {
                if ((it.next() instanceof HttpHit) == hit) { // the oldest of its kind goes
                    it.remove();
                    e.earlyHits -= hit ? 1 : 0;
                    break;
                }
            }
        }
        e.early.addLast(event);
        e.earlyHits += hit ? 1 : 0;
    }

    /** The track of {@code ip}'s prefix, if it has one (its recency left as it was). */
    IpTrack trackOf(IpKey ip) {
        if (ip.isV4()) {
            return null;
        }
        Prefix e = index.peek(ip.prefix(bits));
        return e == null ? null : e.track;
    }

    /** The addresses of a prefix track's prefix remembered by name, least recently seen first; empty if it is gone. */
    Set<IpKey> members(IpTrack prefixTrack) {
        Prefix e = index.peek(prefixTrack.ip);
        return e == null || e.members == null ? Set.of() : e.members;
    }

    /** How many distinct addresses of a prefix track's prefix were seen. */
    long count(IpTrack prefixTrack) {
        Prefix e = index.peek(prefixTrack.ip);
        return e == null ? 0 : e.count;
    }

    /** Notes whether a prefix track has findings now (after each judgement of it). */
    void judged(IpTrack prefixTrack) {
        Prefix e = index.peek(prefixTrack.ip);
        if (e == null) {
            return;
        }
        if (prefixTrack.current.isEmpty()) {
            flagged.remove(e);
        } else {
            flagged.add(e);
        }
    }

    /** The tracks of the prefixes with findings now. */
    List<IpTrack> flagged() {
        List<IpTrack> out = new ArrayList<>(flagged.size());
        for (Prefix e : flagged) {
            out.add(e.track);
        }
        return out;
    }

    /** Drops the prefixes last seen before {@code cutoff} that have no findings now. */
    void sweep(Instant cutoff) {
        for (Prefix e = index.eldest(); e != null; ) {
            Prefix next = e.newer();
            if (!e.lastSeen.isBefore(cutoff)) {
                break; // least recently seen first
            }
            if (!flagged.contains(e)) {
                drop(e);
            }
            e = next;
        }
    }

    int size() {
        return index.size();
    }

    private void drop(Prefix e) {
        index.remove(e);
        flagged.remove(e);
        if (e.track != null) {
            e.track.gone = true;
        }
    }
}
