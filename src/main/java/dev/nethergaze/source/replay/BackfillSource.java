package dev.nethergaze.source.replay;

import dev.nethergaze.model.Plural;
import dev.nethergaze.model.ReplayBudget;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.Handover;
import dev.nethergaze.source.tail.PathPattern;
import dev.nethergaze.source.tail.RotatedNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Live mode's {@code --since} and {@code --from-start}: before the tailers take over (they start at
 * the files' ends), replays what the logs already hold, merged by time, up to {@code until}. Each
 * {@link Span} names its files and where its window starts: {@code --since} the current files and
 * their rotated siblings ({@code access.log.1}, {@code access.log.2.gz}, {@code secure-20250301})
 * from that moment; {@code --from-start} the current access logs from their first line. Then it is
 * done.
 */
public final class BackfillSource implements Source {

    /**
     * Files to replay from {@code from} on: the current files the patterns match ({@code current}),
     * their rotated siblings ({@code rotated}), or both; {@code kind} is what they were given as (access
     * or auth logs), what a file is called when it cannot be read or its first lines do not tell.
     */
    public record Span(List<String> patterns, Instant from, boolean current, boolean rotated, LogKind kind) {
        public Span {
            patterns = List.copyOf(patterns);
            java.util.Objects.requireNonNull(kind, "kind");
        }

        /** {@code --since}: the current access logs and their rotated siblings, from {@code from}. */
        public static Span since(List<String> patterns, Instant from) {
            return since(patterns, from, LogKind.ACCESS);
        }

        /** {@code --since}: the current files of {@code kind} and their rotated siblings, from {@code from}. */
        public static Span since(List<String> patterns, Instant from, LogKind kind) {
            return new Span(patterns, from, true, true, kind);
        }

        /** {@code --from-start}: the current access logs, from their first line. */
        public static Span fromStart(List<String> patterns) {
            return new Span(patterns, Instant.EPOCH, true, false, LogKind.ACCESS);
        }

        String describe() {
            return from.equals(Instant.EPOCH) ? "from their start" : "since " + from.truncatedTo(ChronoUnit.SECONDS);
        }
    }

    /** How much earlier than the window a rotated file's last write may be and it still be read. */
    static final Duration ROTATED_SLACK = Duration.ofHours(1);

    private final List<Span> spans;
    private final Handover handover;
    /** Rotated files left unread: last written before their span's window (see {@link #writtenSince}). */
    private final Set<Path> unread = new TreeSet<>();
    /**
     * The current files of a {@code --since} span next to which no rotated file was found, and the
     * span's start: whether the window reaches before their first line is said ({@link #beforeFirstLine}).
     */
    private final java.util.Map<Path, Span> alone = new java.util.TreeMap<>();
    /** Time-ordered finite sources merged in by time (the journal's backfill), each its own entry. */
    private final List<Source> streams;

    private final Instant until;
    private final FileReplay.Options options;
    private final StatusReporter reporter;
    private volatile SourceHealth health;
    /** Events replayed so far, published every 1,024 (the console shows the backfill's progress). */
    private volatile long progress;

    /** {@code --since}: {@link Span#since} of these patterns, until {@code until}. */
    public BackfillSource(
            List<String> patterns, Instant from, Instant until, FileReplay.Options options, StatusReporter reporter) {
        this(List.of(Span.since(patterns, from)), until, options, reporter);
    }

    public BackfillSource(List<Span> spans, Instant until, FileReplay.Options options, StatusReporter reporter) {
        this(spans, List.of(), until, options, reporter);
    }

    /**
     * @param streams time-ordered finite sources (the journal's backfill) merged with the files by event
     *     time: two backfills side by side would hand the engine their events interleaved, and one
     *     running ahead would push the other's older events out of the detector's windows
     */
    public BackfillSource(
            List<Span> spans,
            List<Source> streams,
            Instant until,
            FileReplay.Options options,
            StatusReporter reporter) {
        this(spans, streams, until, Handover.NONE, options, reporter);
    }

