package dev.nethergaze.source.tail;

import dev.nethergaze.model.Bounded;
import java.nio.ByteBuffer;
import java.util.Map;

/** What every followed path of one {@link FileTailer} shares: config, read buffer, sink, listener. */
final class TailContext {

    /** A file is read at most this much per poll, so one huge backlog does not starve the others. */
    static final long MAX_BYTES_PER_POLL = 16L * 1024 * 1024;

    private static final int READ_BUFFER = 64 * 1024;
    private static final int REMEMBERED_KEYS = 256;

    final TailConfig config;
    final LineSink sink;
    final TailListener listener;
    final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    private long truncatedLines;

    /**
     * Files read recently that no followed path holds now (drained and closed, or a copy of a log read
     * after its truncation), by file key: where they were read to, and the bytes right before.
     */
    private final Map<Object, ReadTo> readTo = Bounded.lru(REMEMBERED_KEYS);

    /**
     * The birth times of the files of {@link #readTo} that were closed here, where known ({@link
     * OpenFile#born}): a file given one's inode number since is not it, whatever it holds.
     */
    private final Map<Object, java.nio.file.attribute.FileTime> born = Bounded.lru(REMEMBERED_KEYS);

    /** Where a file was read to, and its last bytes read (up to {@link LastBytes#CAPACITY}) before there. */
    @SuppressWarnings("ArrayRecordComponent") // never compared; each holds its own copy
    record ReadTo(long offset, byte[] before) {}

    /** Every followed path of the tailer (set by it): a file renamed from one to another is read on there. */
    Iterable<WatchedPath> paths = java.util.List.of();

    /** Whether any followed path reads the file with this key now (set by the tailer). */
    java.util.function.Predicate<Object> beingRead = key -> false;

    /**
     * The other followed path that has the file with this key open now, or null (set by the tailer):
     * two names of one file (a symlink and its target) are read once, not counted twice.
     */
    java.util.function.BiFunction<Object, WatchedPath, java.nio.file.Path> openElsewhere = (key, self) -> null;

    /** How the polling thread waits within a look, before it reads a copy again (a test's counts). */
    Pause pause = Thread::sleep;

    /** Run at each look at a path, right before its file is looked up (a test's rotation, made then). */
    Runnable beforeLook = () -> {};

    /** A wait of the polling thread within a look. */
    interface Pause {
        void pause(java.time.Duration d) throws InterruptedException;
    }

    TailContext(TailConfig config, LineSink sink, TailListener listener) {
        this.config = config;
        this.sink = sink;
        this.listener = listener;
    }

    void closed(OpenFile f) {
        truncatedLines += f.truncatedLines();
        java.nio.file.attribute.FileTime b = f.born();
        read(f.key, new ReadTo(f.position(), f.lastBytes()));
        if (f.key != null && b != null) {
            born.put(f.key, b);
        }
    }

    /** The file with this key was read up to there (a copy read to its end after a truncation). */
    void read(Object key, ReadTo to) {
        if (key != null) {
            readTo.put(key, to);
            born.remove(key);
        }
    }

    /**
     * Where the file {@code file} names, with this key, was read to before (under another name since
     * closed, or as a copy), when it still holds there the bytes read; null when it was not read
     * recently, or is not that file (a new one that was given its inode number: born at another time
     * where the birth time of the one read is known, else told by the bytes alone). Before, by the bytes
     * alone: a log of one repeated line (health checks) deleted and made again under the freed inode
     * was read on from the old file's offset, its start never read.
     */
    Long resumeOffset(Object key, java.nio.file.Path file) {
        ReadTo to = key == null ? null : readTo.get(key);
        if (to == null) {
            return null;
        }
        java.nio.file.attribute.FileTime b = born.get(key);
        if (b != null) {
            java.nio.file.attribute.BasicFileAttributes now = FileKeys.attributes(file);
            if (now == null || !key.equals(now.fileKey()) || !b.equals(now.creationTime())) {
                return null;
            }
        }
        return Copies.holds(file, to) ? to.offset() : null;
    }

    /** Where the files read recently that no path holds now were read to. */
    java.util.Collection<ReadTo> recentlyRead() {
        return java.util.List.copyOf(readTo.values());
    }

    long truncatedLinesOfClosed() {
        return truncatedLines;
    }

    void event(TailEvent.Kind kind, java.nio.file.Path file, String detail) {
        listener.event(new TailEvent(kind, file, detail));
    }
}
