package dev.nethergaze.source.tail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A file read to its end that, while {@link #waitAtEnd}, waits there as long as it is still being
 * written: grown, or changed, less than {@link #QUIET} ago. A {@code .gz} that gzip is still writing
 * (logrotate's {@code compress} without {@code delaycompress}, {@code gzip -c log > log.1.gz}) is read
 * whole once gzip is done, rather than cut where its writer had got to. Before, a backfill ({@code
 * --since}) that met one read what was written of it and said it "unexpected end of file
 * (truncated?)": a drill with a 2 MB {@code .gz} written at 150 KB/s read 61,333 of its 200,000 lines.
 * One left cut for good (its writer killed) ends once it was not changed for that long.
 */
final class StillWritten extends InputStream {

    /** How long a file not grown and not changed is taken for complete. */
    static final Duration QUIET = Duration.ofSeconds(2);

    private static final long STEP_MS = 50;

    private final Path file;
    private final FileChannel channel;
    private long position;
    private long size;
    /** Its time of last change as last seen. */
    private Instant modified;
    /** When it last grew or changed, as seen here; at the open, its time of last change (not later than then). */
    private Instant lastChange;

    /** Whether to wait at the end now; always false: an ordinary stream of the file. */
    java.util.function.BooleanSupplier waitAtEnd = () -> false;

    StillWritten(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file);
        try {
            this.size = channel.size();
            this.modified = Files.getLastModifiedTime(file).toInstant();
            Instant now = Instant.now();
            this.lastChange = modified.isAfter(now) ? now : modified;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n = channel.read(ByteBuffer.wrap(b, off, len), position);
            if (n > 0) {
                position += n;
                return n;
            }
            if (!waitAtEnd.getAsBoolean() || !stillWritten()) {
                return -1;
            }
            try {
                Thread.sleep(STEP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while " + file + " was still being written");
            }
        }
    }

    /**
     * Whether it grew or changed since last seen, or less than {@link #QUIET} before (a time of last
     * change in the future counts as a change when first seen, not as one for ever).
     */
    private boolean stillWritten() throws IOException {
        Instant now = Instant.now();
        long s = channel.size();
        Instant changed = modified;
        try {
            changed = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            // renamed or removed meanwhile: its growth, seen through the channel, tells
        }
        if (s != size || !changed.equals(modified)) {
            size = s;
            modified = changed;
            lastChange = now;
            return true;
        }
        return now.isBefore(lastChange.plus(QUIET));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * A gzip stream of a file that may still be being written: it waits at the file's end within a
     * member (its header or deflated data), not after one ends, where gunzip looks for another (a
     * complete {@code .gz} just written would wait {@link #QUIET} for nothing).
     */
    static java.util.zip.GZIPInputStream gunzip(StillWritten file, InputStream buffered, int size) throws IOException {
        Gunzip[] made = {null};
        file.waitAtEnd = () -> made[0] == null || !made[0].memberEnded();
        made[0] = new Gunzip(buffered, size);
        return made[0];
    }

    private static final class Gunzip extends java.util.zip.GZIPInputStream {

        Gunzip(InputStream in, int size) throws IOException {
            super(in, size);
        }

        /** Whether the deflated data of the member under way ended (its trailer, and maybe another, follow). */
        boolean memberEnded() {
            return inf.finished();
        }
    }
}
