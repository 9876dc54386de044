package dev.nethergaze.source.replay;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.PathPattern;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Live mode's {@code --since}: before the tailers take over (they start at the files' ends), replays
 * the events in {@code [from, until)} from the current files and their rotated siblings ({@code
 * access.log.1}, {@code access.log.2.gz}, {@code secure-20250301}), merged by time. Then it is done.
 */
public final class BackfillSource implements Source {

    private final List<String> patterns;
    private final Instant from;
    private final Instant until;
    private final FileReplay.Options options;
    private final StatusReporter reporter;
    private volatile SourceHealth health;
    /** Events replayed so far, published every 1,024 (the console shows the backfill's progress). */
    private volatile long progress;

    public BackfillSource(
            List<String> patterns, Instant from, Instant until, FileReplay.Options options, StatusReporter reporter) {
        this.patterns = List.copyOf(patterns);
        this.from = from;
        this.until = until;
        this.options = options;
        this.reporter = reporter;
        this.health = new SourceHealth(name(), "backfill", SourceStatus.STARTING, "", 0, 0);
    }

    @Override
    public String name() {
        return "backfill";
    }

    @Override
    public SourceHealth health() {
        SourceHealth h = health;
        long n = progress;
        return h.status() == SourceStatus.OK && n > 0
                ? new SourceHealth(h.name(), h.kind(), h.status(), h.detail() + ": " + n + " events so far", 0, 0)
                : h;
    }

    @Override
    public boolean finite() {
        return true;
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        List<Path> files = files();
        health = new SourceHealth(
                name(),
                "backfill",
                SourceStatus.OK,
                "replaying " + files.size() + " file(s) since " + from.truncatedTo(ChronoUnit.SECONDS),
                0,
                0);
        MergedReplay replay = new MergedReplay(files, options, reporter);
        long[] kept = {0};
        replay.run(e -> {
            if (!e.time().isBefore(from) && e.time().isBefore(until)) {
                if ((++kept[0] & 1023) == 0) {
                    progress = kept[0];
                }
                sink.emit(e);
            }
        });
        SourceHealth h = replay.health();
        health = new SourceHealth(
                name(),
                "backfill",
                SourceStatus.DONE,
                files.size() + " file(s), " + kept[0] + " events since " + from.truncatedTo(ChronoUnit.SECONDS),
                h.lines(),
                h.malformed());
    }

    /** The files the patterns match now, plus their rotated siblings, sorted. */
    List<Path> files() {
        TreeSet<Path> out = new TreeSet<>();
        for (String text : patterns) {
            PathPattern p = PathPattern.parse(text);
            List<Path> current;
            try {
                current = p.isGlob() ? p.list() : List.of(p.literal());
            } catch (IOException e) {
                current = List.of();
            }
            for (Path f : current) {
                if (Files.isRegularFile(f)) {
                    out.add(f);
                    out.addAll(rotated(f));
                }
            }
        }
        return new ArrayList<>(out);
    }

    static List<Path> rotated(Path current) {
        List<Path> out = new ArrayList<>();
        Path dir = current.toAbsolutePath().getParent();
        String base = current.getFileName().toString();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, base + "[.-]*")) {
            for (Path p : ds) {
                String rest = p.getFileName().toString().substring(base.length() + 1);
                if (!rest.isEmpty() && Character.isDigit(rest.charAt(0)) && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            // an unreadable directory just has no rotated files to offer
        }
        return out;
    }
}
