package dev.nethergaze.cli;

import dev.nethergaze.act.FirewallWatch;
import dev.nethergaze.config.AuthConfig;
import dev.nethergaze.config.Config;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.enrich.EnrichOptions;
import dev.nethergaze.enrich.Enricher;
import dev.nethergaze.model.ServiceNames;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.authlog.AuthHandoff;
import dev.nethergaze.source.authlog.AuthLogSource;
import dev.nethergaze.source.authlog.JournaldSource;
import dev.nethergaze.source.conn.ConnPollSource;
import dev.nethergaze.source.conn.ConnSourceMode;
import dev.nethergaze.source.conn.ConnectionReaders;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.AccessLogSource;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.httplog.ServerLogFormats;
import dev.nethergaze.source.httplog.TrustedProxies;
import dev.nethergaze.source.replay.BackfillSource;
import dev.nethergaze.source.replay.FileReplay;
import dev.nethergaze.source.replay.LogKind;
import dev.nethergaze.source.replay.PipeSource;
import dev.nethergaze.source.sys.TerminalStdin;
import dev.nethergaze.source.tail.Handover;
import dev.nethergaze.source.tail.IoErrors;
import dev.nethergaze.source.tail.PathPattern;
import dev.nethergaze.source.tail.TailConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a frozen {@link Config} into the engine settings and the live sources: the one wiring place. */
final class Wiring {

    /** journalctl's usual place; an argument array starts it, never a shell. */
    static final String JOURNALCTL = "journalctl";
    /** How long a follower of the journal waits before starting journalctl again after it exits. */
    private static final Duration JOURNAL_RETRY = Duration.ofSeconds(5);

    private Wiring() {}

    static EngineSettings engineSettings(Config c) {
        return new EngineSettings(
                c.general().showPrivateIps(),
                c.limits().maxIps(),
                // a backfill's IPs stay for its whole window ("--since 1h" shows the hour, not its last 15 min);
                // --from-start's window is the whole file, however old: its IPs are kept (limits.max_ips bounds
                // them); so is a pipe's, whatever it held from before start-up (docker logs -f: the whole log)
                fromStart(c) || piped(c)
                        ? null
                        : Duration.ofSeconds(
                                Math.max(c.limits().ipIdleSeconds(), c.general().backfillSeconds())),
                c.limits().recentRequestsPerIp(),
                c.general().hostOr(systemHostname()),
                port -> c.services().name(port).orElseGet(() -> ServiceNames.name(port)));
    }

    /** A log comes on standard input ({@code --access-log -} or {@code --auth-log -}). */
    private static boolean piped(Config c) {
        return (c.http().enabled() && c.http().paths().contains(PipeSource.DASH))
                || (c.auth().enabled() && c.auth().paths().contains(PipeSource.DASH));
    }

    /** {@code --from-start}: the access logs already hold are replayed first, on their own time. */
    private static boolean fromStart(Config c) {
        return c.http().enabled() && c.http().fromStart();
    }

    /** @param oneShot one snapshot: its single poll resolves every socket's owner (no per-poll budget) */
    static List<Source> liveSources(Config c, InstantSource clock, StatusReporter reporter, boolean oneShot) {
        return liveSources(c, clock, reporter, oneShot, Wiring::problem);
    }

