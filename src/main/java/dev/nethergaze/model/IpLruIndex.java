package dev.nethergaze.model;

/**
 * An {@link LruIndex} of per-IP entries keyed by their address: the engine's states, the detector's
 * tracks and the capture's counters. A lookup compares the two longs of the key, no object made.
 */
public abstract class IpLruIndex<E extends LruIndex.Entry<E>> extends LruIndex<E> {

    private IpKey probe; // the key asked for, when the caller has one: most entries hold that very object
    private long probeHi;
    private long probeLo;

    /** The address an entry is filed under. */
    protected abstract IpKey ip(E e);

    /** The entry of {@code ip}, now the most recently used; null if absent. */
    public final E get(IpKey ip) {
        return get(ip.hi(), ip.lo(), ip);
    }

    /** The entry of the address with these two halves, now the most recently used; null if absent. */
    public final E get(long hi, long lo) {
        return get(hi, lo, null);
    }

    private E get(long hi, long lo, IpKey key) {
        probe = key;
        probeHi = hi;
        probeLo = lo;
        return find(mix(hi, lo));
    }

    /** The entry of {@code ip}, its recency left as it was (a reader's look); null if absent. */
    public final E peek(IpKey ip) {
        probe = ip;
        probeHi = ip.hi();
        probeLo = ip.lo();
        return peek(mix(probeHi, probeLo));
    }

    /** Adds an entry whose address is not present yet, as the most recently used. */
    public final void add(E e) {
        IpKey ip = ip(e);
        insert(e, mix(ip.hi(), ip.lo()));
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // the same object first: its fields are then not read at all
    protected final boolean matches(E e) {
        IpKey ip = ip(e);
        return ip == probe || (ip.lo() == probeLo && ip.hi() == probeHi);
    }
}
