package dev.nethergaze.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys (ports touched, user names tried) with when each was last seen, bounded to the {@code cap}
 * most recently seen, and questions about them over a window. Kept in order of last sight; while
 * the times also arrive in order (a log or capture read in order), a window question reads from the
 * newest key and stops at the first one older than the window, so a rule re-judging an IP on every
 * event does not walk every key. A late (older) time turns that off and the questions walk all keys.
 */
final class LastSeen<K> {

    private final LinkedHashMap<K, Instant> map = new LinkedHashMap<>();
    private final int cap;
    /** Every key's time is no earlier than the time of the keys before it. */
    private boolean ordered = true;

    private Instant newest;
    /** Touches so far: while it and a window's count stay the same, so do the window's keys. */
    private long touches;

    LastSeen(int cap) {
        this.cap = cap;
    }

    /** Records {@code key} as seen at {@code t} and drops the least recently seen keys beyond the cap. */
    void touch(K key, Instant t) {
        touches++;
        map.remove(key);
        map.put(key, t);
        if (newest != null && t.isBefore(newest)) {
            ordered = false;
        } else {
            newest = t;
        }
        if (map.size() > cap) {
            Iterator<K> eldest = map.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** How many keys were seen at or after {@code cutoff}. */
    int countSince(Instant cutoff) {
        int n = 0;
        Iterable<Instant> times = ordered ? map.sequencedValues().reversed() : map.values();
        for (Instant t : times) {
            if (!t.isBefore(cutoff)) {
                n++;
            } else if (ordered) {
                break; // the rest are older still
            }
        }
        return n;
    }

    /** The keys seen at or after {@code cutoff}, least recently seen first. */
    List<K> keysSince(Instant cutoff) {
        List<K> out = new ArrayList<>();
        if (ordered) {
            for (Map.Entry<K, Instant> e : map.sequencedEntrySet().reversed()) {
                if (e.getValue().isBefore(cutoff)) {
                    break;
                }
                out.add(e.getKey());
            }
            Collections.reverse(out);
            return out;
        }
        for (Map.Entry<K, Instant> e : map.entrySet()) {
            if (!e.getValue().isBefore(cutoff)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    long touches() {
        return touches;
    }

    boolean isEmpty() {
        return map.isEmpty();
    }

    int size() {
        return map.size();
    }
}