    /** As {@link #liveSources(Config, InstantSource, StatusReporter, boolean)}, a start-up notice said to {@code problems}. */
    static List<Source> liveSources(
            Config c,
            InstantSource clock,
            StatusReporter reporter,
            boolean oneShot,
            java.util.function.Consumer<String> problems) {
        List<Source> out = new ArrayList<>();
        // "-" among the paths: that log comes on standard input (one of them at most), the rest are files
        List<String> httpFiles = c.http().enabled() ? files(c.http().paths()) : List.of();
        List<String> authFiles = c.auth().enabled() ? files(c.auth().paths()) : List.of();
        boolean httpPipe = c.http().enabled() && c.http().paths().contains(PipeSource.DASH);
        boolean authPipe = c.auth().enabled() && c.auth().paths().contains(PipeSource.DASH);
        if (httpPipe && authPipe) {
            throw new UserException(
                    "standard input (-) can carry one log: give --access-log - or --auth-log -, not both");
        }
        if ((httpPipe || authPipe) && stdinIsTheTerminal()) {
            throw new UserException((httpPipe ? "--access-log" : "--auth-log")
                    + " -: standard input is this terminal, not a log; pipe one in"
                    + " (docker logs -f web | nethergaze " + (httpPipe ? "--access-log" : "--auth-log") + " -)");
        }
        // the current logs' sizes now, at start-up: the tailers start there, not at the end they see at
        // their first look, so a line written in between (the sources start after the JVM and the
        // lookups are up: a second or more on a loaded box) is read, not lost; a backfill reads up to
        // them, so such a line is read once (not twice for its timestamp)
        Handover handover = Handover.of(httpFiles).and(Handover.of(authFiles));
        // the web servers' configurations are read once, when a log needs them
        java.util.function.Supplier<AccessFormat> format = memo(() -> accessFormat(c));
        if (c.conn().enabled()) {
            out.add(new ConnPollSource(
                    ConnectionReaders.create(
                            ConnSourceMode.parse(c.conn().source()),
                            c.conn().procRoot(),
                            c.conn().owners(),
                            oneShot ? Integer.MAX_VALUE : ConnectionReaders.OWNER_BUDGET),
                    Duration.ofMillis(c.conn().pollMs()),
                    clock,
                    reporter));
        }
        if (!httpFiles.isEmpty()) {
            TailConfig tail = new TailConfig(
                    Duration.ofMillis(250),
                    Duration.ofSeconds(c.http().rescanSeconds()),
                    Duration.ofSeconds(5),
                    false, // tail from the end: what the files hold already is the backfill's
                    TailConfig.DEFAULT_MAX_LINE,
                    clock,
                    handover);
            out.add(new AccessLogSource(httpFiles, tail, format.get(), clientResolver(c), reporter));
        }
        if (httpPipe || authPipe) { // what it holds from before start-up is a backfill, then it is followed
            out.addAll(PipeSource.withHistory(
                    stdin, httpPipe ? LogKind.ACCESS : LogKind.AUTH, replayOptions(format.get(), c), clock, reporter));
        }
        // the backfill covers [since, now); the live sources follow on: the tailers from the handover,
        // journald after the last entry its backfill read
        Instant now = clock.instant();
        Instant since =
                c.general().backfillSeconds() > 0 ? now.minusSeconds(c.general().backfillSeconds()) : null;
        Source auth = authSource(c, authFiles, authPipe, clock, reporter, handover, problems);
        JournaldSource journalBackfill = null;
        if (since != null && auth instanceof JournaldSource) {
            journalBackfill = journalDirectory(c, JournaldSource.backfill(JOURNALCTL, since, clock, reporter));
            if (oneShot) { // its snapshot is taken at the backfill's end: what waits there counts then
                journalBackfill.countingWaitingAtEnd();
            }
            auth = JournaldSource.after(journalBackfill, JOURNAL_RETRY, clock, reporter);
        }
        if (auth != null) {
            out.add(auth);
        }
        // the auth logs' backfill leaves its connections to their tailer (a PAM failure waiting at the seam);
        // a one-shot's counts them at its end, as a replay does: its snapshot is taken then
        AuthHandoff authHandoff = null;
        if (since != null && !oneShot && auth instanceof AuthLogSource tailed) {
            authHandoff = new AuthHandoff();
            tailed.after(authHandoff);
        }
        // one backfill for every file, merged by time: --from-start's current access logs from their first
        // line, --since's current and rotated logs from its start (access logs' rotated ones only, then)
        // (each span names its files' kind: an unreadable or empty auth log is not called an access log)
        List<BackfillSource.Span> spans = new ArrayList<>();
        if (fromStart(c) && !httpFiles.isEmpty()) {
            spans.add(BackfillSource.Span.fromStart(httpFiles));
            if (since != null) {
                spans.add(new BackfillSource.Span(httpFiles, since, false, true, LogKind.ACCESS));
            }
        } else if (since != null && !httpFiles.isEmpty()) {
            spans.add(BackfillSource.Span.since(httpFiles, since, LogKind.ACCESS));
        }
        List<Source> journal = new ArrayList<>();
        if (since != null) {
            if (journalBackfill != null) {
                journal.add(journalBackfill);
            } else if (!authFiles.isEmpty()) {
                spans.add(BackfillSource.Span.since(authFiles, since, LogKind.AUTH));
            }
        }
        if (!spans.isEmpty()) { // the journal's backfill merged in by time, not side by side
            out.add(new BackfillSource(
                    spans,
                    journal,
                    now,
                    handover,
                    replayOptions(format.get(), c).handingAuthTo(authHandoff),
                    reporter));
        } else {
            out.addAll(journal);
        }
        if (c.actions().readFirewallSeconds() > 0) { // what is already blocked: last, after what is seen
            out.add(FirewallWatch.of(Duration.ofSeconds(c.actions().readFirewallSeconds()), reporter));
        }
        return out;
    }

