package dev.nethergaze.source.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Where to start reading a log to see every line from a moment on, without reading what comes
 * before it: {@code --since 10m} on a 10 GB access log reads the last few megabytes, not the file.
 * A binary search over the file's byte offsets, each probe timing a few lines after it.
 *
 * <p>A log is appended in time order, give or take a request's duration (Apache's {@code %t} is the
 * request's start, written at its end) or a few seconds between workers. So a probe's time is the
 * latest of several lines after it, and the start is placed where the lines are older than the
 * moment by more than {@link #SLACK}; the caller still drops every event before the moment itself.
 * A file whose probes run backwards (two logs concatenated, a clock set back) is read whole, and so
 * is one where samples of the part to be skipped find a line of the window or run backwards (the
 * same period twice: two servers' logs concatenated).
 * Plain files only: a gzip stream cannot be entered in the middle.
 */
final class TimeSeek {

    /** How far out of order a line may be written and still be read. */
    static final Duration SLACK = Duration.ofMinutes(10);

    /** Smaller files are read whole: the search would save next to nothing. */
    static final long MIN_SIZE = 4L << 20;

    /** Bytes read per probe; the search stops when the range is this narrow. */
    private static final int BLOCK = 64 * 1024;

    /** Probes of the rest of a file before a reader stops early ({@link #restIsLater}). */
    static final int CHECKS = 16;

    /** How far apart the part skipped is sampled ({@link #before}). */
    private static final long SAMPLE_EVERY = 1L << 20;

    /** At most this many samples of the part skipped: 32 MiB read of a log of many gigabytes. */
    private static final int MAX_SAMPLES = 512;

    /** Timed lines per probe (its time is the latest of them). */
    private static final int LINES_PER_PROBE = 16;

    /** The event time a line carries, or null (not a line of this log, or no time on it). */
    @FunctionalInterface
    interface LineTime {
        Instant of(byte[] b, int off, int len);
    }

    private record Probe(long lineStart, Instant earliest, Instant latest) {}

    private TimeSeek() {}

    /**
     * The offset of a line start from which reading sees every line timed at or after {@code from},
     * or 0 (read it all): a small file, a gzip file, one whose first lines are already in the window,
     * one with no timed lines, or one whose times run backwards.
     */
    static long start(Path file, Instant from, LineTime time) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < MIN_SIZE || gzip(ch)) {
                return 0;
            }
            Instant before = from.minus(SLACK);
            Probe first = probe(ch, 0, size, time);
            if (first == null || !first.latest().isBefore(before)) {
                return 0;
            }
            long lo = 0; // a line start known to be early enough
            Instant loTime = first.latest();
            long hi = size;
            Instant hiTime = null; // the time of the probe at hi, once known
            while (hi - lo > BLOCK) {
                long mid = lo + (hi - lo) / 2;
                Probe p = probe(ch, mid, hi, time);
                if (p == null) { // no timed line between mid and hi: look earlier
                    hi = mid;
                    continue;
                }
                if (p.latest().isBefore(loTime.minus(SLACK))
                        || (hiTime != null && p.latest().isAfter(hiTime.plus(SLACK)))) {
                    return 0; // out of order: not one time-ordered log
                }
                if (p.latest().isBefore(before)) {
                    lo = p.lineStart();
                    loTime = p.latest();
                } else {
                    hi = mid;
                    hiTime = p.latest();
                }
            }
            return lo == 0 || before(ch, lo, from, time) ? lo : 0;
        }
    }

    /**
     * Whether the part of the file before byte {@code entry}, sampled every {@link #SAMPLE_EVERY}
     * bytes (at least {@value #CHECKS}, at most {@value #MAX_SAMPLES} probes), is in time order and
     * wholly earlier than {@code from}: what reading from {@code entry} leaves out. The binary search
     * alone trusts a file whose first and last lines are ordered; two servers' logs concatenated
     * ({@code cat web1/access.log.1 web1/access.log web2/access.log.1 web2/access.log}) are, and
     * hold the window twice: the search lands in the second copy and the first is found here. A
     * sample with no timed line proves nothing: then the file is read whole too.
     */
    private static boolean before(FileChannel ch, long entry, Instant from, LineTime time) throws IOException {
        int n = Math.clamp(entry / SAMPLE_EVERY, CHECKS, MAX_SAMPLES);
        Instant last = null;
        for (int i = 0; i < n; i++) {
            Probe p = probe(ch, entry * i / n, entry, time);
            if (p == null || !p.latest().isBefore(from)) {
                return false;
            }
            if (last != null && p.earliest().isBefore(last.minus(SLACK))) {
                return false; // backwards: not one time-ordered log
            }
            last = p.latest();
        }
        return true;
    }

    /**
     * Whether the part of the file after byte {@code from} looks wholly later than {@code until}: every
     * one of {@value #CHECKS} probes spread over it finds its lines at or after it. A reader that met
     * a line well past a window's end stops only then; a file of two logs concatenated newest first
     * ({@code cat access.log access.log.1}) has its older half there, and is read on. False for a
     * gzip file (it cannot be probed: read to its end).
     */
    static boolean restIsLater(Path file, long from, Instant until, LineTime time) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (gzip(ch)) {
                return false;
            }
            for (int i = 0; i < CHECKS && from < size; i++) {
                long at = from + (size - from) * i / CHECKS;
                Probe p = probe(ch, at, size, time);
                if (p != null && p.earliest().isBefore(until)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean gzip(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2);
        ch.read(b, 0);
        return b.position() == 2 && (b.get(0) & 0xFF) == 0x1f && (b.get(1) & 0xFF) == 0x8b;
    }

    /**
     * The time of the first timed line of a plain file (the earliest of its first few), or null: a gzip
     * file, or no timed line in its first block.
     */
    static Instant firstTime(Path file, LineTime time) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (gzip(ch)) {
                return null;
            }
            Probe first = probe(ch, 0, ch.size(), time);
            return first == null ? null : first.earliest();
        }
    }

    /**
     * The first line starting after {@code at} (at 0: the first line) and the latest time of the
     * first timed lines from there, read from one block; null when no timed line starts before
     * {@code end} within the block.
     */
    private static Probe probe(FileChannel ch, long at, long end, LineTime time) throws IOException {
        int want = (int) Math.min(BLOCK, ch.size() - at);
        ByteBuffer buf = ByteBuffer.allocate(want);
        while (buf.hasRemaining() && ch.read(buf, at + buf.position()) > 0) {
            // read until the block is full or the file ends
        }
        byte[] b = buf.array();
        int n = buf.position();
        int p = 0;
        if (at > 0) { // inside a line, probably: the next one starts after its newline
            while (p < n && b[p] != '\n') {
                p++;
            }
            p++;
        }
        long lineStart = at + p;
        if (p >= n || lineStart >= end) {
            return null; // no line starts in this block (or not before the end)
        }
        Instant earliest = null;
        Instant latest = null;
        int timed = 0;
        while (p < n && timed < LINES_PER_PROBE && at + p < end) {
            int e = p;
            while (e < n && b[e] != '\n') {
                e++;
            }
            if (e == n) {
                break; // cut by the block's end
            }
            int len = e > p && b[e - 1] == '\r' ? e - p - 1 : e - p;
            Instant t = time.of(b, p, len);
            if (t != null) {
                timed++;
                if (latest == null || t.isAfter(latest)) {
                    latest = t;
                }
                if (earliest == null || t.isBefore(earliest)) {
                    earliest = t;
                }
            }
            p = e + 1;
        }
        return latest == null ? null : new Probe(lineStart, earliest, latest);
    }
}
