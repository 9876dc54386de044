package dev.nethergaze.source.tail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

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
            splitter.feed(buf.array(), buf.arrayOffset(), n);
        }
        return total;
    }

    /** Whether the file is now shorter than what was read (copytruncate). */
    boolean shrank() throws IOException {
        return channel.size() < position;
    }

    /** Restarts at offset 0 after a truncation; returns the bytes of a held incomplete line dropped. */
    int restart() {
        position = 0;
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
