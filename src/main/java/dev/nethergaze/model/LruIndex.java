package dev.nethergaze.model;

import java.util.Arrays;

/**
 * An access-ordered hash index (open addressing, linear probing) whose entries are the values
 * themselves and carry their own key, so a lookup allocates nothing and follows no node object: the
 * replacement for a {@code LinkedHashMap} in access order for per-IP state (the engine's, the
 * detector's, the capture's). A subclass sets its probe fields, then calls {@link #find} with the
 * key's hash; {@link #matches} compares an entry with the probe. Entries are kept on a doubly
 * linked list from least to most recently used, for eviction and iteration in the same order a
 * {@code LinkedHashMap(…, true)} would give. Not thread-safe: one owner thread.
 */
@SuppressWarnings("ReferenceEquality") // entries are compared by identity on purpose
public abstract class LruIndex<E extends LruIndex.Entry<E>> {

    /** An indexed value: its hash and its place in the recency list. */
    public abstract static class Entry<E> {
        // package-private, not private: reached through the type variable E
        int hash;
        E older;
        E newer;

        /** The next more recently used entry; null for the most recent. */
        public final E newer() {
            return newer;
        }
    }

    private Entry<?>[] table = new Entry<?>[1024];
    /**
     * Each slot's entry's hash, beside the table: a probe passes the entries of other keys in its run
     * without reaching them (each one a cache miss, on a table of 50k IPs), and only the entry with
     * the hash asked for is compared.
     */
    private int[] hashes = new int[1024];

    private int size;
    private E eldest;
    private E newest;

    /** True if {@code e} has the key currently held in the subclass's probe fields. */
    protected abstract boolean matches(E e);

    /** The entry matching the probe (marked most recently used), or null. */
    protected final E find(int hash) {
        E e = peek(hash);
        if (e != null) {
            touch(e);
        }
        return e;
    }

    /** The entry matching the probe, or null; its recency is left as it was. */
    @SuppressWarnings("unchecked")
    protected final E peek(int hash) {
        Entry<?>[] t = table;
        int[] h = hashes;
        int mask = t.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Entry<?> e = t[i];
            if (e == null || (h[i] == hash && matches((E) e))) {
                return (E) e;
            }
        }
    }

    /** Adds {@code e} (whose key is not present) as the most recently used entry. */
    protected final void insert(E e, int hash) {
        if ((size + 1) * 4L > table.length * 3L) {
            grow();
        }
        e.hash = hash;
        place(table, hashes, e);
        size++;
        append(e);
    }

    /** Removes and returns the least recently used entry (null when empty). */
    public final E removeEldest() {
        E e = eldest;
        if (e != null) {
            remove(e);
        }
        return e;
    }

    /** Removes {@code e}, which must be in this index. */
    public final void remove(E e) {
        unlink(e);
        Entry<?>[] t = table;
        int mask = t.length - 1;
        int i = e.hash & mask;
        while (t[i] != e) {
            i = (i + 1) & mask;
        }
        deleteAt(t, hashes, i);
        size--;
    }

    public final int size() {
        return size;
    }

    /** The least recently used entry; follow {@link Entry#newer} for the rest. */
    public final E eldest() {
        return eldest;
    }

    public void clear() {
        Arrays.fill(table, null);
        Arrays.fill(hashes, 0);
        size = 0;
        eldest = null;
        newest = null;
    }

    /** Makes {@code e}, which must be in this index, the most recently used. */
    public final void touch(E e) {
        if (e == newest) {
            return;
        }
        unlink(e);
        append(e);
    }

    /** Links {@code e} (unlinked) in as the most recently used. */
    private void append(E e) {
        e.older = newest;
        e.newer = null;
        if (newest != null) {
            newest.newer = e;
        } else {
            eldest = e;
        }
        newest = e;
    }

    private void unlink(E e) {
        if (e.older != null) {
            e.older.newer = e.newer;
        } else {
            eldest = e.newer;
        }
        if (e.newer != null) {
            e.newer.older = e.older;
        } else {
            newest = e.older;
        }
        e.older = null;
        e.newer = null;
    }

    private void grow() {
        Entry<?>[] t = new Entry<?>[table.length * 2];
        int[] h = new int[t.length];
        for (Entry<?> e : table) {
            if (e != null) {
                place(t, h, e);
            }
        }
        table = t;
        hashes = h;
    }

    private static void place(Entry<?>[] t, int[] h, Entry<?> e) {
        int mask = t.length - 1;
        int i = e.hash & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = e;
        h[i] = e.hash;
    }

    /** Backward-shift deletion: moves later entries of the probe run up so lookups stay correct. */
    private static void deleteAt(Entry<?>[] t, int[] h, int hole) {
        int mask = t.length - 1;
        t[hole] = null;
        for (int j = (hole + 1) & mask; t[j] != null; j = (j + 1) & mask) {
            int home = h[j] & mask;
            boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!stays) {
                t[hole] = t[j];
                h[hole] = h[j];
                t[j] = null;
                hole = j;
            }
        }
    }

    /** Spreads a key's bits over the int hash (the table uses the low bits). */
    public static int mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 29));
    }
}
