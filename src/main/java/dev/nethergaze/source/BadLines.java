package dev.nethergaze.source;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lines a source could not use: how many, where the first one was (file and line number), and
 * how many of them were longer than the line cap and so read cut. Counted by the source's thread,
 * described by any thread.
 */
public final class BadLines {

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();
    private final AtomicLong readCut = new AtomicLong();
    private volatile String first = ""; // "FILE:LINE" of the first bad line with a known place
    private volatile int cap;

    /**
     * A bad line at {@code line} of {@code file}; {@code cutAt} is the line cap in bytes when the
     * line was longer and read cut there, else 0.
     */
    public void add(Path file, long line, int cutAt) {
        count.incrementAndGet();
        if (cutAt > 0) {
            cap = cutAt;
            cut.incrementAndGet();
        }
        if (first.isEmpty()) {
            first = file + ":" + line;
        }
    }

    /**
     * Not a bad line: one longer than the cap ({@code cutAt} bytes) that was used as far as it was
     * read (its user agent, say, cut there); said in {@link #describe} so a cut field is not taken for
     * the whole of it.
     */
    public void readCut(int cutAt) {
        cap = cutAt;
        readCut.incrementAndGet();
    }

    /** A bad line or record with no file position (a kernel table row, a journal entry). */
    public void add() {
        count.incrementAndGet();
    }

    public long count() {
        return count.get();
    }

    /** Whether some bad line was not merely too long: the text itself did not parse. */
    public boolean unrecognised() {
        return count.get() > cut.get();
    }

    /**
     * "N unparsed (first at FILE:LINE; M longer than K KiB)", the parts known, then "J longer than K
     * KiB read as far as the cap" for lines used cut; "" when there were none of either.
     */
    public String describe() {
        String unparsed = unparsed();
        long r = readCut.get();
        if (r == 0) {
            return unparsed;
        }
        return (unparsed.isEmpty() ? "" : unparsed + ", ") + r + " longer than " + cap / 1024
                + " KiB read as far as that";
    }

    private String unparsed() {
        long n = count.get();
        if (n == 0) {
            return "";
        }
        StringBuilder d = new StringBuilder().append(n).append(" unparsed");
        String at = first;
        long c = cut.get();
        if (!at.isEmpty() || c > 0) {
            d.append(" (");
            if (!at.isEmpty()) {
                d.append("first at ").append(at);
            }
            if (c > 0) {
                d.append(at.isEmpty() ? "" : "; ")
                        .append(c)
                        .append(" longer than ")
                        .append(cap / 1024)
                        .append(" KiB");
            }
            d.append(')');
        }
        return d.toString();
    }
}
