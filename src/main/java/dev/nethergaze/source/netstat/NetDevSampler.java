package dev.nethergaze.source.netstat;

import dev.nethergaze.model.InterfaceRates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples {@code <procRoot>/net/dev} and turns two successive samples into per-interface rates. The
 * loopback interface is left out; of the rest, the {@value #MAX} busiest are kept (a container host
 * has hundreds of veth interfaces: bounded). An interface whose counters go backwards (re-created)
 * restarts its baseline. Not thread-safe: one poller.
 */
public final class NetDevSampler {

    /** At most this many interfaces per reading, busiest first. */
    static final int MAX = 16;

    private final Path dev;
    private Map<String, long[]> previous = Map.of();
    private Instant previousTime;

    public NetDevSampler(Path procRoot) {
        this.dev = procRoot.resolve("net").resolve("dev");
    }

    /** Reads the counters at {@code now}; throws when the file cannot be read. */
    public List<InterfaceRates> sample(Instant now) throws IOException {
        Map<String, long[]> cur = parse(Files.readString(dev, StandardCharsets.US_ASCII));
        Map<String, long[]> prev = previous;
        Instant prevTime = previousTime;
        previous = cur;
        previousTime = now;
        double secs = prevTime == null || !now.isAfter(prevTime)
                ? 0
                : Duration.between(prevTime, now).toNanos() / 1e9;
        List<InterfaceRates> out = new ArrayList<>(cur.size());
        for (Map.Entry<String, long[]> e : cur.entrySet()) {
            long[] c = e.getValue();
            long[] p = secs > 0 ? prev.get(e.getKey()) : null;
            double[] r = new double[c.length];
            boolean rates = p != null;
            for (int i = 0; rates && i < c.length; i++) {
                if (c[i] < p[i]) {
                    rates = false; // counters went back: a new interface under the old name
                } else {
                    r[i] = (c[i] - p[i]) / secs;
                }
            }
            if (!rates) {
                java.util.Arrays.fill(r, 0);
            }
            out.add(new InterfaceRates(
                    e.getKey(),
                    r[0],
                    r[4],
                    r[1],
                    r[5],
                    r[3],
                    r[2],
                    r[7],
                    r[6],
                    rates ? secs : 0,
                    c[0],
                    c[4],
                    c[3],
                    c[2],
                    c[7],
                    c[6]));
        }
        out.sort(Comparator.comparingDouble((InterfaceRates i) -> -(i.rxBytesPerS() + i.txBytesPerS()))
                .thenComparingLong(i -> -(i.rxBytes() + i.txBytes()))
                .thenComparing(InterfaceRates::name));
        return List.copyOf(out.subList(0, Math.min(MAX, out.size())));
    }

    /**
     * {@code name: rxBytes rxPackets rxErrs rxDrop … txBytes txPackets txErrs txDrop …} per line, as
     * name → [rxBytes, rxPackets, rxErrs, rxDrop, txBytes, txPackets, txErrs, txDrop]; lines that do
     * not parse are skipped.
     */
    static Map<String, long[]> parse(String text) {
        Map<String, long[]> out = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String[] f = line.substring(colon + 1).strip().split("\\s+");
            if (name.isEmpty() || name.equals("lo") || f.length < 12) {
                continue;
            }
            try {
                out.put(name, new long[] {
                    Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]), Long.parseLong(f[11])
                });
            } catch (NumberFormatException e) {
                // not a counter line
            }
        }
        return out;
    }
}
