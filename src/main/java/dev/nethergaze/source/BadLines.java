package dev.nethergaze.source;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lines a source could not use: how many, where the first one was (file and line number), how
 * many of them were longer than the line cap and so read cut, and how many were lines of the source's
 * kind whose client field is no address ({@link Why}: an access log's client, sshd's host) or lines of
 * a web server's error log, said the same way by every source. Counted by the source's thread, described by any thread.
 */
public final class BadLines {

    /** Why a line is unparsed, where more is known than that its text did not parse. */
    public enum Why {
        /** Its text did not parse (or was cut before what it was about). */
        TEXT,
        /** A line of its kind whose client field is written as an address that is none ({@code 256.1.1.1}). */
        CLIENT_NOT_AN_ADDRESS,
        /** A line of its kind whose client field holds no address ("-", a forwarded header naming none). */
        CLIENT_WITHOUT_ADDRESS,
        /** A line of nginx's error log, not of an access log (a glob took {@code error.log} in). */
        NGINX_ERROR_LOG,
        /** A line of Apache's error log, not of an access log. */
        APACHE_ERROR_LOG
    }

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong cut = new AtomicLong();
    private final AtomicLong readCut = new AtomicLong();
    private volatile String first = ""; // "FILE:LINE" of the first bad line with a known place
    private volatile int cap;
    private final ClientlessLines clientless = new ClientlessLines();
    private final OtherLogLines otherLogs = new OtherLogLines();

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
     * A bad line at {@code line} of {@code file} ({@code cutAt} as in {@link #add(Path, long, int)}),
     * unparsed for {@code why}; {@code file} null for a record with no file position (a journal entry).
     */
    public void add(Path file, long line, int cutAt, Why why) {
        if (file == null) {
            add();
        } else {
            add(file, line, cutAt);
        }
        switch (why) {
            case TEXT -> {}
            case CLIENT_NOT_AN_ADDRESS, CLIENT_WITHOUT_ADDRESS ->
                clientless.add(file, line, why == Why.CLIENT_WITHOUT_ADDRESS);
            case NGINX_ERROR_LOG, APACHE_ERROR_LOG -> otherLogs.add(file, line, why);
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

    /**
     * Whether some bad line was not merely too long, its text did not parse, and none was a line of
     * the source's kind with a client field that is no address: the lines are of another kind or format.
     */
    public boolean unrecognised() {
        return count.get() > cut.get() && !clientless.any();
    }

    /**
     * The log that every bad line is a line of, when it is a web server's error log ("an nginx error
     * log"), else null: a file of them is one, not an access log whose lines all failed.
     */
    public String wholly() {
        return otherLogs.wholly(count.get());
    }

    /**
     * "N unparsed (first at FILE:LINE; M longer than K KiB)", the parts known, and why ("; 2 of them
     * with a client field that is not a valid address (first at FILE:LINE)"), then "J longer than K KiB
     * read as far as the cap" for lines used cut; "" when there were none of either.
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
        return d.append(clientless.describe(n)).append(otherLogs.describe(n)).toString();
    }
}
