package dev.nethergaze.source;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The unparsed lines of an access log that are well formed but name no client nethergaze can read: a
 * client field written as an address that is none ({@code 256.1.1.1}), or one that holds no address
 * ("-", or a forwarded header, the format's only client field, that names none). A replayed file's
 * entry and a followed one's say so, with the first one's place, so a file of them is not taken for
 * one in another format. Counted on the reading thread; any thread reads.
 */
public final class ClientlessLines {

    private final AtomicLong badClient = new AtomicLong();
    private volatile String firstBadClient = "";
    private final AtomicLong noClient = new AtomicLong();
    private volatile String firstNoClient = "";

    /** Line {@code line} of {@code file} is unparsed for a client field written as an address that is none. */
    public void badClient(Path file, long line) {
        if (badClient.incrementAndGet() == 1) {
            firstBadClient = file + ":" + line;
        }
    }

    /** Line {@code line} of {@code file} is unparsed for a client field that holds no address. */
    public void noClient(Path file, long line) {
        if (noClient.incrementAndGet() == 1) {
            firstNoClient = file + ":" + line;
        }
    }

    /** Whether every one of the file's {@code unparsed} lines is one of these. */
    public boolean all(long unparsed) {
        return unparsed > 0 && badClient.get() + noClient.get() == unparsed;
    }

    /**
     * What to add to the entry after its "N unparsed (...)" of {@code unparsed} lines: "; their client
     * fields are not valid addresses (first at F:L)", "; 2 of them with ...", or "" when there are none.
     */
    public String describe(long unparsed) {
        return said(badClient.get(), unparsed, "is not a valid address", "are not valid addresses", firstBadClient)
                + said(noClient.get(), unparsed, "holds no address", "hold no address", firstNoClient);
    }

    private static String said(long n, long unparsed, String one, String many, String first) {
        if (n == 0) {
            return "";
        }
        String what = n != unparsed
                ? n + " of them with a client field that " + one
                : unparsed == 1 ? "its client field " + one : "their client fields " + many;
        return "; " + what + " (first at " + first + ")";
    }
}
