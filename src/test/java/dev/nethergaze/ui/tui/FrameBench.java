package dev.nethergaze.ui.tui;

import dev.nethergaze.model.Snapshot;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Frame time at 200×60 with 10k IPs, worst case: every frame gets a new snapshot, so filtering,
 * sorting, the log merge and the whole draw and diff run each time. A main, not a timed test
 * (timings on shared CI machines are noise). Run: {@code java -cp target/classes:target/test-classes:…
 * dev.nethergaze.ui.tui.FrameBench}.
 */
public final class FrameBench {

    private FrameBench() {}

    public static void main(String[] args) {
        int ips = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Snapshot a = Snapshots.many(ips);
        Snapshot b = Snapshots.many(ips);
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        Screens warm = new Screens(200, 60, Theme.dark());
        for (int i = 0; i < 1500; i++) { // JIT warm-up on the same path
            warm.latest.set(i % 2 == 0 ? b : a);
            warm.loop.frame();
        }
        for (String keys : new String[] {"", "!", "R", "fstate:syn cidr:198.51.0.0/16\r", "P"}) {
            Screens s = new Screens(200, 60, Theme.dark());
            s.latest.set(a);
            s.loop.frame();
            s.keys(keys);
            long[] measured = new long[400];
            long[] cpuNs = new long[measured.length];
            for (int i = 0; i < measured.length; i++) {
                s.latest.set(i % 2 == 0 ? b : a);
                long c0 = cpu.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                s.loop.frame();
                measured[i] = System.nanoTime() - t0;
                cpuNs[i] = cpu.getCurrentThreadCpuTime() - c0;
            }
            Arrays.sort(measured);
            Arrays.sort(cpuNs);
            System.out.printf(
                    Locale.ROOT,
                    "200x60, %d IPs, keys %-32s wall median %.2f ms p90 %.2f ms p99 %.2f ms max %.2f ms | cpu median %.2f ms p90 %.2f ms%n",
                    ips,
                    "'" + keys.replace("\r", "⏎") + "'",
                    measured[measured.length / 2] / 1e6,
                    measured[measured.length * 9 / 10] / 1e6,
                    measured[measured.length * 99 / 100] / 1e6,
                    measured[measured.length - 1] / 1e6,
                    cpuNs[cpuNs.length / 2] / 1e6,
                    cpuNs[cpuNs.length * 9 / 10] / 1e6);
        }
        System.out.println(Map.of("java", System.getProperty("java.version")));
    }
}
