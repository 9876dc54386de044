package dev.nethergaze.source.tail;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cuts a byte stream into lines for a {@link LineSink}. Lines that lie wholly inside a fed chunk are
 * delivered straight from the caller's buffer (no copy); only a line that spans chunks is carried,
 * and the carry never grows beyond the line cap: the rest of an over-long line is skipped and the
 * line is delivered truncated when its newline arrives. An incomplete last line is held until its
 * newline arrives (or {@link #finish()} says the stream is complete). A UTF-8 byte order mark
 * before the first line is dropped.
 */
public final class LineSplitter {

    private static final byte[] EMPTY = new byte[0];
    private static final byte NEWLINE = '\n';

    private Path file;
    private final int maxLine;
    private final LineSink sink;
    private byte[] carry = EMPTY;
    private int carryLen;
    private boolean overflow;
    private boolean skipFirst;
    private long number;
    private long truncated;

    /** The next line is the stream's first (or the first after a truncation): it may start with a BOM. */
    private boolean first = true;

    public LineSplitter(Path file, int maxLineBytes, LineSink sink) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("line cap must be positive: " + maxLineBytes);
        }
        this.file = file;
        this.maxLine = maxLineBytes;
        this.sink = sink;
    }

    /** The lines from now on are {@code file}'s (the stream's file was renamed, and is read on there). */
    void fileUnder(Path file) {
        this.file = file;
    }

    /** Discards bytes up to and including the next newline (used when starting mid-line). */
    void skipToNextLine() {
        skipFirst = true;
    }

    public void feed(byte[] buf, int off, int len) throws InterruptedException {
        int end = off + len;
        int start = off;
        int i;
        while ((i = ByteScan.next(buf, start, end, NEWLINE)) >= 0) {
            if (skipFirst) {
                skipFirst = false;
            } else {
                complete(buf, start, i);
            }
            start = i + 1;
        }
        if (start < end && !skipFirst) {
            hold(buf, start, end);
        }
    }

    /** The stream is complete: an incomplete last line is delivered as it is. */
    public void finish() throws InterruptedException {
        if (carryLen > 0 || overflow) {
            deliverCarry();
        }
    }

    /** Drops a held incomplete line (e.g. the file was truncated under it); returns the bytes dropped. */
    public int reset() {
        int dropped = carryLen;
        carryLen = 0;
        overflow = false;
        skipFirst = false;
        first = true;
        return dropped;
    }

    /** Lines delivered so far. */
    public long lines() {
        return number;
    }

    /** Lines delivered cut at the cap. */
    public long truncatedLines() {
        return truncated;
    }

    private void complete(byte[] buf, int from, int to) throws InterruptedException {
        if (carryLen == 0 && !overflow) {
            int len = to - from;
            if (len > maxLine) {
                deliver(buf, from, maxLine, true);
            } else {
                deliver(buf, from, stripCr(buf, from, len), false);
            }
            return;
        }
        hold(buf, from, to);
        deliverCarry();
    }

    private void deliverCarry() throws InterruptedException {
        boolean cut = overflow;
        int len = cut ? carryLen : stripCr(carry, 0, carryLen);
        carryLen = 0;
        overflow = false;
        deliver(carry, 0, len, cut);
    }

    private void deliver(byte[] buf, int off, int len, boolean cut) throws InterruptedException {
        if (first) { // a UTF-8 byte order mark (a log saved by a Windows editor) is not the line's
            first = false;
            if (len >= 3 && buf[off] == (byte) 0xEF && buf[off + 1] == (byte) 0xBB && buf[off + 2] == (byte) 0xBF) {
                off += 3;
                len -= 3;
            }
        }
        number++;
        if (cut) {
            truncated++;
        }
        sink.line(file, number, buf, off, len, cut);
    }

    private void hold(byte[] buf, int from, int to) {
        int n = Math.min(to - from, maxLine - carryLen);
        if (n < to - from) {
            overflow = true;
        }
        if (n <= 0) {
            return;
        }
        if (carryLen + n > carry.length) {
            int size = Math.max(256, carry.length);
            while (size < carryLen + n) {
                size *= 2;
            }
            carry = Arrays.copyOf(carry, Math.min(size, maxLine));
        }
        System.arraycopy(buf, from, carry, carryLen, n);
        carryLen += n;
    }

    private static int stripCr(byte[] buf, int off, int len) {
        return len > 0 && buf[off + len - 1] == '\r' ? len - 1 : len;
    }
}
