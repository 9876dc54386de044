package dev.nethergaze.engine;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpLruIndex;

/** The engine's IPs by address, least recently used first (the states are the index's entries). */
final class IpIndex extends IpLruIndex<IpState> {

    @Override
    protected IpKey ip(IpState s) {
        return s.ip;
    }
}
