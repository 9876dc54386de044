package dev.nethergaze.source.replay;

import dev.nethergaze.source.httplog.ParseResult.Reason;
import java.nio.file.Path;

/**
 * The unparsed lines of an access log that are well formed but name no client nethergaze can read: a
 * client field written as an address that is none ({@link Reason#BAD_CLIENT}: {@code 256.1.1.1}), or
 * one that holds no address ({@link Reason#NO_CLIENT}: "-", or a forwarded header, the format's only
 * client field, that names none). A replay's entry says so, with the first one's place, so a file of
 * them is not taken for one in another format. One file's, counted by its reading thread.
 */
final class ClientlessLines {

    private long badClient;
    private String firstBadClient = "";
    private long noClient;
    private String firstNoClient = "";

    /** An unparsed line for {@code reason} at {@code line} of {@code file}; other reasons are not counted. */
    void add(Reason reason, Path file, long line) {
        if (reason == Reason.BAD_CLIENT) {
            if (badClient++ == 0) {
                firstBadClient = file + ":" + line;
            }
        } else if (reason == Reason.NO_CLIENT) {
            if (noClient++ == 0) {
                firstNoClient = file + ":" + line;
            }
        }
    }

    /** Whether every one of the file's {@code unparsed} lines is one of these. */
    boolean all(long unparsed) {
        return unparsed > 0 && badClient + noClient == unparsed;
    }

    /**
     * What to add to the entry after its "N unparsed (...)" of {@code unparsed} lines: "; their client
     * fields are not valid addresses (first at F:L)", "; 2 of them with ...", or "" when there are none.
     */
    String describe(long unparsed) {
        StringBuilder d = new StringBuilder();
        if (badClient > 0) {
            d.append(
                            badClient == unparsed
                                    ? unparsed == 1
                                            ? "; its client field is not a valid address"
                                            : "; their client fields are not valid addresses"
                                    : "; " + badClient + " of them with a client field that is not a valid address")
                    .append(" (first at ")
                    .append(firstBadClient)
                    .append(')');
        }
        if (noClient > 0) {
            d.append(
                            noClient == unparsed
                                    ? unparsed == 1
                                            ? "; its client field holds no address"
                                            : "; their client fields hold no address"
                                    : "; " + noClient + " of them with a client field that holds no address")
                    .append(" (first at ")
                    .append(firstNoClient)
                    .append(')');
        }
        return d.toString();
    }
}