    /**
     * Builds and starts the enricher a run asks for; its answers go into {@code sink} (normally
     * {@link LiveRunner#sink()}). Subscribe it to the runner, and close it before the runner.
     */
    static Enricher enricher(Config c, CommonOptions common, EventSink sink) {
        return enricher(common.enrich.options(c), sink);
    }

    static Enricher enricher(EnrichOptions options, EventSink sink) {
        return enricher(options, sink, Wiring::problem);
    }

    /** As {@link #enricher(EnrichOptions, EventSink)}, a database that cannot be used said to {@code problem}. */
    static Enricher enricher(EnrichOptions options, EventSink sink, java.util.function.Consumer<String> problem) {
        return Enricher.create(options, sink, InstantSource.system(), problem);
    }

    /** A database or bootstrap file that cannot be used: one line on stderr, the run goes on. */
    static void problem(String line) {
        System.err.println("nethergaze: " + line);
        System.err.flush();
    }

    /**
     * The auth source: the auth log {@code files}, or journald when it is forced on or when it is "auto",
     * no file is readable and SSH attempts do not come on standard input ({@code piped}). Null when
     * disabled or when there is none. journald is followed from now; the auth files are tailed from
     * {@code handover}: their sizes at start-up, where a backfill reads them up to.
     */
    static Source authSource(
            Config c,
            List<String> files,
            boolean piped,
            InstantSource clock,
            StatusReporter reporter,
            Handover handover,
            java.util.function.Consumer<String> problems) {
        AuthConfig a = c.auth();
        if (!a.enabled()) {
            return null;
        }
        if (a.journald() == AuthConfig.Journald.ON || journalInstead(a, files, piped)) {
            Map<String, String> named = namedAuthLogsReplaced(a, files, piped);
            if (!named.isEmpty()) { // logs the user named are not silently swapped for the journal: say which and why
                List<String> each = new ArrayList<>();
                named.forEach((path, why) -> each.add(path + ": " + why));
                problems.accept("auth log " + String.join(", ", each) + "; reading sshd's journal instead"
                        + " (--journald off waits for the file)");
            }
            return journalDirectory(c, new JournaldSource(JOURNALCTL, null, JOURNAL_RETRY, clock, reporter));
        }
        if (files.isEmpty()) {
            return null;
        }
        TailConfig tail = new TailConfig(
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                false,
                TailConfig.DEFAULT_MAX_LINE,
                clock,
                handover);
        return new AuthLogSource(files, tail, ZoneId.systemDefault(), reporter);
    }

    /**
     * journald "auto" with no auth file readable, no SSH attempts on standard input and a journal to read
     * ({@link JournaldSource#journalToRead}): the journal is read.
     */
    private static boolean journalInstead(AuthConfig a, List<String> files, boolean piped) {
        return a.journald() == AuthConfig.Journald.AUTO
                && !piped
                && files.stream().noneMatch(f -> unreadableLog(f) == null)
                && JournaldSource.journalToRead(JOURNALCTL, a.journalDirectory());
    }

    /**
     * Why the log path or glob {@code f} gives nothing to read ("no such file", "no file matches"), or
     * null when it names a readable file or a glob matches one.
     */
    private static String unreadableLog(String f) {
        PathPattern pattern;
        try {
            pattern = PathPattern.parse(f);
        } catch (IllegalArgumentException e) {
            return e.getMessage(); // a wildcard in a directory: the tailer refuses it too
        }
        if (!pattern.isGlob()) {
            return Files.isReadable(pattern.literal()) ? null : IoErrors.unreadable(pattern.literal());
        }
        try {
            return pattern.list().stream().anyMatch(Files::isReadable) ? null : "no readable file matches";
        } catch (java.io.IOException e) {
            return IoErrors.describe(e);
        }
    }

