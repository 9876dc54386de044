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

    final Object key;
    /** The name it was opened under. */
    private final Path file;

    private final FileChannel channel;
    private final LineSplitter splitter;
    /** Written by the polling thread; volatile for {@link #unreadNow}, which any thread may call. */
    private volatile long position;

    private Instant closeAt = Instant.MAX;
    /** The last bytes read, oldest first: what a copy of this file must hold before {@link #position}. */
    private final LastBytes tail = new LastBytes();

    /**
     * What was read before the position, further back than {@link #tail}, from the start: at a first
     * truncation too, a copy that ends before the position is one made before the last look (see {@link
     * #readBefore}). It grows with what is read, so a quiet log keeps little.
     */
    private final RecentBytes recent = new RecentBytes(RECENT);

    /** How far back {@link #recent} reaches: what a busy log gets in logrotate's copy of a large one. */
    static final int RECENT = 256 << 10;

    /** The length of the copy fed last (after a truncation), or -1: see {@link #restart}. */
    private long copied = -1;

    /** Its birth time, once told apart from its last change ({@link FileIdentity#ofWritten}); else null. */
    private java.nio.file.attribute.FileTime born;

    private OpenFile(Object key, Path file, FileChannel channel, LineSplitter splitter, long position) {
        this.key = key;
        this.file = file;
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
            byte[] before = bytesBefore(ch, pos);
            if (before.length > 0 && before[before.length - 1] != '\n') {
                splitter.skipToNextLine();
            }
            OpenFile f = new OpenFile(key, file, ch, splitter, pos);
            f.born();
            // what a copy must hold before the position, also when it is truncated before a byte is read
            f.tail.add(before, 0, before.length);
            return f;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The bytes (up to {@link LastBytes#CAPACITY}) right before {@code pos}; fewer if the file shrank meanwhile. */
    private static byte[] bytesBefore(FileChannel ch, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(LastBytes.CAPACITY, pos));
        long at = pos - b.capacity();
        while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
            // until full, or the end (truncated since its size was taken)
        }
        return b.position() == b.capacity() ? b.array() : new byte[0];
    }

    /** Reads what the file has beyond the position, up to {@code max} bytes; returns bytes read. */
    @SuppressWarnings("NonAtomicVolatileUpdate") // one writer, the polling thread; others only read it
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
            recent.add(position, buf.array(), buf.arrayOffset(), n);
            position += n;
            total += n;
            tail.add(buf.array(), buf.arrayOffset(), n);
            splitter.feed(buf.array(), buf.arrayOffset(), n);
        }
        return total;
    }

    /**
     * After a truncation in place (copytruncate): when {@code copy} (plain or gzip) is the copy of
     * this file as it was, holding the bytes last read here right before {@link #position}, feeds
     * what it holds beyond that position (lines written after the last read and before the copy) to
     * this file's splitter, which continues a held partial line. Returns what was read of it, or null
     * when {@code copy} is not this file's copy (nothing is fed then).
     */
    Copies.Read continueIn(Path copy) throws IOException, InterruptedException {
        if (position == 0) {
            return null;
        }
        Copies.Read read = Copies.read(copy, position, tail.toArray(), true);
        if (read == null) {
            return null;
        }
        feedCopy(read.rest(), -1); // the log was truncated since this copy: it cannot begin with it
        return read;
    }

    /**
     * After {@link #continueIn}: a later copy of this file (truncated twice between two looks), all of
     * it written after the first truncation, fed whole as a file of its own (a partial line held from
     * the previous copy is dropped: its end went to the log before it was truncated again).
     */
    void feedWholeCopy(byte[] all) throws InterruptedException {
        splitter.reset();
        tail.clear(); // a file of its own: its last bytes are what the log may still begin with
        feedCopy(all, all.length);
    }

    /** @param whole the copy's length when fed whole (the log may still begin with it), else -1 */
    private void feedCopy(byte[] bytes, long whole) throws InterruptedException {
        tail.add(bytes, 0, bytes.length);
        copied = whole;
        splitter.feed(bytes, 0, bytes.length);
    }

    /**
     * Whether the file was truncated in place (copytruncate) since the last read: it is shorter than
     * what was read, or it no longer holds the bytes last read right before the position (truncated
     * and written up to or past that position again between two looks, which a size check alone
     * takes for growth, skipping the new file's start).
     */
    boolean shrank() throws IOException {
        long size = channel.size();
        if (size < position) {
            return true;
        }
        // (also at the same size: truncated and written back to it; a pread of 128 bytes a look)
        return tail.length() > 0 && !holdsAt(position);
    }

    /** Whether the file holds the bytes last read (or fed) right before {@code end}. */
    private boolean holdsAt(long end) throws IOException {
        int n = (int) Math.min(tail.length(), end);
        ByteBuffer check = ByteBuffer.allocate(n);
        long at = end - n;
        while (check.hasRemaining()) {
            if (channel.read(check, at + check.position()) < 0) {
                return false;
            }
        }
        return tail.endsWith(check.array(), 0, n);
    }

    /**
     * Restarts at offset 0 after a truncation, or where the copy fed whole last ends when the log still
     * begins with it (logrotate copied it and has not truncated yet); returns the bytes of a held
     * incomplete line dropped.
     */
    int restart() throws IOException {
        long after = copied;
        copied = -1;
        if (after > 0 && holdsAt(after)) { // the log still begins with the last copy: not truncated again yet
            position = after;
            recent.clear(after);
            return 0;
        }
        recent.clear(0);
        position = 0;
        tail.clear();
        return splitter.reset();
    }

    long position() {
        return position;
    }

    /**
     * Its birth time, where the file system keeps one apart from the time of the last change (looked up
     * under the name it was opened under while that names it, until known); null while not known. What
     * tells it from a new file given its inode number once it is closed (ext4 gives a freed one at once).
     */
    java.nio.file.attribute.FileTime born() {
        if (born == null && key != null) {
            noteBorn(FileKeys.attributes(file));
        }
        return born;
    }

    /**
     * Takes its birth time from {@code a} when they are its attributes (a look at its path) and it was
     * not known yet: one opened empty right after it was made has a birth time equal to its last
     * change, not told apart until it is written to.
     */
    void noteBorn(java.nio.file.attribute.BasicFileAttributes a) {
        if (born == null && a != null && key != null && key.equals(a.fileKey())) {
            born = FileIdentity.ofWritten(a).born();
        }
    }

    /** The name it was opened under (it may have another since). */
    Path file() {
        return file;
    }

    /**
     * Whether a {@code .gz} that unpacks to {@code end} is a beginning of this file, as it was when gzip
     * read it: at least {@link Copies#PREFIX_MATCH} bytes long, no longer than what was read here, and
     * its last bytes are this file's at the same place (read through the handle still open). So is the
     * {@code .gz} of a rotated file whose writer wrote on to it after gzip had read it (compress without
     * delaycompress, a server reopening its log only a few ms later): at thousands of lines a second,
     * more than the bytes kept before the read position ({@link Copies#isCopyOf} tells only those).
     */
    boolean beginsAs(TailContext.ReadTo end) {
        byte[] last = end.before();
        if (last.length < Copies.PREFIX_MATCH || end.offset() > position || !channel.isOpen()) {
            return false;
        }
        ByteBuffer here = ByteBuffer.allocate(last.length);
        long at = end.offset() - last.length;
        try {
            while (here.hasRemaining() && channel.read(here, at + here.position()) > 0) {
                // until full, or the file's end
            }
        } catch (IOException e) {
            return false;
        }
        return !here.hasRemaining() && java.util.Arrays.equals(here.array(), last);
    }

    /**
     * Whether a copy that ends as {@code end} (at least {@link Copies#PREFIX_MATCH} bytes) ends with what
     * was read here at that place, before the position: logrotate's copy made before the last look, which
     * then read on past it (copytruncate copies, then truncates). Its lines were all read here.
     */
    boolean readBefore(TailContext.ReadTo end) {
        byte[] last = end.before();
        return last.length >= Copies.PREFIX_MATCH && end.offset() <= position && recent.holds(end.offset(), last);
    }

    /** The last bytes read (or fed) before the position: what the file, or a copy of it, holds there. */
    byte[] lastBytes() {
        return tail.toArray();
    }

    /** Its lines are filed under {@code path} from now on: the file was renamed there. */
    void fileUnder(Path path) {
        splitter.fileUnder(path);
    }

    /**
     * What the file holds beyond the read position, now, from any thread (0 once it is closed, or
     * when it shrank: a truncation, seen apart): how far behind the file the reader is, also while
     * it waits to hand lines on.
     */
    long unreadNow() {
        try {
            return Math.max(0, channel.size() - position);
        } catch (IOException e) {
            return 0;
        }
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
