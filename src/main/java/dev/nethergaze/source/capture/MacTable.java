package dev.nethergaze.source.capture;

import dev.nethergaze.model.LruIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Per source-MAC packet counts and a per-second rate, least recently seen evicted beyond the cap. */
public final class MacTable {

    /** One MAC's packets, first-seen time, and packets in its last complete second. */
    public record MacCount(String mac, long packets, long firstSeenNs, long lastSecondPackets) {}

    private static final class Slot extends LruIndex.Entry<Slot> {
        final long mac;
        long packets;
        long firstNanos;
        long second;
        long inSecond;
        long lastSecond;

        Slot(long mac) {
            this.mac = mac;
        }
    }

    /** Slots by MAC, least recently seen first; no boxing per packet. */
    private static final class Slots extends LruIndex<Slot> {
        private long probe;

        Slot get(long mac) {
            probe = mac;
            return find(mix(mac, 0));
        }

        void add(Slot s) {
            insert(s, mix(s.mac, 0));
        }

        @Override
        protected boolean matches(Slot s) {
            return s.mac == probe;
        }
    }

    private static final int MAX_FRESH = 1024;

    private final int cap;
    private final Slots macs = new Slots();
    private final List<Long> fresh = new ArrayList<>();

    MacTable(int cap) {
        this.cap = cap;
    }

    void count(long mac, long tsNanos) {
        Slot e = macs.get(mac);
        if (e == null) {
            e = new Slot(mac);
            e.firstNanos = tsNanos;
            macs.add(e);
            if (macs.size() > cap) {
                macs.removeEldest();
            }
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
        List<Slot> all = new ArrayList<>(macs.size());
        for (Slot s = macs.eldest(); s != null; s = s.newer()) {
            all.add(s);
        }
        return all.stream()
                .sorted(Comparator.comparingLong((Slot s) -> s.packets).reversed())
                .limit(n)
                .map(s -> new MacCount(Frame.mac(s.mac), s.packets, s.firstNanos, s.lastSecond))
                .toList();
    }

    void clear() {
        macs.clear();
        fresh.clear();
    }
}
