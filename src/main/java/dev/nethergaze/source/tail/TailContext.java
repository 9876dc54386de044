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
        read(f.key, new ReadTo(f.position(), f.lastBytes()));
    }

    /** The file with this key was read up to there (a copy read to its end after a truncation). */
    void read(Object key, ReadTo to) {
        if (key != null) {
            readTo.put(key, to);
        }
    }

    /**
     * Where the file {@code file} names, with this key, was read to before (under another name since
     * closed, or as a copy), when it still holds there the bytes read; null when it was not read
     * recently, or is not that file (a new one that was given its inode number).
     */
    Long resumeOffset(Object key, java.nio.file.Path file) {
        ReadTo to = key == null ? null : readTo.get(key);
        return to != null && Copies.holds(file, to) ? to.offset() : null;
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
