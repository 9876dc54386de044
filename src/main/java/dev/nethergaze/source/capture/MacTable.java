package dev.nethergaze.source.capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per source-MAC packet counts and a per-second rate, least recently seen evicted beyond the cap. */
public final class MacTable {

    /** One MAC's packets, first-seen time, and packets in its last complete second. */
    public record MacCount(String mac, long packets, long firstNanos, long lastSecondPackets) {}

    private static final class Slot {
        long packets;
        long firstNanos;
        long second;
        long inSecond;
        long lastSecond;
    }

    private static final int MAX_FRESH = 1024;

    private final Map<Long, Slot> macs;
    private final List<Long> fresh = new ArrayList<>();

    MacTable(int cap) {
        this.macs = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Slot> eldest) {
                return size() > cap;
            }
        };
    }

    void count(long mac, long tsNanos) {
        Slot e = macs.get(mac);
        if (e == null) {
            e = new Slot();
            e.firstNanos = tsNanos;
            macs.put(mac, e);
            if (fresh.size() < MAX_FRESH) {
                fresh.add(mac);
            }
        }
        e.packets++;
        long sec = tsNanos / 1_000_000_000L;
        if (sec != e.second) {
            e.lastSecond = sec == e.second + 1 ? e.inSecond : 0;
            e.second = sec;
            e.inSecond = 0;
        }
        e.inSecond++;
    }

    /** MACs first seen since the last call (at most {@value #MAX_FRESH}), as {@code aa:bb:…} text. */
    List<String> drainFresh() {
        List<String> out = new ArrayList<>(fresh.size());
        for (long m : fresh) {
            out.add(Frame.mac(m));
        }
        fresh.clear();
        return out;
    }

    int size() {
        return macs.size();
    }

    List<MacCount> top(int n) {
        return macs.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Long, Slot> e) -> e.getValue().packets)
                        .reversed())
                .limit(n)
                .map(e -> new MacCount(
                        Frame.mac(e.getKey()), e.getValue().packets, e.getValue().firstNanos, e.getValue().lastSecond))
                .toList();
    }

    void clear() {
        macs.clear();
        fresh.clear();
    }
}
