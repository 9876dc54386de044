package dev.nethergaze.source;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The unparsed lines of an access log that are lines of a web server's error log (nginx's, Apache's):
 * a glob ({@code /var/log/nginx/*.log}) or a slip takes an {@code error.log} in. Part of {@link
 * BadLines}, so that every source's entry says so the same way, with the first one's place, and a file
 * of them is said to be one. Counted on the reading thread; any thread reads.
 */
final class OtherLogLines {

    private final AtomicLong nginx = new AtomicLong();
    private volatile String firstNginx = "";
    private final AtomicLong apache = new AtomicLong();
    private volatile String firstApache = "";

    /** Line {@code line} of {@code file} (null: a record with no place) is a line of the log {@code why} names. */
    void add(Path file, long line, BadLines.Why why) {
        String at = file == null ? "" : file + ":" + line;
        if (why == BadLines.Why.NGINX_ERROR_LOG) {
            if (nginx.incrementAndGet() == 1) {
                firstNginx = at;
            }
        } else if (apache.incrementAndGet() == 1) {
            firstApache = at;
        }
    }

    /** The log every one of {@code unparsed} lines is from ("an nginx error log"), or null. */
    String wholly(long unparsed) {
        if (unparsed == 0) {
            return null;
        }
        return nginx.get() == unparsed ? NGINX : apache.get() == unparsed ? APACHE : null;
    }

    private static final String NGINX = "an nginx error log";
    private static final String APACHE = "an Apache error log";

    /**
     * What to add to the entry after its "N unparsed (...)" of {@code unparsed} lines: "; 16 of them
     * lines of an nginx error log, not an access log", with the first one's place when not all are; ""
     * when there are none.
     */
    String describe(long unparsed) {
        return said(nginx.get(), unparsed, NGINX, firstNginx) + said(apache.get(), unparsed, APACHE, firstApache);
    }

    private static String said(long n, long unparsed, String log, String first) {
        if (n == 0) {
            return "";
        }
        String what = unparsed == 1 ? "it is a line" : n == 1 ? "1 of them a line" : n + " of them lines";
        return "; " + what + " of " + log + ", not an access log"
                + (n == unparsed || first.isEmpty() ? "" : " (first at " + first + ")");
    }
}
