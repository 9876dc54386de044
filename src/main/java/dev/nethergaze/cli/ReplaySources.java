package dev.nethergaze.cli;

import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.capture.CaptureFile;
import dev.nethergaze.source.capture.CaptureOptions;
import dev.nethergaze.source.capture.ReplayCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sources {@code replay} reads: pcap/pcapng files (recognised by their magic bytes) each become
 * a {@link ReplayCapture} emitting per-tick packet aggregates on packet time; every other file is
 * a log, read by the merged log replay.
 */
final class ReplaySources {

    private ReplaySources() {}

    /** The files split by kind: captures (each a source of its own) and everything else (logs). */
    record Split(List<Path> logs, List<Source> captures) {}

    static Split split(List<Path> files, Duration tick) {
        StatusReporter reporter = StatusReporter.to(System.err);
        List<Path> logs = new ArrayList<>();
        List<Source> captures = new ArrayList<>();
        CaptureOptions capture = CaptureOptions.defaults().withTick(tick);
        for (Path f : files) {
            if (java.nio.file.Files.isRegularFile(f) && CaptureFile.isCapture(f)) { // a pipe is read once, as a log
                captures.add(new ReplayCapture(f, capture, reporter));
            } else {
                logs.add(f);
            }
        }
        return new Split(List.copyOf(logs), List.copyOf(captures));
    }
}
