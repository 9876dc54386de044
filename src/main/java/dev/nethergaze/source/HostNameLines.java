package dev.nethergaze.source;

import dev.nethergaze.model.Plural;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Well-formed lines of one file that name their client by host name, not address (Apache's
 * HostnameLookups, sshd's UseDNS): not used, since a name is no address to judge, count or block,
 * and never resolved. Counted, with the first one's name and place, and said the same way by a
 * followed file and a replayed one. Counted on the reading thread; any thread reads.
 */
public final class HostNameLines {

    private static final int SHOWN = 80;

    private final AtomicLong count = new AtomicLong();
    private volatile String first = "";

    /**
     * Line {@code line} of {@code file} named its client {@code host} (null: a name not kept); {@code
     * file} null for a record with no place (a journal entry, whose cursor is no line).
     */
    public void add(Path file, long line, String host) {
        if (count.incrementAndGet() == 1) {
            String at = file == null ? "" : " at " + file + ":" + line;
            first = host == null
                    ? (file == null ? "" : "first" + at)
                    : "first \"" + (host.length() > SHOWN ? host.substring(0, SHOWN) + "…" : host) + "\"" + at;
        }
    }

    public long count() {
        return count.get();
    }

    /** "3 lines naming the client by host name, not address, not used (first "h" at F:7; …)", or "". */
    public String describe() {
        long n = count.get();
        if (n == 0) {
            return "";
        }
        return Plural.of(n, "line") + " naming the client by host name, not address, not used ("
                + (first.isEmpty() ? "" : first + "; ") + "Apache HostnameLookups or sshd UseDNS on? log addresses)";
    }
}