    /**
     * @param handover where the live tailers take over the current logs: those are read up to there
     *     (whatever their lines' times), the others up to {@code until}
     */
    public BackfillSource(
            List<Span> spans,
            List<Source> streams,
            Instant until,
            Handover handover,
            FileReplay.Options options,
            StatusReporter reporter) {
        if (spans.isEmpty()) {
            throw new IllegalArgumentException("a backfill needs a span");
        }
        this.spans = List.copyOf(spans);
        this.streams = List.copyOf(streams);
        this.until = until;
        this.handover = handover;
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

    /** Its own entry, then each merged stream's. */
    @Override
    public List<SourceHealth> fileHealth() {
        List<SourceHealth> out = new ArrayList<>(1 + streams.size());
        out.add(health());
        streams.forEach(s -> out.add(s.health()));
        return out;
    }

    /** Replays the spans; then, however it ended, the tailer waiting for the auth logs' parsers goes on. */
    @Override
    public void run(EventSink sink) throws InterruptedException {
        try {
            replay(sink);
        } finally {
            if (options.authHandoff() != null) {
                options.authHandoff().end();
            }
        }
    }

    private void replay(EventSink sink) throws InterruptedException {
        List<List<Path>> files = new ArrayList<>();
        int count = 0;
        List<String> parts = new ArrayList<>();
        for (Span s : spans) {
            List<Path> f = files(s);
            files.add(f);
            count += f.size();
            parts.add(f.size() + " " + s.describe());
        }
        // access and auth logs from the same moment are one window ("since …"), not a list of parts
        boolean oneWindow = spans.stream().map(Span::describe).distinct().count() == 1;
        String window = (oneWindow ? spans.getFirst().describe() : "(" + String.join(", ", parts) + ")")
                + streams.stream().map(x -> ", with " + x.name()).collect(Collectors.joining());
        health = new SourceHealth(
                name(), "backfill", SourceStatus.OK, "replaying " + Plural.of(count, "file") + " " + window, 0, 0);
        long[] kept = {0};
        EventSink counted = e -> {
            if ((++kept[0] & 1023) == 0) {
                progress = kept[0];
            }
            sink.emit(e);
        };
        List<MergedReplay> replays = new ArrayList<>();
        if (spans.size() == 1 && streams.isEmpty()) {
            Span only = spans.getFirst();
            MergedReplay replay =
                    new MergedReplay(files.getFirst(), options, reporter, window(only), handover, only.kind());
            replays.add(replay);
            replay.run(counted); // each file keeps to its window itself
        } else { // each span's files time-ordered on their own, all of them and the streams merged by time
            List<Source> inputs = new ArrayList<>(streams);
            for (int i = 0; i < spans.size(); i++) {
                Span s = spans.get(i);
                MergedReplay part = new MergedReplay(files.get(i), options, reporter, window(s), handover, s.kind());
                replays.add(part);
                inputs.add(part);
            }
            new MergedReplay(List.of(), options, reporter, inputs, ReplayBudget.SMALL).run(counted);
        }
        long lines = 0;
        long bad = 0;
        long skipped = 0;
        List<FileReplay> read = new ArrayList<>();
        for (MergedReplay part : replays) {
            lines += part.health().lines();
            bad += part.health().malformed();
            skipped += part.bytesSkipped();
            read.addAll(part.files());
        }
        // each file's lines not used, said as a replay says them (why, and where the first was)
        List<String> notUsed = read.stream()
                .map(FileReplay::linesNotUsed)
                .filter(t -> !t.isEmpty())
                .toList();
        // not one line of any file recognised: a log format it does not know (lines of the right kind
        // whose client is no address are recognised: another format would not help them)
        List<FileReplay> withLines =
                read.stream().filter(f -> f.health().lines() > 0).toList();
        boolean unknown = bad > 0 && withLines.stream().allMatch(FileReplay::noLineRecognised);
        // every one a web server's error log (a glob, or --auth-log error.log): no format would help
        boolean errorLogs = unknown && withLines.stream().allMatch(f -> f.otherLog() != null);
        String done = Plural.of(count, "file") + ", " + Plural.of(kept[0], "event") + " " + window
                + skippedParts(skipped) + beforeFirstLine();
        health = new SourceHealth(
                name(),
                "backfill",
                unknown ? SourceStatus.ERROR : SourceStatus.DONE,
                done
                        + (notUsed.isEmpty() ? "" : "; " + String.join("; ", notUsed))
                        + (!unknown
                                ? ""
                                : errorLogs
                                        ? "; no line recognised (a web server's error log: give its access log)"
                                        : "; no line recognised (another format? set --log-format)"),
                lines,
                bad);
    }

    /**
     * "; left unread: N rotated files last written before the window, M MiB of older lines", the
     * parts there are; "" when all was read.
     */
    private String skippedParts(long bytes) {
        List<String> parts = new ArrayList<>(2);
        if (!unread.isEmpty()) {
            parts.add(Plural.of(unread.size(), "rotated file") + " last written before the window");
        }
        if (bytes > 0) {
            parts.add(String.format(java.util.Locale.ROOT, "%.1f MiB of older lines", bytes / 1048576.0));
        }
        return parts.isEmpty() ? "" : "; left unread: " + String.join(", ", parts);
    }

    /**
     * "; FILE begins at T, after the window's start, and no rotated file of it was found next to it
     * (...): lines of the window before T are not read", for the first current file of a {@code --since}
     * span that has no rotated sibling and whose first line is later than the span's start (and how many
     * more); "" when there is none. Before, such a window was read from the current file alone in
     * silence: rotated files under names not recognised then ({@code access.1.log} of logrotate's {@code
     * extension}) gave 0 of their events and no word.
     */
    private String beforeFirstLine() {
        Path first = null;
        Instant at = null;
        int more = 0;
        for (var e : alone.entrySet()) {
            Instant t;
            try {
                t = TimeSeek.firstTime(
                        e.getKey(),
                        FileReplay.lineTime(
                                e.getKey(),
                                e.getValue().kind(),
                                options,
                                Files.getLastModifiedTime(e.getKey()).toInstant()));
            } catch (IOException | RuntimeException ex) {
                continue; // unreadable or gone: its replay says so
            }
            if (t != null && t.isAfter(e.getValue().from())) {
                if (first == null) {
                    first = e.getKey();
                    at = t;
                } else {
                    more++;
                }
            }
        }
        if (first == null) {
            return "";
        }
        return "; " + first + (more > 0 ? " (and " + more + " more)" : "") + " begins at "
                + at.truncatedTo(ChronoUnit.SECONDS) + ", after the window's start, and no rotated file of it was"
                + " found next to it (NAME.1, NAME-DATE, NAME.1.gz, or with logrotate's extension STEM.1.EXT):"
                + " lines of the window before then are not read";
    }

    /** A span's window: from its start (open for --from-start: the files' first line) to the live start. */
    private TimeWindow window(Span s) {
        return new TimeWindow(s.from().equals(Instant.EPOCH) ? null : s.from(), until);
    }

    /**
     * The files the patterns match now, plus their rotated siblings that may hold lines of the window,
     * sorted ({@code --since}).
     */
    List<Path> files() {
        return files(spans.getFirst());
    }

    /**
     * Whether a rotated file may hold lines from {@code from} on: it was last written after {@code
     * from}, less {@link #ROTATED_SLACK}. A line is timed at or before its writing, so an older file
     * holds only older lines, and {@code --since 1h} does not unpack a year of weekly archives to
     * drop every line of them.
     */
    private static boolean writtenSince(Path rotated, Instant from) {
        try {
            return !Files.getLastModifiedTime(rotated).toInstant().isBefore(from.minus(ROTATED_SLACK));
        } catch (IOException e) {
            return true; // the reader will say what is wrong with it
        }
    }

    private List<Path> files(Span span) {
        TreeSet<Path> out = new TreeSet<>();
        Set<Path> rotatedOnes = new java.util.HashSet<>(); // a glob may match them as current ones too
        for (String text : span.patterns()) {
            PathPattern p = PathPattern.parse(text);
            List<Path> current;
            try {
                current = p.isGlob() ? p.list() : List.of(p.literal());
            } catch (IOException e) {
                current = List.of();
            }
            for (Path f : current) {
                if (Files.isRegularFile(f)) {
                    if (span.current()) {
                        out.add(f);
                    }
                    if (span.rotated()) {
                        List<Path> rotated = rotated(f);
                        if (rotated.isEmpty() && !span.from().equals(Instant.EPOCH)) {
                            alone.putIfAbsent(f, span);
                        }
                        rotatedOnes.addAll(rotated);
                        for (Path r : rotated) {
                            if (writtenSince(r, span.from())) {
                                out.add(r);
                            } else {
                                unread.add(r);
                            }
                        }
                    }
                }
            }
        }
        alone.keySet().removeIf(rotatedOnes::contains); // access.1.log, matched by *access*.log, is access.log's
        return SameFiles.distinct(new ArrayList<>(out), (again, first) -> {}); // a symlinked log directory
    }

    /**
     * The rotated files next to {@code current} ({@link RotatedNames}: {@code access.log.2.gz}, {@code
     * access.log-2026-12-06}, {@code access.1.log} of logrotate's {@code extension}), any compression. A
     * {@code .gz} listed with its plain self ({@code access.log.1} and {@code access.log.1.gz}) is being
     * compressed (logrotate's {@code compress} without {@code delaycompress}): the plain one, complete, is
     * read, not both. Before, a black-box backfill during the compression counted each of its 200,000
     * lines twice (400,100 requests), as the unfinished {@code .gz} was not told for a copy of it.
     */
    static List<Path> rotated(Path current) {
        List<Path> out = listed(current);
        java.util.Set<String> names = new java.util.HashSet<>();
        out.forEach(p -> names.add(p.getFileName().toString()));
        out.removeIf(p -> {
            String n = p.getFileName().toString();
            return n.endsWith(".gz") && names.contains(n.substring(0, n.length() - ".gz".length()));
        });
        return out;
    }

    private static List<Path> listed(Path current) {
        List<Path> out = new ArrayList<>();
        Path dir = current.toAbsolutePath().getParent();
        String base = current.getFileName().toString();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, RotatedNames.of(base))) {
            for (Path p : ds) {
                if (RotatedNames.rotated(base, p.getFileName().toString(), RotatedNames.COMPRESSIONS)
                        && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            // an unreadable directory just has no rotated files to offer
        }
        return out;
    }
}
