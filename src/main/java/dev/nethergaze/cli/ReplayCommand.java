package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.engine.ShardedReplay;
import dev.nethergaze.model.ReplayBudget;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.capture.CaptureFile;
import dev.nethergaze.source.capture.ReplayCapture;
import dev.nethergaze.source.replay.MergedReplay;
import dev.nethergaze.source.replay.PipeSource;
import dev.nethergaze.source.replay.SameFiles;
import dev.nethergaze.source.replay.TimeWindow;
import dev.nethergaze.source.tail.IoErrors;
import dev.nethergaze.store.ReplaySource;
import dev.nethergaze.ui.text.TextFrame;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "replay",
        description = "Read whole log files (no tailing) on their own timestamps and print the final per-IP report.",
        mixinStandardHelpOptions = true)
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Mixin
    FilterOptions filters;

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "Access logs, auth logs (auth.log/secure), journalctl JSON (plain or .gz) and pcap/pcapng"
                    + " captures, in any mix: each file's kind is detected; all are merged by time.")
    List<Path> files;

    @Option(
            names = "--json",
            description = "Print the report as one JSON document on one line (compact: a big log's report is"
                    + " large; pipe it to jq to read it). Default: a text table.")
    boolean json;

    @Option(
            names = "--hide-private-ips",
            description = "Hide private/loopback clients (replay shows them by default: the report is about the file).")
    boolean hidePrivate;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Only events at or after TIME: 2025-03-10T14:00 (this host's zone), 2025-03-10T14:00:00Z"
                    + " or with an offset (+01:00), or a date. A big plain log is entered there by its"
                    + " timestamps, not read from its first line. (--since 1h: from an hour before now.)")
    String from;

    @Option(names = "--until", paramLabel = "TIME", description = "Only events before TIME (same forms as --from).")
    String until;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Engine threads; each IP's events go to one of them (default: one per core, at most 8)."
                    + " The report is the same for any N.")
    int threads;

    @Override
    public Integer call() throws InterruptedException {
        if (threads < 0 || threads > 64) {
            throw new UserException("--threads: must be 1..64, got " + threads);
        }
        if (common.fromStart) {
            throw new UserException("--from-start: replay always reads its files from their start (see --from)");
        }
        Config c = common.load();
        filters.parsed();
        TimeWindow window = window(Instant.now(), Wiring.ZONE);
        EngineSettings settings =
                Wiring.engineSettings(c).withShowPrivateIps(!hidePrivate).withIpIdle(null);
        HeapCheck.warning(settings, HeapCheck.maxHeap()).ifPresent(System.err::println);
        // a file that cannot take the session (damaged, not SQLite, newer, not writable) is said before
        // the replay, not after minutes of it; the report is still made
        boolean recording = common.historyFile != null && !common.noHistory;
        boolean refused = recording
                && !HistorySession.canRecordInto(
                        common.historyFile, spec.commandLine().getErr());
        Replayed r = replay(c, files, settings, threads, window, ReplayProgress.stderrIsTerminal());
        Snapshot all = withGeo(r.report(), c);
        Snapshot s = filters.apply(all);
        // only into a file named for it; asked for and not done: exit 1, after the report; the session
        // spans the replayed time, from the first event to the last (the report's time). Every IP of the
        // logs: what the report shows (--suspicious, --filter) does not choose what is recorded
        boolean unrecorded = recording
                && (refused
                        || !HistorySession.record(
                                c,
                                common.historyFile,
                                settings.host(),
                                all,
                                r.firstEvent(),
                                files,
                                r.read(),
                                window,
                                spec.commandLine().getErr()));
        if (json) {
            if (s.totals().evictedIps() > 0) { // the text report says it in its totals
                spec.commandLine()
                        .getErr()
                        .println("nethergaze: " + TextFrame.evictions(s.totals().evictedIps()));
            }
            WholeLines.one(o -> Output.line(s, o));
        } else {
            Output.text(TextFrame.render(s, 50, 160));
        }
        String unread = nothingRead(s);
        if (unread != null) {
            spec.commandLine().getErr().println("nethergaze: replay: " + unread);
            return 2;
        }
        return unrecorded ? 1 : 0;
    }

    /**
     * Why a replay's report stands on nothing, or null: every input failed while being read (a .bz2,
     * a gzip cut in its header). Not a report of a quiet log, which a script reading exit 0 would take
     * it for: {@code replay} and {@code explain --replay} exit 2 with this line.
     */
    static String nothingRead(Snapshot s) {
        // every input failed while being read before a line of it was (a .bz2, a gzip cut in its header):
        // not a report of a quiet log, which a script reading exit 0 would take it for; one cut in its
        // body is a report of what was read, its error said as that of one of several
        return s.sources().stream().noneMatch(h -> h.status() == SourceStatus.DONE || h.lines() > h.malformed())
                ? "nothing could be read from the input (its sources[] entry says why)"
                : null;
    }

    /**
     * The inputs with lines that were not recognised, when no input gave a single event (the report
     * holds no IP and no finding); empty otherwise. Each one's {@code sources[]} entry (and the line
     * the replay printed for it) says what it was read as. {@code replay} reports this as it is (the
     * report is about the files); {@code explain --replay} has nothing to explain.
     */
    static List<String> unrecognised(Snapshot s) {
        if (!s.ips().isEmpty() || !s.findings().isEmpty() || s.totals().evictedIps() > 0) {
            return List.of();
        }
        return s.sources().stream()
                .filter(h -> h.malformed() > 0)
                .map(SourceHealth::name)
                .toList();
    }

    /**
     * {@code s} with where each IP comes from (see {@link LocalGeo}); the options were accepted and
     * ignored, so a replay's report, and the history recorded from it, had no country or AS.
     */
    private Snapshot withGeo(Snapshot s, Config c) {
        return s.withIps(LocalGeo.add(s.ips(), common.enrich.options(c)));
    }

    /**
     * The final report of {@code files} (logs of any kind and captures, each detected; all merged by
     * time) judged on their own timestamps by {@code threads} engines (0: one per core, at most 8).
     * Also what {@code explain --replay} judges.
     */
    static Snapshot report(Config c, List<Path> files, EngineSettings settings, int threads)
            throws InterruptedException {
        return report(c, files, settings, threads, TimeWindow.ALL, false);
    }

    /** {@code --from}, {@code --until} and {@code --since} (before {@code now}) as a window. */
    TimeWindow window(Instant now, ZoneId zone) {
        if (common.since != null && from != null) {
            throw new UserException("--since and --from both say where to start: give one of them");
        }
        Instant start = from != null
                ? TimeArg.parse("--from", from, zone)
                : common.since != null ? now.minusSeconds(CommonOptions.seconds(common.since)) : null;
        Instant end = until == null ? null : TimeArg.parse("--until", until, zone);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new UserException("--until " + end + " is not after the start " + start);
        }
        return new TimeWindow(start, end);
    }

    /**
     * As {@link #report(Config, List, EngineSettings, int)}, only the events in {@code window}, with a
     * progress line on stderr if {@code progress}.
     */
    static Snapshot report(
            Config c, List<Path> files, EngineSettings settings, int threads, TimeWindow window, boolean progress)
            throws InterruptedException {
        return replay(c, files, settings, threads, window, progress).report();
    }

    /**
     * A replay's report (dated at its last event), the time of its first event (null when there was
     * none), and how far each input was read: bytes of a log's content ({@link
     * dev.nethergaze.source.replay.FileReplay#readTo}; -1, a capture's: all of it), an input left out
     * not there. What history fingerprints of the inputs: a log written to meanwhile is longer now.
     */
    record Replayed(Snapshot report, Instant firstEvent, Map<Path, Long> read) {}

    /** As {@link #report(Config, List, EngineSettings, int, TimeWindow, boolean)}, with when the events began. */
    static Replayed replay(
            Config c, List<Path> files, EngineSettings settings, int threads, TimeWindow window, boolean progress)
            throws InterruptedException {
        files = files.stream()
                .map(f -> f.toString().equals(PipeSource.DASH) ? PipeSource.STDIN : f)
                .toList();
        // a file that cannot be read is left out, said and listed; the others are read (none: an error)
        List<SourceHealth> leftOut = new ArrayList<>();
        List<Path> readable = new ArrayList<>();
        for (Path f : files) {
            SourceHealth why = unreadable(f);
            if (why == null) {
                readable.add(f);
            } else {
                leftOut.add(why);
            }
        }
        if (readable.isEmpty()) {
            throw new UserException(leftOut.stream()
                    .map(h -> h.name() + ": " + h.detail())
                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        leftOut.forEach(h -> System.err.println(
                "nethergaze: " + h.name() + ": " + h.detail() + " (left out; the other files are read)"));
        files = SameFiles.distinct(
                readable,
                (again, first) -> System.err.println("nethergaze: " + again + ": the same log as " + first
                        + " (the same file, or the same content plain or gzipped): read once"));
        Duration tick = Duration.ofMillis(c.general().tickMs());
        ReplaySources.Split split = ReplaySources.split(files, tick);
        List<SourceHealth> health = new ArrayList<>();
        ReplayBudget budget = ReplayBudget.forInput(MergedReplay.inputBytes(files));
        try (ShardedReplay driver = new ShardedReplay(engines(c, settings, threads), tick, budget)) {
            // captures are merged with the logs by time too: judged one after another, a capture older
            // than what came before it was judged when its windows had passed (a port scan unflagged)
            MergedReplay[] replay = new MergedReplay[1];
            try (ReplayProgress shown = ReplayProgress.start(progress, () -> replay[0].progress())) {
                replay[0] = new MergedReplay(
                        split.logs(),
                        Wiring.replayOptions(c),
                        shown.around(StatusReporter.to(System.err)),
                        split.captures(),
                        budget,
                        window);
                // the logs drop what is outside the window themselves; the captures' events are dropped here
                replay[0].run(
                        window.isAll()
                                ? driver
                                : e -> {
                                    if (window.contains(e.time())) {
                                        driver.emit(e);
                                    }
                                });
            }
            health.addAll(replay[0].fileHealth());
            health.addAll(leftOut);
            Snapshot report = driver.finish(health);
            Map<Path, Long> read = new LinkedHashMap<>(replay[0].readTo());
            for (Source capture : split.captures()) { // known by what was read of them, as the logs are
                if (capture instanceof ReplayCapture rc) {
                    read.put(rc.file(), rc.readTo());
                }
            }
            files.forEach(f -> read.putIfAbsent(f, ReplaySource.WHOLE));
            return new Replayed(report, driver.first(), read);
        }
    }

    /**
     * Why {@code f} cannot be replayed, as its {@code sources[]} entry (kind "log": what it holds is not
     * known), or null when it can be opened: missing, a directory, or not readable (for this user, or
     * behind a directory it cannot enter: RHEL's {@code /var/log/httpd} is mode 700); or a capture
     * of which nothing can be read (kind "capture": its header cut short or damaged).
     */
    static SourceHealth unreadable(Path f) {
        if (f.equals(PipeSource.STDIN)) {
            return null;
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return leftOut(f, SourceStatus.MISSING, "no such file");
        } catch (AccessDeniedException e) {
            return leftOut(
                    f,
                    SourceStatus.PERMISSION_DENIED,
                    "permission denied (a directory on its path cannot be entered by this user)");
        } catch (IOException e) {
            return leftOut(f, SourceStatus.ERROR, IoErrors.describe(e));
        }
        if (a.isDirectory()) {
            return leftOut(
                    f, SourceStatus.ERROR, "is a directory (give the log files in it, e.g. " + f + "/access.log*)");
        }
        if (!Files.isReadable(f)) {
            return leftOut(f, SourceStatus.PERMISSION_DENIED, "permission denied (run as root?)");
        }
        String damaged = a.isRegularFile() && CaptureFile.isCapture(f) ? CaptureFile.unreadable(f) : null;
        return damaged == null ? null : new SourceHealth(f.toString(), "capture", SourceStatus.ERROR, damaged, 0, 0);
    }

    private static SourceHealth leftOut(Path f, SourceStatus status, String why) {
        return new SourceHealth(f.toString(), "log", status, why, 0, 0);
    }

    /** One engine per shard: the replay splits its IPs over them, and applies the cap on IPs over all. */
    private static List<Engine> engines(Config c, EngineSettings settings, int threads) {
        int n = threads > 0
                ? threads
                : Math.min(MAX_SHARDS, Runtime.getRuntime().availableProcessors());
        List<Engine> engines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            engines.add(new Engine(settings, DetectWiring.detector(c, settings)));
        }
        return engines;
    }

    private static final int MAX_SHARDS = 8;
}
