package dev.nethergaze.store;

import static dev.nethergaze.store.Snaps.T0;

import dev.nethergaze.store.Snaps.Ip;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link KillNineTest}: writes history at full speed until killed. Before
 * handing snapshot k to the writer it prints k, so the parent knows an upper bound of what was fed.
 * Every IP's requests equal k in snapshot k.
 */
public final class CrashChild {

    static final int IPS = 50;

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        HistoryStore store = HistoryStore.open(Path.of(args[0]));
        HistoryOptions o = new HistoryOptions(Duration.ofMillis(20), Duration.ofDays(180), 1_000_000, 200_000);
        PrintStream out = System.out;
        HistoryWriter w = store.startWriter(o, Snaps.SESSION, InstantSource.fixed(T0));
        for (long k = 1; ; k++) {
            List<Ip> ips = new ArrayList<>(IPS);
            for (int i = 0; i < IPS; i++) {
                ips.add(Ip.of("203.0.113." + i, T0, k));
            }
            out.println(k);
            out.flush();
            w.accept(Snaps.snapshot(T0.plusSeconds(k), ips));
            if (k % 64 == 0) {
                Thread.sleep(1); // let the writer keep up instead of dropping snapshots
            }
        }
    }
}
