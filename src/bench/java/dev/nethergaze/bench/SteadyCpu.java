package dev.nethergaze.bench;

import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.source.conn.ConnSourceMode;
import dev.nethergaze.source.conn.ConnectionReader;
import dev.nethergaze.source.conn.ConnectionReaders;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Steady state: poll every second for {@code seconds} (default 60) with owners on, apply to the
 * engine and write a snapshot each time, and report this process's own CPU time as a share of one
 * core (after a 10-second warm-up that is not counted).
 */
public final class SteadyCpu {

    private SteadyCpu() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        ConnSourceMode mode = ConnSourceMode.parse(args.length > 1 ? args[1] : "auto");
        ConnectionReader reader = ConnectionReaders.create(mode, Path.of("/proc"), true);
        Engine engine = new Engine(new EngineSettings(
                true, 50_000, Duration.ofMinutes(15), 20, "bench", p -> Integer.toString(p)));
        SnapshotJson json = new SnapshotJson(false);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = 0;
        long wall0 = 0;
        long rows = 0;
        for (int i = -10; i < seconds; i++) {
            if (i == 0) {
                cpu0 = os.getProcessCpuTime();
                wall0 = System.nanoTime();
            }
            long start = System.nanoTime();
            var r = reader.read(Instant.now());
            rows = r.rows();
            engine.apply(r.table());
            json.write(engine.snapshot(List.of()), OutputStream.nullOutputStream());
            Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - start) / 1_000_000));
        }
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        System.out.printf(
                "steady: %s, %d sockets, polled 1/s for %.0f s: cpu %.2f s = %.1f%% of one core%n",
                reader.name(), rows, wall, cpu, 100 * cpu / wall);
    }
}
