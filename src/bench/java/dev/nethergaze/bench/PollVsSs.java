package dev.nethergaze.bench;

import dev.nethergaze.source.conn.ConnSourceMode;
import dev.nethergaze.source.conn.ConnectionReader;
import dev.nethergaze.source.conn.ConnectionReaders;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One in-process poll (the netlink dump decoded into the {@code ConnTable} event, owners off) against
 * {@code ss -tan | wc -l}, interleaved run by run so both see the same machine load. Prints the
 * median wall time of each, the median CPU time (user+sys) of the polling thread, their ratios and
 * the load average. On a shared machine the CPU figure is the steadier one.
 *
 * <p>{@code PollVsSs [runs=15] [mode=auto]}
 */
public final class PollVsSs {

    private PollVsSs() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ConnSourceMode mode = ConnSourceMode.parse(args.length > 1 ? args[1] : "auto");
        ConnectionReader reader = ConnectionReaders.create(mode, Path.of("/proc"), false);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cold0 = threads.getCurrentThreadCpuTime();
        long coldUser0 = threads.getCurrentThreadUserTime();
        long cold = System.nanoTime();
        long rows = reader.read(Instant.now()).rows(); // cold: what a one-shot snapshot pays
        System.out.printf(
                "first (cold) poll: wall %.1f ms, cpu %.1f ms, user %.1f ms%n",
                (System.nanoTime() - cold) / 1e6,
                (threads.getCurrentThreadCpuTime() - cold0) / 1e6,
                (threads.getCurrentThreadUserTime() - coldUser0) / 1e6);
        for (int i = 0; i < 10; i++) { // warm-up: JIT the decoder and assembler
            rows = reader.read(Instant.now()).rows();
        }
        long[] pollWall = new long[runs];
        long[] pollCpu = new long[runs];
        long[] pollUser = new long[runs];
        long[] ssWall = new long[runs];
        ProcessBuilder ss = new ProcessBuilder(List.of("bash", "-c", "ss -tan | wc -l"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long u0 = threads.getCurrentThreadUserTime();
            long t0 = System.nanoTime();
            rows = reader.read(Instant.now()).rows();
            pollWall[i] = System.nanoTime() - t0;
            pollCpu[i] = threads.getCurrentThreadCpuTime() - c0;
            pollUser[i] = threads.getCurrentThreadUserTime() - u0;
            long s0 = System.nanoTime();
            ss.start().waitFor();
            ssWall[i] = System.nanoTime() - s0;
        }
        double pw = median(pollWall);
        double pc = median(pollCpu);
        double pu = median(pollUser);
        double sw = median(ssWall);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf(
                "poll %s, %d sockets, medians of %d: poll wall %.1f ms (cpu %.1f ms, of which user %.1f ms) | ss -tan|wc wall %.1f ms"
                        + " | poll/ss wall %.2f, poll cpu/ss wall %.2f | loadavg %s%n",
                reader.name(), rows, runs, pw, pc, pu, sw, pw / sw, pc / sw, load);
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}
