package dev.nethergaze.source.tail;

import java.util.Arrays;

/**
 * The bytes a log held right before the read position, as far back as {@code capacity}, each at its
 * offset: what tells a copy made before the last look (logrotate's {@code copytruncate} copied the log,
 * the tailer read on past the copy's end before the truncation) by the bytes it ends with, so that it
 * is not taken for a later copy and read again. A ring; bytes not added right after the last ones
 * start it anew. It grows with what is added, up to its capacity: a quiet log keeps little.
 */
final class RecentBytes {

    private static final int FIRST = 4 << 10;

    private final int capacity;
    private byte[] ring;
    /** The offset right after the last byte held. */
    private long end;
    /** How many bytes before {@link #end} are held. */
    private int held;

    RecentBytes(int capacity) {
        this.capacity = capacity;
        this.ring = new byte[Math.min(capacity, FIRST)];
    }

    /** A ring of at least {@code size} bytes (up to the capacity), holding what this one held. */
    private void growTo(long size) {
        int length = ring.length;
        while (length < size && length < capacity) {
            length = (int) Math.min(capacity, 2L * length);
        }
        if (length == ring.length) {
            return;
        }
        byte[] bigger = new byte[length];
        for (long at = end - held; at < end; at++) {
            bigger[(int) (at % length)] = ring[(int) (at % ring.length)];
        }
        ring = bigger;
    }

    /** Forgets everything: the next bytes are the ones from {@code at} on. */
    void clear(long at) {
        end = at;
        held = 0;
    }

    /** The {@code n} bytes of {@code b} from {@code off} are the file's at {@code at}. */
    void add(long at, byte[] b, int off, int n) {
        if (at != end) {
            clear(at);
        }
        if (held + (long) n > ring.length) {
            growTo(held + (long) n);
        }
        int skip = Math.max(0, n - ring.length);
        for (int i = skip; i < n; ) {
            int slot = (int) ((at + i) % ring.length);
            int run = Math.min(n - i, ring.length - slot);
            System.arraycopy(b, off + i, ring, slot, run);
            i += run;
        }
        end = at + n;
        held = (int) Math.min(ring.length, held + (long) n);
    }

    /** Whether the bytes held right before {@code offset} are {@code before}. */
    boolean holds(long offset, byte[] before) {
        long from = offset - before.length;
        if (from < end - held || offset > end || from < 0) {
            return false;
        }
        byte[] here = new byte[before.length];
        for (int i = 0; i < here.length; i++) {
            here[i] = ring[(int) ((from + i) % ring.length)];
        }
        return Arrays.equals(here, before);
    }
}
