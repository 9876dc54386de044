package dev.nethergaze.source.netstat;

import dev.nethergaze.model.SynCounters;
import dev.nethergaze.model.SynTotals;
import dev.nethergaze.source.ProcBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Samples the SYN-flood counters of {@code <procRoot>/net/netstat} and {@code <procRoot>/net/snmp}
 * and turns two successive samples into per-second rates; every sample also carries the values
 * since boot. The first sample has no rates. A counter that goes backwards (a namespace or the
 * machine was reset) restarts the baseline. Not thread-safe: one poller.
 */
public final class SynCounterSampler {

    /** The counters, in the order of {@link SynCounters}'s rate fields. */
    static final List<String> KEYS = List.of(
            "TcpExt.SyncookiesSent",
            "TcpExt.SyncookiesFailed",
            "TcpExt.ListenOverflows",
            "TcpExt.ListenDrops",
            "TcpExt.TCPReqQFullDoCookies",
            "TcpExt.TCPReqQFullDrop",
            "TcpExt.TCPSynRetrans",
            "Tcp.InSegs");

    private final Path netstat;
    private final Path snmp;
    private final Path syncookies;
    private final ProcBuffer buf = new ProcBuffer(16 * 1024);
    private long[] previous;
    private Instant previousTime;

    public SynCounterSampler(Path procRoot) {
        this.netstat = procRoot.resolve("net").resolve("netstat");
        this.snmp = procRoot.resolve("net").resolve("snmp");
        // /proc/thread-self has net/ but no sys/: /proc/sys then shows the reading thread's namespace
        Path sys = Files.isDirectory(procRoot.resolve("sys")) ? procRoot.resolve("sys") : Path.of("/proc/sys");
        this.syncookies = sys.resolve("net/ipv4/tcp_syncookies");
    }

    /**
     * Reads the counters at {@code now}: their values since boot, with the rates since the previous
     * reading. The first reading, one after a reset, or one not after the previous has no rates
     * ({@link SynCounters#hasRates()} false).
     *
     * @throws IOException when either file cannot be read
     */
    public SynCounters sample(Instant now) throws IOException {
        long[] cur = new long[KEYS.size()];
        Arrays.fill(cur, -1);
        int len = buf.read(netstat); // read first: the buffer may grow for it
        NetstatParser.pick(buf.bytes(), len, KEYS, cur);
        len = buf.read(snmp);
        NetstatParser.pick(buf.bytes(), len, KEYS, cur);
        long[] prev = previous;
        Instant prevTime = previousTime;
        previous = cur;
        previousTime = now;
        SynTotals totals = new SynTotals(cur[0], cur[1], cur[2], cur[3], cur[4], cur[5], cur[6], cur[7]);
        int setting = syncookiesSetting();
        if (prev == null || !now.isAfter(prevTime)) {
            return SynCounters.firstReading(totals, setting);
        }
        double secs = Duration.between(prevTime, now).toNanos() / 1e9;
        double[] rate = new double[cur.length];
        for (int i = 0; i < cur.length; i++) {
            if (cur[i] >= 0 && prev[i] >= 0) {
                if (cur[i] < prev[i]) {
                    return SynCounters.firstReading(totals, setting);
                }
                rate[i] = (cur[i] - prev[i]) / secs;
            }
        }
        return new SynCounters(
                rate[0], rate[1], rate[2], rate[3], rate[4], rate[5], rate[6], rate[7], setting, secs, totals);
    }

    private int syncookiesSetting() {
        try {
            String v = Files.readString(syncookies, StandardCharsets.US_ASCII).trim();
            return Integer.parseInt(v);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
