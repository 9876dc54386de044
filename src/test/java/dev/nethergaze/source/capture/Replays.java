package dev.nethergaze.source.capture;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a capture file through a fresh aggregator to its end (test helper). */
final class Replays {

    private Replays() {}

    static WireAggregator aggregate(Path file) throws IOException {
        WireAggregator agg = new WireAggregator(CaptureLimits.DEFAULTS, null);
        CaptureFile.read(file, agg);
        agg.finish("test", java.time.Instant.EPOCH);
        return agg;
    }
}
