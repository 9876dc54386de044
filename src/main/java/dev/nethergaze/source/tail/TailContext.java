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

    /** Files drained and closed recently, by file key, with the offset they were read to. */
    private final Map<Object, Long> closedKeys = Bounded.lru(REMEMBERED_KEYS);

    /** Whether any followed path reads the file with this key now (set by the tailer). */
    java.util.function.Predicate<Object> beingRead = key -> false;

    /**
     * The other followed path that has the file with this key open now, or null (set by the tailer):
     * two names of one file (a symlink and its target) are read once, not counted twice.
     */
    java.util.function.BiFunction<Object, WatchedPath, java.nio.file.Path> openElsewhere = (key, self) -> null;

    TailContext(TailConfig config, LineSink sink, TailListener listener) {
        this.config = config;
        this.sink = sink;
        this.listener = listener;
    }

    void closed(OpenFile f) {
        truncatedLines += f.truncatedLines();
        if (f.key != null) {
            closedKeys.put(f.key, f.position());
        }
    }

    /** The offset a file with this key was read to before, or null if it was not followed recently. */
    Long resumeOffset(Object key) {
        return key == null ? null : closedKeys.get(key);
    }

    long truncatedLinesOfClosed() {
        return truncatedLines;
    }

    void event(TailEvent.Kind kind, java.nio.file.Path file, String detail) {
        listener.event(new TailEvent(kind, file, detail));
    }
}
