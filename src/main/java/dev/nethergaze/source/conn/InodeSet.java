package dev.nethergaze.source.conn;

import java.util.Arrays;

/**
 * A set of socket inodes (positive longs) without boxing: open addressing with linear probing,
 * at most half full, deletion by backward shift. With 100k sockets the owner bookkeeping would
 * otherwise box and hash 100k {@code Long}s several times per poll. An optional value per inode
 * makes it the inode → owner map too. Not thread-safe; concurrent readers are fine while nobody
 * writes.
 *
 * @param <V> the value kept per inode ({@code Void} for a plain set)
 */
final class InodeSet<V> {

    private long[] keys;
    private Object[] values;
    private int size;

    InodeSet() {
        this(16);
    }

    InodeSet(int expected) {
        int cap = 16;
        while (cap < expected * 2) {
            cap <<= 1;
        }
        keys = new long[cap];
    }

    /** A copy of {@code other}'s inodes (not its values). */
    static <T> InodeSet<T> copyOf(InodeSet<?> other) {
        InodeSet<T> s = new InodeSet<>(other.size);
        for (long k : other.keys) {
            if (k != 0) {
                s.add(k);
            }
        }
        return s;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(long inode) {
        return slot(inode) >= 0;
    }

    /** Adds {@code inode} (which must be positive); false if it was there. */
    boolean add(long inode) {
        return put(inode, null, false);
    }

    /** Sets {@code inode}'s value, adding it if absent. */
    void put(long inode, V value) {
        put(inode, value, true);
    }

    /** {@code inode}'s value, or null (absent, or added without one). */
    @SuppressWarnings("unchecked") // values only ever hold what put stored as V
    V get(long inode) {
        int i = slot(inode);
        return i < 0 || values == null ? null : (V) values[i];
    }

    /** Removes {@code inode}; false if it was not there. */
    boolean remove(long inode) {
        int i = slot(inode);
        if (i < 0) {
            return false;
        }
        int mask = keys.length - 1;
        // backward shift: move later members of the probe run into the hole so lookups still find them
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = home(keys[j], mask);
            boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable) {
                keys[hole] = keys[j];
                if (values != null) {
                    values[hole] = values[j];
                }
                hole = j;
            }
        }
        keys[hole] = 0;
        if (values != null) {
            values[hole] = null;
        }
        size--;
        return true;
    }

    /** Adds every inode of {@code other}. */
    void addAll(InodeSet<?> other) {
        for (long k : other.keys) {
            if (k != 0) {
                add(k);
            }
        }
    }

    /** Keeps only the inodes also in {@code other} (with their values). */
    void retainAll(InodeSet<?> other) {
        int kept = 0;
        for (long k : keys) {
            if (k != 0 && other.contains(k)) {
                kept++;
            }
        }
        if (kept == size) {
            return;
        }
        long[] oldKeys = keys;
        Object[] oldValues = values;
        InodeSet<V> fresh = new InodeSet<>(kept);
        keys = fresh.keys;
        values = oldValues == null ? null : new Object[keys.length];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            long k = oldKeys[i];
            if (k != 0 && other.contains(k)) {
                insert(k, oldValues == null ? null : oldValues[i]);
            }
        }
    }

    private boolean put(long inode, V value, boolean withValue) {
        if (inode <= 0) {
            throw new IllegalArgumentException("inode must be positive: " + inode);
        }
        int i = slot(inode);
        if (i >= 0) {
            if (withValue) {
                values()[i] = value;
            }
            return false;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(inode, withValue ? value : null);
        return true;
    }

    private void insert(long inode, Object value) {
        int mask = keys.length - 1;
        int i = home(inode, mask);
        while (keys[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = inode;
        if (value != null) {
            values()[i] = value;
        }
        size++;
    }

    private Object[] values() {
        if (values == null) {
            values = new Object[keys.length];
        }
        return values;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = oldValues == null ? null : new Object[keys.length];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                insert(oldKeys[i], oldValues == null ? null : oldValues[i]);
            }
        }
    }

    private int slot(long inode) {
        if (inode <= 0) {
            return -1;
        }
        int mask = keys.length - 1;
        for (int i = home(inode, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == inode) {
                return i;
            }
            if (k == 0) {
                return -1;
            }
        }
    }

    private static int home(long inode, int mask) {
        long h = inode * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.stream(keys).filter(k -> k != 0).sorted().toArray());
    }
}
