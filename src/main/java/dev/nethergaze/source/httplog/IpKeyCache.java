package dev.nethergaze.source.httplog;

import dev.nethergaze.model.IpKey;

/**
 * Hands out one shared {@link IpKey} per address seen recently (a direct-mapped cache), so the hits
 * of a busy client share a key instead of each carrying its own copy. One per parser; not
 * thread-safe.
 */
final class IpKeyCache {

    private static final int SLOTS = 1 << 16;

    private final IpKey[] keys = new IpKey[SLOTS];

    IpKey shared(IpKey k) {
        int h = k.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        IpKey known = keys[slot];
        if (k.equals(known)) {
            return known;
        }
        keys[slot] = k;
        return k;
    }
}
