package dev.nethergaze.source.tail;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** One open file being followed: its channel, read position, identity and line splitter. */
final class OpenFile implements AutoCloseable {

    /** Start position meaning "the current end of the file". */
    static final long AT_END = -1;

    final Path path;
    final Object key;
    private final FileChannel channel;
    private final LineSplitter splitter;
    private long position;
    private Instant closeAt = Instant.MAX;
    /** The last bytes read (up to {@link #TAIL}), oldest first: what a copy of this file must hold before {@link #position}. */
    private final byte[] tail = new byte[TAIL];

    private int tailLength;
    private static final int TAIL = 128;

    private OpenFile(Path path, Object key, FileChannel channel, LineSplitter splitter, long position) {
        this.path = path;
        this.key = key;
        this.channel = channel;
        this.splitter = splitter;
        this.position = position;
    }

    /**
     * Opens {@code path} at {@code start} ({@link #AT_END} for its end). Starting at the end of a file
     * whose last line is still being written skips the rest of that line rather than deliver half.
     */
    static OpenFile open(Path path, Object key, long start, int maxLine, LineSink sink) throws IOException {
        return open(path, path, key, start, maxLine, sink);
    }

    /** Opens {@code file} as {@link #open(Path, Object, long, int, LineSink)} does, its lines filed under {@code path}. */
    static OpenFile open(Path file, Path path, Object key, long start, int maxLine, LineSink sink) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            LineSplitter splitter = new LineSplitter(path, maxLine, sink);
            long size = ch.size();
            long pos = start == AT_END ? size : start <= size ? start : 0;
            if (pos > 0 && lastByteBefore(ch, pos) != '\n') {
                splitter.skipToNextLine();
            }
            return new OpenFile(path, key, ch, splitter, pos);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static int lastByteBefore(FileChannel ch, long pos) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        return ch.read(one, pos - 1) == 1 ? one.get(0) : '\n';
    }

    /** Reads what the file has beyond the position, up to {@code max} bytes; returns bytes read. */
    long read(ByteBuffer buf, long max) throws IOException, InterruptedException {
        long total = 0;
        while (total < max) {
            buf.clear();
            if (max - total < buf.capacity()) {
                buf.limit((int) (max - total));
            }
            int n = channel.read(buf, position);
            if (n <= 0) {
                break;
            }
            position += n;
            total += n;
            remember(buf.array(), buf.arrayOffset(), n);
            splitter.feed(buf.array(), buf.arrayOffset(), n);
        }
        return total;
    }

    private void remember(byte[] b, int off, int n) {
        if (n >= TAIL) {
            System.arraycopy(b, off + n - TAIL, tail, 0, TAIL);
            tailLength = TAIL;
            return;
        }
        int keep = Math.min(tailLength, TAIL - n);
        System.arraycopy(tail, tailLength - keep, tail, 0, keep);
        System.arraycopy(b, off, tail, keep, n);
        tailLength = keep + n;
    }

    /**
     * After a truncation in place (copytruncate): when {@code copy} (plain or gzip) is the copy of
     * this file as it was, holding the bytes last read here right before {@link #position}, feeds
     * what it holds beyond that position (lines written after the last read and before the copy) to
     * this file's splitter, which continues a held partial line. Returns the bytes fed, or -1 when
     * {@code copy} is not this file's copy (nothing is fed then).
     */
    long continueIn(Path copy, ByteBuffer buf) throws IOException, InterruptedException {
        if (position == 0) {
            return -1;
        }
        try (InputStream raw = Files.newInputStream(copy);
                InputStream in = copy.getFileName().toString().endsWith(".gz")
                        ? new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16)
                        : raw) {
            if (!skipFully(in, position - tailLength)) {
                return -1;
            }
            byte[] before = in.readNBytes(tailLength);
            if (!Arrays.equals(before, 0, before.length, tail, 0, tailLength)) {
                return -1;
            }
            // read to the end before feeding: a gzip copy still being written fails part-way (then
            // nothing was fed, and it can be tried again); past the cap it is fed as it comes
            java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
            byte[] b = buf.array();
            int off = buf.arrayOffset();
            long total = 0;
            for (int n; (n = in.read(b, off, buf.capacity())) > 0; ) {
                total += n;
                if (rest.size() + n <= COPY_HELD) {
                    rest.write(b, off, n);
                } else {
                    byte[] held = rest.toByteArray();
                    rest.reset();
                    splitter.feed(held, 0, held.length);
                    splitter.feed(b, off, n);
                }
            }
            byte[] held = rest.toByteArray();
            splitter.feed(held, 0, held.length);
            return total;
        }
    }

    /** The most of a copy's rest held before it is fed (lines since the last look: far less as a rule). */
    private static final int COPY_HELD = 16 << 20;

    /** Skips exactly {@code n} bytes (a gzip stream skips a little at a time); false at an early end. */
    private static boolean skipFully(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long k = in.skip(left);
            if (k <= 0) {
                if (in.read() < 0) {
                    return false;
                }
                k = 1;
            }
            left -= k;
        }
        return true;
    }

    /**
     * Whether the file was truncated in place (copytruncate) since the last read: it is shorter than
     * what was read, or it grew but no longer holds the bytes last read right before the position
     * (truncated and written past that position again between two looks, which a size check alone
     * takes for growth, skipping the new file's start).
     */
    boolean shrank() throws IOException {
        long size = channel.size();
        if (size < position) {
            return true;
        }
        if (size == position || tailLength == 0) {
            return false;
        }
        ByteBuffer check = ByteBuffer.allocate(tailLength);
        long at = position - tailLength;
        while (check.hasRemaining()) {
            int n = channel.read(check, at + check.position());
            if (n < 0) {
                return true;
            }
        }
        return !Arrays.equals(check.array(), 0, tailLength, tail, 0, tailLength);
    }

    /** Restarts at offset 0 after a truncation; returns the bytes of a held incomplete line dropped. */
    int restart() {
        position = 0;
        tailLength = 0;
        return splitter.reset();
    }

    long position() {
        return position;
    }

    long truncatedLines() {
        return splitter.truncatedLines();
    }

    void retireAt(Instant when) {
        closeAt = when;
    }

    boolean retireDue(Instant now) {
        return !now.isBefore(closeAt);
    }

    /** The file will not grow any more: delivers a held last line without a newline. */
    void finish() throws InterruptedException {
        splitter.finish();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read-only channel: nothing to lose
        }
    }
}
