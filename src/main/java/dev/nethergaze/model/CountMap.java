package dev.nethergaze.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map of a few names to their counts, names in ascending order, no count zero: a view's
 * requests per status class. Two small arrays instead of a hash map built and copied for each view
 * (at 10k lines/s over 20k IPs, building the status maps was a third of all the bytes a live run
 * allocated; bench/RESULTS-logs.md). Read in order by index ({@link #key}, {@link #count}) without
 * boxing, or as any map.
 */
public final class CountMap extends AbstractMap<String, Long> {

    private static final CountMap EMPTY = new CountMap(new String[0], new long[0]);

    private final String[] keys;
    private final long[] counts;

    private CountMap(String[] keys, long[] counts) {
        this.keys = keys;
        this.counts = counts;
    }

    /**
     * The names of {@code sortedKeys} whose count (at the same index of {@code counts}) is above zero.
     * {@code sortedKeys} must be ascending and is not copied when every count is above zero: pass a
     * constant.
     */
    public static CountMap nonZero(String[] sortedKeys, long... counts) {
        if (sortedKeys.length != counts.length) {
            throw new IllegalArgumentException(sortedKeys.length + " keys for " + counts.length + " counts");
        }
        int n = 0;
        for (long c : counts) {
            if (c > 0) {
                n++;
            }
        }
        if (n == 0) {
            return EMPTY;
        }
        String[] k = n == sortedKeys.length ? sortedKeys : new String[n];
        long[] v = new long[n];
        for (int i = 0, j = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                k[j] = sortedKeys[i];
                v[j++] = counts[i];
            }
        }
        return new CountMap(k, v);
    }

    /**
     * A {@link CountMap} of {@code names} and their {@code counts} at the same index, sorted by name here
     * (a few: by insertion); counts of 0 or less left out. Names must differ. The arrays are not kept.
     */
    public static CountMap sorting(String[] names, long[] counts, int n) {
        String[] k = new String[n];
        long[] v = new long[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] <= 0) {
                continue;
            }
            int at = size++;
            while (at > 0 && k[at - 1].compareTo(names[i]) > 0) {
                k[at] = k[at - 1];
                v[at] = v[at - 1];
                at--;
            }
            k[at] = names[i];
            v[at] = counts[i];
        }
        if (size == 0) {
            return EMPTY;
        }
        return size == n ? new CountMap(k, v) : new CountMap(Arrays.copyOf(k, size), Arrays.copyOf(v, size));
    }

    /** {@code m} as an immutable map: itself when it is one of these or already immutable. */
    public static Map<String, Long> copyOf(Map<String, Long> m) {
        return m instanceof CountMap ? m : Map.copyOf(m);
    }

    @Override
    public int size() {
        return keys.length;
    }

    /** The {@code i}th name, in ascending order. */
    public String key(int i) {
        return keys[i];
    }

    /** The count of {@link #key key(i)}. */
    public long count(int i) {
        return counts[i];
    }

    @Override
    public Long get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : counts[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, Long>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public Iterator<Map.Entry<String, Long>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, Long> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], counts[i]);
                    }
                };
            }
        };
    }
}
