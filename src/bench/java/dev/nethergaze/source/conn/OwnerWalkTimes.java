package dev.nethergaze.source.conn;

import dev.nethergaze.model.Connection;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A whole owner walk of the live host (hold the sockets with ../shared/tools/hold_conns.py first):
 * a fresh {@link SocketOwners} with no budget limit attaches owners to the current table, reading
 * every fd table until all its inodes are found. Per fd-table reader ({@code native}, {@code nio}):
 * the first walk of this JVM (cold, what a one-shot snapshot pays; run one reader per JVM for a
 * clean figure), then the median wall and thread-CPU time of {@code runs} walks, the readers
 * interleaved run by run so they see the same load.
 *
 * <p>{@code OwnerWalkTimes [runs=7] [native|nio]...}
 */
public final class OwnerWalkTimes {

    private OwnerWalkTimes() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<String> kinds = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("native", "nio");
        Path proc = Path.of("/proc");
        List<Connection> table;
        try (NetlinkReader r = new NetlinkReader()) {
            table = r.read(Instant.EPOCH).table().connections();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (kinds.contains("native")) {
            long b0 = threads.getCurrentThreadCpuTime();
            String why = FdCalls.unavailable();
            System.out.printf(
                    "binding the native calls: cpu %.1f ms%s%n",
                    (threads.getCurrentThreadCpuTime() - b0) / 1e6,
                    why == null ? "" : " (unavailable: " + why + ")");
        }
        long[][] user = new long[kinds.size()][runs];
        long[][] wall = new long[kinds.size()][runs];
        long[][] cpu = new long[kinds.size()][runs];
        long[] links = new long[kinds.size()];
        for (int i = -1; i < runs; i++) {
            for (int k = 0; k < kinds.size(); k++) {
                FdTables t = kinds.get(k).equals("native") ? NativeFdTables.create(proc) : new NioFdTables(proc);
                SocketOwners owners = new SocketOwners(proc, t, Integer.MAX_VALUE);
                long c0 = threads.getCurrentThreadCpuTime();
                long u0 = threads.getCurrentThreadUserTime();
                long t0 = System.nanoTime();
                owners.attach(table);
                long w = System.nanoTime() - t0;
                long c = threads.getCurrentThreadCpuTime() - c0;
                long u = threads.getCurrentThreadUserTime() - u0;
                links[k] = owners.linksRead();
                if (i < 0) {
                    System.out.printf(
                            "%-6s first walk: wall %.1f ms, cpu %.1f ms (user %.1f), %d fd links%n",
                            kinds.get(k), w / 1e6, c / 1e6, u / 1e6, links[k]);
                } else {
                    wall[k][i] = w;
                    cpu[k][i] = c;
                    user[k][i] = u;
                }
            }
        }
        for (int k = 0; k < kinds.size(); k++) {
            System.out.printf(
                    "%-6s median of %d walks: wall %.1f ms, cpu %.1f ms (user %.1f), %d fd links (%.2f us each), %d"
                            + " sockets%n",
                    kinds.get(k),
                    runs,
                    median(wall[k]) / 1e6,
                    median(cpu[k]) / 1e6,
                    median(user[k]) / 1e6,
                    links[k],
                    median(cpu[k]) / 1e3 / Math.max(1, links[k]),
                    table.size());
        }
        System.out.println("load average: " + java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
