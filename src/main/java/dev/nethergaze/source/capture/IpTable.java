package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpLruIndex;
import java.util.ArrayList;
import java.util.List;

/** The per-IP counters by address (the two longs of an {@code IpKey}), least recently seen first. */
final class IpTable extends IpLruIndex<IpCounters> {

    @Override
    protected IpKey ip(IpCounters c) {
        return c.ip;
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
