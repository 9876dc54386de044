package dev.nethergaze.cli;

import dev.nethergaze.engine.EngineSettings;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the heap a run may use holds the IPs its limits let the engine keep. The launcher caps every
 * run's heap ({@code NETHERGAZE_HEAP}, default 512m): a live run or replay whose {@code limits.max_ips}
 * needs more is told so at start, in one line, rather than failing hours (or a big log) later. The estimate is what a live run
 * measured (bench/RESULTS-logs.md: ~80 MB live for 20,000 IPs with 20 requests each, detection on),
 * rounded up: a fixed part, and per IP 1 KiB and 120 bytes per kept request (80, and the half as many
 * older ones its spare slots hold; see RequestRing).
 */
final class HeapCheck {

    static final long FIXED = 96L << 20;

    private HeapCheck() {}

    /**
     * The JVM's -Xmx (MaxHeapSize) as given, which {@link Runtime#maxMemory} reports less a survivor
     * space: the size a user set is the one to name.
     */
    static long maxHeap() {
        try {
            var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            return Long.parseLong(hotspot.getVMOption("MaxHeapSize").getValue());
        } catch (RuntimeException e) { // not HotSpot, or no such option: what the runtime says
            return Runtime.getRuntime().maxMemory();
        }
    }

    /** The heap the engine's limits may need at their fullest, in bytes. */
    static long need(EngineSettings s) {
        return FIXED + (long) s.maxIps() * (1024L + 120L * s.recentRequestsPerIp());
    }

    /** A warning when {@code need} is more than 80 % of {@code maxHeap} (the JVM's -Xmx), else empty. */
    static Optional<String> warning(EngineSettings s, long maxHeap) {
        long need = need(s);
        if (maxHeap == Long.MAX_VALUE || need <= maxHeap / 5 * 4) {
            return Optional.empty();
        }
        return Optional.of(String.format(
                Locale.ROOT,
                "nethergaze: limits.max_ips = %d (with limits.recent_requests_per_ip = %d) may need about %s of"
                        + " heap, and this run may use %s: set NETHERGAZE_HEAP (e.g. NETHERGAZE_HEAP=%s) or lower"
                        + " limits.max_ips",
                s.maxIps(),
                s.recentRequestsPerIp(),
                size(need),
                size(maxHeap),
                suggest(need)));
    }

    /**
     * The error for a run that ran out of heap ({@code maxHeap}): twice as much, set as the launcher reads
     * it ({@code NETHERGAZE_HEAP}; a {@code -Xmx} in {@code JAVA_TOOL_OPTIONS} would be overridden by the
     * launcher's own), or with {@code -Xmx} when java is run directly.
     */
    static String outOfMemory(long maxHeap) {
        String more = suggest(maxHeap * 8 / 5); // a quarter more than that: twice the heap
        return "out of memory: the Java heap (at most " + size(maxHeap) + ") is full; give it more (NETHERGAZE_HEAP="
                + more + ", or java -Xmx" + more + " without the launcher) or keep less per IP (limits.max_ips,"
                + " limits.recent_requests_per_ip)";
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30
                ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : (bytes >> 20) + " MiB";
    }

    /** A heap size with a quarter more than {@code need}, in whole GiB or in 256 MiB steps below one. */
    private static String suggest(long need) {
        long want = need + need / 4;
        if (want <= 1L << 30) {
            return ((want + (256L << 20) - 1) / (256L << 20) * 256) + "m";
        }
        return ((want + (1L << 30) - 1) >> 30) + "g";
    }
}
