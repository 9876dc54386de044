package dev.nethergaze.detect;

import dev.nethergaze.model.IpKey;
import java.util.HashMap;

/**
 * The tracked IPs, by address and in least-recently-used order (an intrusive list through the
 * tracks). Unlike an access-ordered map, a caller that already holds a track moves it to the
 * recent end without hashing its address again. Not thread-safe: the engine thread's.
 */
final class Tracks {

    private final HashMap<IpKey, IpTrack> byIp = new HashMap<>(1024);
    private IpTrack eldest;
    private IpTrack newest;

    /** The track of {@code ip}, now the most recently used; null if not tracked. */
    IpTrack get(IpKey ip) {
        IpTrack t = byIp.get(ip);
        if (t != null) {
            touch(t);
        }
        return t;
    }

    /** Makes a tracked IP the most recently used. */
    void touch(IpTrack t) {
        if (t != newest) {
            unlink(t);
            append(t);
        }
    }

    /** Tracks a new IP as the most recently used. */
    void add(IpTrack t) {
        byIp.put(t.ip, t);
        append(t);
    }

    /** Stops tracking an IP; a queued reference to its track sees it as gone. */
    void remove(IpTrack t) {
        byIp.remove(t.ip);
        unlink(t);
        t.gone = true;
    }

    /** The least recently used track (walk on with {@link IpTrack#newer}); null if none. */
    IpTrack eldest() {
        return eldest;
    }

    int size() {
        return byIp.size();
    }

    private void unlink(IpTrack t) {
        if (t.older != null) {
            t.older.newer = t.newer;
        } else {
            eldest = t.newer;
        }
        if (t.newer != null) {
            t.newer.older = t.older;
        } else {
            newest = t.older;
        }
        t.older = null;
        t.newer = null;
    }

    private void append(IpTrack t) {
        t.older = newest;
        t.newer = null;
        if (newest != null) {
            newest.newer = t;
        } else {
            eldest = t;
        }
        newest = t;
    }
}
