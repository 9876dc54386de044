package dev.nethergaze.source;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The unparsed lines of a log that are well formed but name no client nethergaze can read: a client
 * field written as an address that is none ({@code 256.1.1.1}: an access log's client, sshd's host), or
 * one that holds no address ("-", or a forwarded header, the format's only client field, that names
 * none). Part of {@link BadLines}, so that every source's entry says so the same way, with the first
 * one's place, and a file of them is not taken for one in another format. Counted on the reading
 * thread; any thread reads.
 */
final class ClientlessLines {

    private final AtomicLong badClient = new AtomicLong();
    private volatile String firstBadClient = "";
    private final AtomicLong noClient = new AtomicLong();
    private volatile String firstNoClient = "";

    /**
     * Line {@code line} of {@code file} (null: a record with no place) is unparsed for a client field
     * that holds no address ({@code noAddress}), else for one written as an address that is none.
     */
    void add(Path file, long line, boolean noAddress) {
        String at = file == null ? "" : file + ":" + line;
        if (noAddress) {
            if (noClient.incrementAndGet() == 1) {
                firstNoClient = at;
            }
        } else if (badClient.incrementAndGet() == 1) {
            firstBadClient = at;
        }
    }

    /** Whether some unparsed line was one of these. */
    boolean any() {
        return badClient.get() + noClient.get() > 0;
    }

    /**
     * What to add to the entry after its "N unparsed (...)" of {@code unparsed} lines: "; their client
     * fields are not valid addresses (first at F:L)", "; 2 of them with ...", or "" when there are none.
     */
    String describe(long unparsed) {
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
        return "; " + what + (first.isEmpty() ? "" : " (first at " + first + ")");
    }
}
