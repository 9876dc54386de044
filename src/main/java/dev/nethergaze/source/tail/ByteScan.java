package dev.nethergaze.source.tail;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte (a newline, a quote) in a byte array eight bytes at a time: each word is tested with a
 * few integer operations instead of eight compares and branches. A replay runs on C1 only, which
 * neither unrolls nor vectorises a byte loop: the 22 MB sshd log took 36-40 ms to split into lines
 * byte by byte and 17 ms so; with C2, 8 and 4 ms (bench/RESULTS-logs.md).
 */
public final class ByteScan {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;

    private ByteScan() {}

    /** Where the first {@code c} in {@code b[from, to)} is, or -1. */
    public static int next(byte[] b, int from, int to, byte c) {
        long pattern = (c & 0xFF) * ONES;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long found = zeroBytes((long) WORDS.get(b, i) ^ pattern);
            if (found != 0) {
                return i + first(found);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Where the first {@code c} or {@code d} in {@code b[from, to)} is, or -1. */
    public static int nextOf(byte[] b, int from, int to, byte c, byte d) {
        long pc = (c & 0xFF) * ONES;
        long pd = (d & 0xFF) * ONES;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long w = (long) WORDS.get(b, i);
            long found = zeroBytes(w ^ pc) | zeroBytes(w ^ pd);
            if (found != 0) {
                return i + first(found);
            }
        }
        for (; i < to; i++) {
            if (b[i] == c || b[i] == d) {
                return i;
            }
        }
        return -1;
    }

    /** How many {@code c} {@code b[from, to)} holds. */
    public static int count(byte[] b, int from, int to, byte c) {
        long pattern = (c & 0xFF) * ONES;
        int n = 0;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            n += Long.bitCount(zeroBytes((long) WORDS.get(b, i) ^ pattern));
        }
        for (; i < to; i++) {
            if (b[i] == c) {
                n++;
            }
        }
        return n;
    }

    /** The offset in its word of the first byte marked in {@code found} (little-endian: the lowest). */
    private static int first(long found) {
        return Long.numberOfTrailingZeros(found) >>> 3;
    }

    /**
     * The high bit of each byte of {@code w} that is zero, and no other bit. Exact for every byte (the
     * classic {@code (w - 0x01..) & ~w & 0x80..} marks a 0x01 above a zero too, through the borrow):
     * adding 0x7F to a byte's low seven bits sets its high bit unless they are all zero, and never
     * carries into the next byte.
     */
    private static long zeroBytes(long w) {
        return ~(((w & LOW_SEVEN) + LOW_SEVEN) | w | LOW_SEVEN);
    }
}
