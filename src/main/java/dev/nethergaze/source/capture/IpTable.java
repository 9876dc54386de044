package dev.nethergaze.source.capture;

import dev.nethergaze.model.LruIndex;
import java.util.ArrayList;
import java.util.List;

/** The per-IP counters by address (the two longs of an {@code IpKey}), least recently seen first. */
final class IpTable extends LruIndex<IpCounters> {

    private long probeHi;
    private long probeLo;

    IpCounters get(long hi, long lo) {
        probeHi = hi;
        probeLo = lo;
        return find(mix(hi, lo));
    }

    void add(IpCounters c) {
        insert(c, mix(c.ip.hi(), c.ip.lo()));
    }

    @Override
    protected boolean matches(IpCounters c) {
        return c.ip.lo() == probeLo && c.ip.hi() == probeHi;
    }

    /** Every entry, least recently seen first (the order a {@code LinkedHashMap} in access order gives). */
    List<IpCounters> values() {
        List<IpCounters> all = new ArrayList<>(size());
        for (IpCounters c = eldest(); c != null; c = c.newer()) {
            all.add(c);
        }
        return all;
    }
}
