package dev.nethergaze.source.tail;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads a whole file (no tailing) into lines, for replay. Gzip files are recognised by their magic
 * bytes, whatever their name. A read error (unreadable file, truncated gzip) ends that file but is
 * returned, not thrown: the lines delivered before it stand, and an incomplete line at the point of
 * failure is dropped. A complete file's last line without a newline is delivered.
 */
public final class LineReader {

    /**
     * What reading one file gave: lines delivered, lines cut at the cap, the error if it failed, and
     * the bytes read from where reading started (a gzip file's unpacked): how far the file was read.
     */
    public record Result(Path file, long lines, long truncatedLines, String error, long bytes) {

        public Result(Path file, long lines, long truncatedLines, String error) {
            this(file, lines, truncatedLines, error, 0);
        }

        public boolean ok() {
            return error == null;
        }
    }

    private static final int CHUNK = 64 * 1024;

    private LineReader() {}

    public static Result read(Path file, int maxLineBytes, LineSink sink) throws InterruptedException {
        return read(file, 0, maxLineBytes, sink);
    }

    /**
     * As {@link #read(Path, int, LineSink)}, from byte {@code start} of a plain file, which must be a
     * line start (0: the whole file, plain or gzip). Lines are numbered from 1 at {@code start}.
     */
    public static Result read(Path file, long start, int maxLineBytes, LineSink sink) throws InterruptedException {
        return read(file, start, -1, maxLineBytes, sink);
    }

    /**
     * As {@link #read(Path, long, int, LineSink)}, up to byte {@code end} of the file (-1: its end) and
     * then on to the end of the line under way there: where the tailer takes over ({@link Handover}).
     */
    public static Result read(Path file, long start, long end, int maxLineBytes, LineSink sink)
            throws InterruptedException {
        return read(file, null, start, end, maxLineBytes, sink);
    }

    /**
     * As {@link #read(Path, long, long, int, LineSink)}, when the file {@code file} names once opened
     * is the one with {@code key} (null: any); null, with nothing read, when it is another (renamed, a
     * new one in its place, since {@code key} was taken: see {@link FileKeys#find}). The name still
     * naming the key after the open is what tells that the open file is that one.
     */
    public static Result read(Path file, Object key, long start, long end, int maxLineBytes, LineSink sink)
            throws InterruptedException {
        Result[] done = {null};
        try (InputStream in = start == 0 ? open(file) : from(file, start)) {
            if (key != null && !key.equals(FileKeys.of(file))) {
                return null;
            }
            done[0] = read(in, file, end < 0 ? Long.MAX_VALUE : Math.max(0, end - start), maxLineBytes, sink);
        } catch (IOException e) {
            if (done[0] == null) { // it could not be opened (a failed close after the reading changes nothing)
                return new Result(file, 0, 0, file + ": " + IoErrors.describe(e));
            }
        }
        return done[0];
    }

    /**
     * As {@link #read(Path, int, LineSink)}, from a stream already open on {@code file} (a pipe, read
     * once), which the caller closes.
     */
    public static Result read(InputStream in, Path file, int maxLineBytes, LineSink sink) throws InterruptedException {
        return read(in, file, Long.MAX_VALUE, maxLineBytes, sink);
    }

    /** As above, {@code limit} bytes and then to the end of the line under way there. */
    private static Result read(InputStream in, Path file, long limit, int maxLineBytes, LineSink sink)
            throws InterruptedException {
        LineSplitter splitter = new LineSplitter(file, maxLineBytes, sink);
        long fed = 0;
        try {
            byte[] buf = new byte[CHUNK];
            long left = limit;
            boolean atLineStart = true; // reading starts at a line start (0, or where a seek put it)
            while (left > 0 || !atLineStart) {
                int n = in.read(buf, 0, left > 0 ? (int) Math.min(buf.length, left) : buf.length);
                if (n < 0) {
                    break;
                }
                if (left > 0) {
                    splitter.feed(buf, 0, n);
                    fed += n;
                    left -= n;
                    atLineStart = n > 0 && buf[n - 1] == '\n';
                    continue;
                }
                // past the limit: only the rest of the line under way there
                int nl = ByteScan.next(buf, 0, n, (byte) '\n');
                splitter.feed(buf, 0, nl < 0 ? n : nl + 1);
                fed += nl < 0 ? n : nl + 1;
                atLineStart = nl >= 0;
            }
            splitter.finish();
            return new Result(file, splitter.lines(), splitter.truncatedLines(), null, fed);
        } catch (IOException e) {
            return new Result(
                    file, splitter.lines(), splitter.truncatedLines(), file + ": " + IoErrors.describe(e), fed);
        }
    }

    /** The newlines in the first {@code end} bytes of a plain file; what could be read if it fails. */
    public static long countLines(Path file, long end) {
        long lines = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[CHUNK];
            long left = end;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                lines += ByteScan.count(buf, 0, n, (byte) '\n');
                left -= n;
            }
        } catch (IOException e) {
            // the count so far: a line number a little off beats none
        }
        return lines;
    }

    private static InputStream from(Path file, long start) throws IOException {
        SeekableByteChannel ch = Files.newByteChannel(file);
        try {
            ch.position(start);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return Channels.newInputStream(ch);
    }

    /**
     * Whether {@code file} starts with the gzip magic, whatever its name; false when it cannot be read
     * or is no regular file (a pipe's first bytes are its reader's, not to be taken here).
     */
    public static boolean gzipped(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens a file for reading, through gunzip when its first bytes are the gzip magic. A gzip file (or
     * one named {@code .gz}, empty so far) still being written is read to its end once its writer is
     * done ({@link StillWritten}).
     */
    public static InputStream open(Path file) throws IOException {
        StillWritten raw = Files.isRegularFile(file) ? new StillWritten(file) : null; // else a pipe
        BufferedInputStream in = new BufferedInputStream(raw != null ? raw : Files.newInputStream(file), CHUNK);
        try {
            boolean named = file.getFileName().toString().endsWith(".gz");
            if (raw != null) {
                raw.waitAtEnd = () -> named; // its magic may not be written yet
            }
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 != 0x1f || b1 != 0x8b) {
                if (raw != null) {
                    raw.waitAtEnd = () -> false;
                }
                return in;
            }
            return raw != null ? StillWritten.gunzip(raw, in, CHUNK) : new GZIPInputStream(in, CHUNK);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }
}
