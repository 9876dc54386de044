package dev.nethergaze.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Questions about "key → when last seen" maps (ports touched, user names tried) over a window. */
final class LastSeen {

    private LastSeen() {}

    /**
     * Records {@code key} as seen at {@code t} (moving it to the end, so the map stays in order of
     * last sight) and drops the least recently seen keys beyond {@code cap}.
     */
    static <K> void touch(Map<K, Instant> lastSeen, K key, Instant t, int cap) {
        lastSeen.remove(key);
        lastSeen.put(key, t);
        if (lastSeen.size() > cap) {
            Iterator<K> eldest = lastSeen.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** How many keys were seen at or after {@code cutoff}. */
    static <K> int countSince(Map<K, Instant> lastSeen, Instant cutoff) {
        int n = 0;
        for (Instant t : lastSeen.values()) {
            if (!t.isBefore(cutoff)) {
                n++;
            }
        }
        return n;
    }

    /** The keys seen at or after {@code cutoff}, in the map's order. */
    static <K> List<K> keysSince(Map<K, Instant> lastSeen, Instant cutoff) {
        List<K> out = new ArrayList<>();
        for (Map.Entry<K, Instant> e : lastSeen.entrySet()) {
            if (!e.getValue().isBefore(cutoff)) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
