package dev.nethergaze.source.tail;

import java.util.Arrays;
import java.util.zip.CRC32C;

/** The last bytes (up to {@link #CAPACITY}) of a stream of bytes, oldest first. */
final class LastBytes {

    static final int CAPACITY = 128;

    private final byte[] bytes = new byte[CAPACITY];
    private int length;

    void add(byte[] b, int off, int n) {
        if (n >= CAPACITY) {
            System.arraycopy(b, off + n - CAPACITY, bytes, 0, CAPACITY);
            length = CAPACITY;
            return;
        }
        int keep = Math.min(length, CAPACITY - n);
        System.arraycopy(bytes, length - keep, bytes, 0, keep);
        System.arraycopy(b, off, bytes, keep, n);
        length = keep + n;
    }

    void clear() {
        length = 0;
    }

    int length() {
        return length;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** Whether {@code b[off, off+n)} equals the last {@code n} bytes held ({@code n <= length}). */
    boolean endsWith(byte[] b, int off, int n) {
        return Arrays.equals(b, off, off + n, bytes, length - n, length);
    }

    long checksum() {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}
