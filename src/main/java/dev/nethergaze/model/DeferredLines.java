package dev.nethergaze.model;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * An immutable list of text lines made only when the list is first read, then kept. A detector
 * re-judges a flagged IP after each of its events and hands out a new finding each time, but only the
 * findings somebody reads (a report, a frame, an alert) need their evidence as text: the others are
 * replaced before anyone looks. {@code line} must be a pure function of its index over data that no
 * one changes afterwards (the caller gives it a private or copy-on-write snapshot). Safe to read from
 * any thread; lines are made at most once per list (under its lock).
 */
public final class DeferredLines extends AbstractList<String> implements RandomAccess {

    private final int size;
    private IntFunction<String> line; // dropped once the lines are made
    private volatile String[] lines;

    public DeferredLines(int size, IntFunction<String> line) {
        if (size < 0) {
            throw new IllegalArgumentException("size < 0");
        }
        this.size = size;
        this.line = Objects.requireNonNull(line);
    }

    @Override
    public String get(int index) {
        Objects.checkIndex(index, size);
        return lines()[index];
    }

    @Override
    public int size() {
        return size;
    }

    private String[] lines() {
        String[] made = lines;
        if (made != null) {
            return made;
        }
        synchronized (this) {
            if (lines == null) {
                String[] out = new String[size];
                for (int i = 0; i < size; i++) {
                    out[i] = Objects.requireNonNull(line.apply(i), "evidence line");
                }
                line = null;
                lines = out;
            }
            return lines;
        }
    }
}
