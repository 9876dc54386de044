package dev.nethergaze.store;

import dev.nethergaze.model.IpKey;
import java.nio.file.Path;

/**
 * Run as nobody by {@link ReadOnlyHistoryTest}: prints what {@code history IP} reads of {@code
 * args[1]} from the history file {@code args[0]} (requests, sessions), or the one-line error.
 */
public final class ReadOnlyHistoryMain {

    private ReadOnlyHistoryMain() {}

    public static void main(String[] args) {
        try {
            IpRecord r = HistoryStore.openToRead(Path.of(args[0]))
                    .queries()
                    .ip(IpKey.parse(args[1]), 5)
                    .orElseThrow();
            System.out.println(r.requests() + " requests in " + r.sessions() + " sessions");
        } catch (HistoryException e) {
            System.out.println(e.getMessage());
        }
    }
}
