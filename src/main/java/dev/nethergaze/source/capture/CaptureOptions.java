package dev.nethergaze.source.capture;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a capture runs. {@code speed} is the replay pace (1.0 = as recorded, 0 = as fast as
 * possible); {@code jsonl} (nullable) receives one line per packet or per second aggregate.
 *
 * @param filter what to keep
 * @param limits memory caps and handshake timeout
 * @param tick how often per-IP aggregates are emitted (packet time in replay)
 * @param snaplen bytes kept per packet live (headers only)
 * @param bufferBytes kernel capture buffer size
 * @param speed replay pace
 * @param jsonl JSONL export, or null
 * @param procRoot where /proc is (for the default-route interface)
 * @param alerts first-sight (new IP, new MAC) alerts, or null
 */
public record CaptureOptions(
        FilterSpec filter,
        CaptureLimits limits,
        Duration tick,
        int snaplen,
        int bufferBytes,
        double speed,
        CaptureJsonl jsonl,
        Path procRoot,
        CaptureAlerts alerts) {

    public static CaptureOptions defaults() {
        return new CaptureOptions(
                FilterSpec.ALL,
                CaptureLimits.DEFAULTS,
                Duration.ofSeconds(1),
                128,
                64 << 20,
                0,
                null,
                Path.of("/proc"),
                null);
    }

    public CaptureOptions withFilter(FilterSpec f) {
        return new CaptureOptions(f, limits, tick, snaplen, bufferBytes, speed, jsonl, procRoot, alerts);
    }

    public CaptureOptions withSpeed(double s) {
        return new CaptureOptions(filter, limits, tick, snaplen, bufferBytes, s, jsonl, procRoot, alerts);
    }

    public CaptureOptions withJsonl(CaptureJsonl j) {
        return new CaptureOptions(filter, limits, tick, snaplen, bufferBytes, speed, j, procRoot, alerts);
    }

    public CaptureOptions withAlerts(CaptureAlerts a) {
        return new CaptureOptions(filter, limits, tick, snaplen, bufferBytes, speed, jsonl, procRoot, a);
    }

    public CaptureOptions withTick(Duration t) {
        return new CaptureOptions(filter, limits, t, snaplen, bufferBytes, speed, jsonl, procRoot, alerts);
    }
}
