package dev.nethergaze.engine;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.LruIndex;

/** The engine's IPs by address, least recently used first (the states are the index's entries). */
final class IpIndex extends LruIndex<IpState> {

    private long probeHi;
    private long probeLo;

    /** The state of {@code ip}, now the most recently used; null if not held. */
    IpState get(IpKey ip) {
        probeHi = ip.hi();
        probeLo = ip.lo();
        return find(mix(probeHi, probeLo));
    }

    @Override
    protected boolean matches(IpState s) {
        return s.ip.hi() == probeHi && s.ip.lo() == probeLo;
    }

    /** Adds a state whose IP is not held yet, as the most recently used. */
    void add(IpState s) {
        insert(s, mix(s.ip.hi(), s.ip.lo()));
    }
}