    /**
     * The auth logs a user named (not the default paths) that a live run leaves for sshd's journal
     * because none of them is readable (journald "auto"), each with why ("no such file", "permission
     * denied"); empty when they are followed, or there are none.
     */
    static Map<String, String> namedAuthLogsReplaced(AuthConfig a, List<String> files, boolean piped) {
        Map<String, String> out = new LinkedHashMap<>();
        if (files.isEmpty() || defaultAuthPaths(files) || !journalInstead(a, files, piped)) {
            return out;
        }
        for (String f : files) {
            String why = unreadableLog(f);
            out.put(f, why == null ? "not readable" : why);
        }
        return out;
    }

    /** Whether {@code files} are the auth logs nethergaze looks for by default (not ones a user named). */
    private static boolean defaultAuthPaths(List<String> files) {
        return String.join(",", files).equals(dev.nethergaze.config.ConfigKey.AUTH_PATHS.defaultText());
    }

    /** {@code auth.journal_directory}, where set: the journal read from there. */
    private static JournaldSource journalDirectory(Config c, JournaldSource s) {
        String dir = c.auth().journalDirectory();
        return dir.isEmpty() ? s : s.directory(Path.of(dir));
    }

    /**
     * What {@code -} reads: this process's standard input, or where the console moved it to read its
     * keys from the terminal ({@link #stdinAt}).
     */
    private static volatile Path stdin = PipeSource.STDIN;

    /**
     * Whether {@code -} would read the terminal: standard input is one and was not moved aside (the
     * console moves a pipe aside and takes the terminal for its keys). Where it cannot be told, no.
     */
    private static boolean stdinIsTheTerminal() {
        if (!stdin.equals(PipeSource.STDIN)) {
            return false;
        }
        try {
            return TerminalStdin.isTerminal(0);
        } catch (IllegalStateException | UnsatisfiedLinkError | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Standard input, as the log {@code -}, is read from {@code path} from now on. */
    static void stdinAt(Path path) {
        stdin = path;
    }

    /** The paths that are files (or globs): all but {@code -}, standard input. */
    private static List<String> files(List<String> paths) {
        return paths.stream().filter(p -> !p.equals(PipeSource.DASH)).toList();
    }

    /** {@code once}, computed on the first get only. */
    private static <T> java.util.function.Supplier<T> memo(java.util.function.Supplier<T> once) {
        java.util.concurrent.atomic.AtomicReference<T> value = new java.util.concurrent.atomic.AtomicReference<>();
        return () -> {
            T v = value.get();
            if (v == null) {
                v = once.get();
                value.set(v);
            }
            return v;
        };
    }

    /** The zone of log times written without one: this host's. */
    static final ZoneId ZONE = ZoneId.systemDefault();

    /** How replayed files are read: the configured access-log format and trusted proxies, the local zone. */
    static FileReplay.Options replayOptions(Config c) {
        return replayOptions(accessFormat(c), c);
    }

    private static FileReplay.Options replayOptions(AccessFormat format, Config c) {
        return new FileReplay.Options(format, clientResolver(c), ZONE);
    }

    /**
     * The configured access-log format; with {@code auto}, each log whose web server (nginx, Apache on
     * this host) declares a format of its own is read in that format first.
     */
    static AccessFormat accessFormat(Config c) {
        try {
            AccessFormat f = AccessFormat.parse(c.http().logFormat());
            f = f.equals(AccessFormat.AUTO) ? f.withServers(ServerLogFormats.read(Path.of("/"))) : f;
            return f.withTimeZone(logTimeZone(c));
        } catch (IllegalArgumentException e) {
            throw new UserException("http.log_format: " + e.getMessage());
        }
    }

    private static java.time.ZoneId logTimeZone(Config c) {
        try {
            return AccessFormat.timeZone(c.http().logTimeZone());
        } catch (IllegalArgumentException e) {
            throw new UserException("http.log_time_zone: " + e.getMessage());
        }
    }

    static ClientResolver clientResolver(Config c) {
        try {
            return new ClientResolver(TrustedProxies.parse(c.http().trustedProxies()));
        } catch (IllegalArgumentException e) {
            throw new UserException("http.trusted_proxies: " + e.getMessage());
        }
    }

    static String systemHostname() {
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String h = Files.readString(etc).strip();
                if (!h.isEmpty()) {
                    return h;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
