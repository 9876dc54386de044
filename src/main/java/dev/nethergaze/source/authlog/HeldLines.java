package dev.nethergaze.source.authlog;

import dev.nethergaze.source.tail.LineSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tailer's lines kept (copied) until they may be parsed, then passed on in order, and every line
 * after them at once: an auth log's tailer reads from the handover while its backfill still runs (so
 * it holds the current file, rotated or not), and parses only once it has taken over the connections
 * the backfill's parsers left ({@link AuthHandoff}). On the polling thread only.
 */
final class HeldLines implements LineSink {

    /** Beyond this many bytes held, the tailer waits for the backfill instead of reading on. */
    static final long MAX_BYTES = 32L << 20;

    /** One line held: its file, number, bytes (a copy) and whether it was cut. */
    private static final class Line {
        final Path file;
        final long number;
        final byte[] text;
        final boolean truncated;

        Line(Path file, long number, byte[] text, boolean truncated) {
            this.file = file;
            this.number = number;
            this.text = text;
            this.truncated = truncated;
        }
    }

    private final LineSink next;
    private final List<Line> lines = new ArrayList<>();
    private long bytes;
    private boolean released;

    HeldLines(LineSink next) {
        this.next = next;
    }

    @Override
    public void line(Path file, long number, byte[] buf, int off, int len, boolean truncated)
            throws InterruptedException {
        if (released) {
            next.line(file, number, buf, off, len, truncated);
            return;
        }
        lines.add(new Line(file, number, Arrays.copyOfRange(buf, off, off + len), truncated));
        bytes += len;
    }

    /** Whether as much is held as may be. */
    boolean full() {
        return bytes >= MAX_BYTES;
    }

    /** Whether the lines are passed on now. */
    boolean released() {
        return released;
    }

    /** Passes the held lines on, in order, and from now on every line as it comes. */
    void release() throws InterruptedException {
        released = true;
        for (Line l : lines) {
            next.line(l.file, l.number, l.text, 0, l.text.length, l.truncated);
        }
        lines.clear();
        bytes = 0;
    }
}
