package dev.nethergaze.source.httplog;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.LineReader;
import dev.nethergaze.source.tail.TailConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replays whole access-log files (plain or gzip) in the order given, emitting hits in file order on
 * the log's own timestamps. An unreadable or truncated file is reported (status ERROR with the file
 * name) and the replay goes on with the next one; at the end the status is DONE.
 */
public final class AccessLogReplay implements Source {

    /** What one file gave. {@code error} is null when the file was read to its end. */
    public record FileSummary(Path file, long lines, long hits, long unresolvedHosts, long malformed, String error) {}

    private final String name;
    private final List<Path> files;
    private final SourceStats stats;
    private final List<FileSummary> summaries = new CopyOnWriteArrayList<>();

    public AccessLogReplay(String name, List<Path> files, StatusReporter reporter) {
        this.name = name;
        this.files = List.copyOf(files);
        this.stats = new SourceStats(name, AccessLogSource.KIND, reporter);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceHealth health() {
        return stats.health();
    }

    /** One summary per file read so far, in order. */
    public List<FileSummary> summaries() {
        return List.copyOf(summaries);
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        stats.status(SourceStatus.OK, "replaying " + files.size() + " file(s)");
        CombinedParser parser = new CombinedParser(name);
        List<String> failed = new ArrayList<>();
        for (Path file : files) {
            FileSummary s = replayFile(file, parser, sink);
            summaries.add(s);
            stats.lines(s.lines());
            if (s.error() != null) {
                failed.add(s.error());
                stats.status(SourceStatus.ERROR, s.error());
            }
        }
        stats.status(
                SourceStatus.DONE,
                files.size() + " file(s) replayed"
                        + (failed.isEmpty() ? "" : "; failed: " + String.join("; ", failed)));
    }

    private FileSummary replayFile(Path file, CombinedParser parser, EventSink sink) throws InterruptedException {
        long[] counts = new long[3]; // hits, unresolved, malformed
        LineReader.Result r = LineReader.read(file, TailConfig.DEFAULT_MAX_LINE, (f, n, buf, off, len, cut) -> {
            switch (parser.parse(buf, off, len)) {
                case ParseResult.Hit h -> {
                    counts[0]++;
                    sink.emit(h.hit());
                }
                case ParseResult.UnresolvedHost u -> counts[1]++;
                case ParseResult.Ignored i -> {}
                case ParseResult.Malformed m -> {
                    counts[2]++;
                    stats.malformed();
                }
            }
        });
        return new FileSummary(file, r.lines(), counts[0], counts[1], counts[2], r.error());
    }
}
