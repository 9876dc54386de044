package dev.nethergaze.source.tail;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds {@code '\n'} in a byte array eight bytes at a time: each word is tested for a newline byte
 * with a few integer operations instead of eight compares and branches. A replay runs on C1 only,
 * which neither unrolls nor vectorises a byte loop: the 22 MB sshd log took 36-40 ms to split byte by
 * byte and 17 ms so; with C2, 8 and 4 ms (bench/RESULTS-logs.md).
 */
final class Newlines {

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;

    private Newlines() {}

    /** Where the first newline in {@code b[from, to)} is, or -1. */
    static int next(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long zero = zeroBytes((long) WORDS.get(b, i) ^ NEWLINES);
            if (zero != 0) { // little-endian: the lowest byte is the first in the array
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** How many newlines {@code b[from, to)} holds. */
    static int count(byte[] b, int from, int to) {
        int n = 0;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            n += Long.bitCount(zeroBytes((long) WORDS.get(b, i) ^ NEWLINES));
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
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
