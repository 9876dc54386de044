package dev.nethergaze.detect;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpLruIndex;

/**
 * The tracked IPs, by address and in least-recently-used order (the tracks are the index's entries).
 * A caller that already holds a track moves it to the recent end without hashing its address again.
 * Not thread-safe: the engine thread's.
 */
final class Tracks extends IpLruIndex<IpTrack> {

    @Override
    protected IpKey ip(IpTrack t) {
        return t.ip;
    }

    /** Stops tracking an IP; a queued reference to its track sees it as gone. */
    void untrack(IpTrack t) {
        remove(t);
        t.gone = true;
    }
}
