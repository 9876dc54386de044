package dev.nethergaze.cli;

import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.capture.CaptureFile;
import dev.nethergaze.source.capture.CaptureOptions;
import dev.nethergaze.source.capture.ReplayCapture;
import dev.nethergaze.source.httplog.AccessLogReplay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sources {@code replay} reads: pcap/pcapng files (recognised by their magic bytes) each become
 * a {@link ReplayCapture} emitting per-tick packet aggregates on packet time; every other file is
 * an access log, all of them read by one {@link AccessLogReplay}.
 */
final class ReplaySources {

    private ReplaySources() {}

    static List<Source> of(List<Path> files, Duration tick) {
        StatusReporter reporter = StatusReporter.to(System.err);
        List<Path> logs = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        CaptureOptions capture = CaptureOptions.defaults().withTick(tick);
        for (Path f : files) {
            if (CaptureFile.isCapture(f)) {
                sources.add(new ReplayCapture(f, capture, reporter));
            } else {
                logs.add(f);
            }
        }
        if (!logs.isEmpty()) {
            sources.addFirst(new AccessLogReplay("replay:http", logs, reporter));
        }
        return sources;
    }
}
