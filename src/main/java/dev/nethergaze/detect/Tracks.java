package dev.nethergaze.detect;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.LruIndex;

/**
 * The tracked IPs, by address and in least-recently-used order (the tracks are the index's entries).
 * A caller that already holds a track moves it to the recent end without hashing its address again.
 * Not thread-safe: the engine thread's.
 */
final class Tracks extends LruIndex<IpTrack> {

    private long probeHi;
    private long probeLo;

    /** The track of {@code ip}, now the most recently used; null if not tracked. */
    IpTrack get(IpKey ip) {
        probeHi = ip.hi();
        probeLo = ip.lo();
        return find(mix(probeHi, probeLo));
    }

    @Override
    protected boolean matches(IpTrack t) {
        return t.ip.hi() == probeHi && t.ip.lo() == probeLo;
    }

    /** Tracks a new IP (not tracked yet) as the most recently used. */
    void add(IpTrack t) {
        insert(t, mix(t.ip.hi(), t.ip.lo()));
    }

    /** Stops tracking an IP; a queued reference to its track sees it as gone. */
    void untrack(IpTrack t) {
        remove(t);
        t.gone = true;
    }
}
