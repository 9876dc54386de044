package dev.nethergaze.source.httplog;

/**
 * One object for equal values a parser makes apart (an address parsed again on each line, a JSON value
 * Jackson hands out as a new String): what many hits keep is then one copy, and the detector's
 * identity-keyed memos find it. Direct-mapped by hash, so bounded: a value takes its slot's place. One
 * instance per parser; not thread-safe.
 */
final class SharedValues<T> {

    private final Object[] slots;

    /** @param slots a power of two */
    SharedValues(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.slots = new Object[slots];
    }

    /** {@code v}, or the equal value handed out before it in its slot. */
    @SuppressWarnings("unchecked") // only Ts are stored
    T of(T v) {
        int h = v.hashCode();
        int i = (h ^ (h >>> 16)) & (slots.length - 1);
        Object kept = slots[i];
        if (v.equals(kept)) {
            return (T) kept;
        }
        slots[i] = v;
        return v;
    }
}
