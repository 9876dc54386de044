package dev.nethergaze.source.replay;

import dev.nethergaze.model.LoopbackProxyHint;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.BadLines;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.authlog.AuthLineParser;
import dev.nethergaze.source.authlog.JournalExportParser;
import dev.nethergaze.source.authlog.JournalLineParser;
import dev.nethergaze.source.httplog.AccessLineParser;
import dev.nethergaze.source.httplog.AccessLogSource;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.httplog.ParseResult;
import dev.nethergaze.source.tail.IoErrors;
import dev.nethergaze.source.tail.LineSink;
import dev.nethergaze.source.tail.LineSplitter;
import dev.nethergaze.source.tail.TailConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A log followed live from a pipe, as {@code --access-log -} or {@code --auth-log -} name standard
 * input: a web server in a container logs to its standard output ({@code docker logs -f web |
 * nethergaze watch --access-log -}). Each line is parsed as it comes, as the kind the option named:
 * an access log in the configured format, or SSH attempts as syslog lines or {@code journalctl -o json}
 * lines (told apart line by line), or {@code journalctl -o export} entries when the pipe starts with one. Lines are timed by their own stamps, as a tailed file's.
 *
 * <p>What the pipe holds from before start-up ({@code docker logs -f} first prints the container's
 * whole log) is a backfill ({@link #withHistory}): a {@link #finite} half takes the lines stamped
 * before start-up, judged first on their own time as a {@code --since} backfill is, until the first
 * current line or the first quiet moment ({@value #QUIET_MS} ms without a byte); the live half goes on
 * from there. Every line is read once, by one half or the other.
 *
 * <p>The pipe is read on a thread of its own into a bounded queue, so each half waits on the queue
 * (a stop ends the wait at once) and never in a read it could not leave. When the pipe closes the
 * live half is {@code done} and the run goes on with what it saw (a file would be waited for; a pipe
 * does not come back).
 */
public final class PipeSource implements Source {

    /** The path that names standard input: {@code --access-log -}, {@code replay -}. */
    public static final String DASH = "-";

    /** This process's standard input, as a path. */
    public static final Path STDIN = Path.of("/dev/stdin");

    /** Where each event says it came from (a request's source, a bad line's place: {@code stdin:2}). */
    private static final String LABEL = "stdin";

    /** How long the pipe is quiet before what it held at start-up counts as read. */
    static final long QUIET_MS = 300;

    /**
     * The live half is {@link SourceStatus#BEHIND} while this much has been read from the pipe and not
     * yet parsed (half the queue): its lines come faster than they are judged, and the writer will soon
     * wait on a full pipe. Checked about once a second.
     */
    static final long BEHIND_BYTES = 2L << 20;

    private static final long LAG_CHECK_NANOS = 1_000_000_000L;

    private final Pipe pipe;
    private final boolean history;
    private final String name;
    private final SourceStats stats;

    /** One live source for the whole pipe, every line live (no history half). */
    public PipeSource(
            Path path, LogKind kind, FileReplay.Options options, InstantSource clock, StatusReporter reporter) {
        this(new Pipe(path, kind, options, clock, null), false, reporter);
    }

    private PipeSource(Pipe pipe, boolean history, StatusReporter reporter) {
        this.pipe = pipe;
        this.history = history;
        this.name = (history ? "backfill" : pipe.kind.sourceKind()) + ":" + DASH;
        this.stats = new SourceStats(name, pipe.kind.sourceKind(), reporter);
        if (history) {
            pipe.historyStats = stats;
        } else {
            pipe.liveStats = stats;
        }
    }

    /**
     * The pipe's two halves: its history (the lines stamped before now, a finite backfill), then the
     * live source.
     *
     * @param kind {@link LogKind#ACCESS} or {@link LogKind#AUTH} (which also reads journal JSON lines)
     */
    public static List<Source> withHistory(
            Path path, LogKind kind, FileReplay.Options options, InstantSource clock, StatusReporter reporter) {
        Pipe p = new Pipe(path, kind, options, clock, clock.instant());
        return List.of(new PipeSource(p, true, reporter), new PipeSource(p, false, reporter));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceHealth health() {
        // a local reverse proxy's forwarded clients, not believed: said on the live half, as a followed log's
        return history || pipe.kind != LogKind.ACCESS
                ? stats.health()
                : LoopbackProxyHint.noted(stats.health(), LoopbackProxyHint.note(pipe.resolver.loopbackProxies()));
    }

    @Override
    public boolean finite() {
        return history;
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        if (history) {
            readHistory(sink);
        } else {
            readLive(sink);
        }
    }

    @SuppressWarnings("ReferenceEquality") // the end marker is one array, compared by identity
    private void readHistory(EventSink sink) throws InterruptedException {
        stats.status(SourceStatus.OK, "reading what standard input holds from before start-up");
        pipe.target = sink;
        pipe.startReading();
        try {
            while (!pipe.live) {
                byte[] chunk = pipe.next(QUIET_MS);
                if (chunk == null) {
                    break; // quiet: what the pipe held is read
                }
                if (chunk == Pipe.END) {
                    pipe.end();
                    break;
                }
                pipe.splitter.feed(chunk, 0, chunk.length);
            }
            long untimed = pipe.syslog == null ? 0 : pipe.syslog.untimed();
            stats.status(
                    SourceStatus.DONE,
                    Plural.of(pipe.historyEvents, "event") + " from before start-up"
                            + (untimed > 0
                                    ? "; " + Plural.of(untimed, "sshd line") + " without a time (as sshd -e writes"
                                            + " them) not placed: those written from now on are timed as read"
                                    : "")
                            + (pipe.ended ? "; standard input closed" : ""));
        } finally { // the live half goes on from here, whatever happened
            pipe.historyDone.complete(null);
        }
    }

    @SuppressWarnings("ReferenceEquality") // the end marker is one array, compared by identity
    private void readLive(EventSink sink) throws InterruptedException {
        if (pipe.start != null) {
            stats.status(SourceStatus.STARTING, "waiting for what standard input held to be read");
            try {
                pipe.historyDone.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the pipe's history failed", e);
            }
        }
        pipe.target = sink;
        pipe.goLive();
        pipe.handedOver = true;
        pipe.startReading();
        for (SourceEvent e : pipe.pending) { // the history's last chunk, from its first current line on
            sink.emit(e);
        }
        pipe.pending.clear();
        stats.status(SourceStatus.OK, READING);
        long nextLag = System.nanoTime() + LAG_CHECK_NANOS;
        while (!pipe.ended) {
            pipe.expire(); // first, so the wait's clock is set before any live line (as a followed file's)
            byte[] chunk = pipe.next(LAG_CHECK_NANOS / 1_000_000);
            if (chunk == Pipe.END) {
                pipe.end();
            } else if (chunk != null) {
                pipe.splitter.feed(chunk, 0, chunk.length);
            }
            if (!pipe.ended && System.nanoTime() - nextLag >= 0) {
                nextLag = System.nanoTime() + LAG_CHECK_NANOS;
                lag(pipe.queued.get(), pipe.newest);
            }
        }
        if (pipe.error != null) {
            stats.status(SourceStatus.ERROR, pipe.error + " (after line " + pipe.splitter.lines() + ")");
        } else {
            stats.status(SourceStatus.DONE, "standard input closed after " + Plural.of(pipe.splitter.lines(), "line"));
        }
    }

    private static final String READING = "reading standard input";

    /**
     * The live half's lag: {@code behind} while {@value #BEHIND_BYTES} bytes or more wait to be parsed,
     * saying how much and how old the newest line read is; {@code ok} again once fewer wait.
     *
     * @param waiting bytes read from the pipe and not yet parsed
     * @param newest the newest event time read, or null before any
     */
    void lag(long waiting, Instant newest) {
        SourceStatus now = stats.status();
        if (waiting >= BEHIND_BYTES) {
            long age = newest == null
                    ? 0
                    : Duration.between(newest, pipe.clock.instant()).toSeconds();
            stats.status(
                    SourceStatus.BEHIND,
                    String.format(Locale.ROOT, "%.1f MiB waiting", waiting / 1048576.0)
                            + (age > 0 ? ", the newest line read is stamped " + age + " s ago" : "")
                            + ": its lines come faster than they are judged; what is shown is in the past");
        } else if (now == SourceStatus.BEHIND) {
            stats.status(SourceStatus.OK, READING);
        }
    }

    /**
     * The pipe and its parser, shared by the two halves: the history half feeds it first, then hands
     * it over ({@link #historyDone}: everything it set is seen by the live half after that).
     */
    private static final class Pipe {
        static final byte[] END = new byte[0];
        private static final int CHUNKS = 64;
        private static final int CHUNK = 64 * 1024;

        final Path path;
        final LogKind kind;
        final FileReplay.Options options;
        /** Whose clients its access lines name: the pipe's own, for its note on a local proxy. */
        final ClientResolver resolver;

        final InstantSource clock;
        /** Start-up: lines stamped before it are the history's; null: no history half. */
        final Instant start;

        final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS);
        /** Bytes read from the pipe and not yet taken from {@link #chunks}. */
        final AtomicLong queued = new AtomicLong();
        /** The newest event time met (the parsing half's thread). */
        Instant newest;

        private final AtomicBoolean reading = new AtomicBoolean();
        /** Why reading stopped early (read by the live half after {@link #END}). */
        volatile String error;

        final LineSplitter splitter;
        final CompletableFuture<Void> historyDone = new CompletableFuture<>();
        SourceStats historyStats;
        SourceStats liveStats;
        /** Where events go now: the history half's sink, then the live one's. */
        EventSink target;
        /** A current line came (or the history is over): the rest is live. */
        volatile boolean live;
        /** The live half has taken over. */
        boolean handedOver;

        boolean ended;
        long historyEvents;
        /** Events after the first current line, met by the history half: the live half emits them. */
        final List<SourceEvent> pending = new ArrayList<>();

        /** The SSH lines' parser (null for an access log): its PAM failures wait for a "Failed" line. */
        private AuthLineParser syslog;

        /** The entries' parser when the pipe holds {@code journalctl -o export} output; else null. */
        private JournalExportParser export;

        Pipe(Path path, LogKind kind, FileReplay.Options options, InstantSource clock, Instant start) {
            if (kind == LogKind.JOURNAL) {
                throw new IllegalArgumentException("a pipe of SSH attempts is LogKind.AUTH (journal lines included)");
            }
            this.path = path;
            this.kind = kind;
            this.options = options;
            this.resolver = options.resolver().anew();
            this.clock = clock;
            this.start = start;
            this.splitter = new LineSplitter(
                    Path.of(LABEL), TailConfig.DEFAULT_MAX_LINE, kind == LogKind.ACCESS ? access() : auth());
        }

        /** Starts the reader thread, once: a daemon, left in its read if the run ends before the pipe. */
        void startReading() {
            if (reading.compareAndSet(false, true)) {
                Thread.ofPlatform().daemon().name("pipe " + LABEL).start(this::read);
            }
        }

        private void read() {
            try (InputStream in = Files.newInputStream(path)) {
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (n > 0) {
                        queued.addAndGet(n);
                        chunks.put(Arrays.copyOf(buf, n));
                    }
                }
            } catch (IOException e) {
                error = LABEL + ": " + IoErrors.describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                chunks.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * The pipe closed: its last line is read, and the PAM failures still waiting for their "Failed"
         * line count, as at the end of a replayed file (no line can come after them).
         */
        void end() throws InterruptedException {
            splitter.finish();
            ended = true;
            AuthLineParser.Outcome last = export == null ? AuthLineParser.Outcome.OTHER : export.endOfInput(this::emit);
            if (last.unparsed()) { // an entry the pipe's end cut short
                (live ? liveStats : historyStats).malformed(null, 0, 0, last.why());
            }
            if (syslog != null) {
                syslog.endOfInput(this::emit);
            }
        }

        /**
         * The rest is live: a bare sshd line with no time of its own ({@code docker logs -f} of {@code sshd
         * -D -e}) is written about when it is read, as a followed {@code sshd -E} file's; before, in what
         * the pipe held from before start-up, it has no time, as in a replay.
         */
        void goLive() {
            live = true;
            if (syslog != null) {
                syslog.timingBareLinesBy(clock);
            }
        }

        /** The PAM failures read {@code AttemptTracker.PAM_WAIT} or more ago by the clock count (a quiet pipe). */
        void expire() throws InterruptedException {
            if (syslog != null) {
                syslog.expire(clock.instant(), this::emit);
            }
        }

        /** The next chunk read, {@link #END}, or null when none came within {@code millis}. */
        byte[] next(long millis) throws InterruptedException {
            byte[] chunk = chunks.poll(millis, TimeUnit.MILLISECONDS);
            if (chunk != null) {
                queued.addAndGet(-chunk.length);
            }
            return chunk;
        }

        private void emit(SourceEvent e) throws InterruptedException {
            if (newest == null || e.time().isAfter(newest)) {
                newest = e.time();
            }
            if (!live && start != null) {
                if (e.time().isBefore(start)) {
                    historyEvents++;
                    target.emit(e);
                    return;
                }
                goLive(); // the first current line: the history ends before it
            }
            if (handedOver) {
                target.emit(e);
            } else {
                pending.add(e);
            }
        }

        /** A line read; {@code why} null when it was used (or blank), else why it is unparsed. */
        private void line(Path file, long number, boolean cut, BadLines.Why why) {
            // the history's until a current line, then the live half's (set live before it reads anything)
            SourceStats s = live ? liveStats : historyStats;
            s.line();
            if (why != null) {
                s.malformed(file, number, cut ? TailConfig.DEFAULT_MAX_LINE : 0, why);
            }
        }

        private LineSink access() {
            AccessLineParser parser = options.format().parser(LABEL, resolver);
            return (file, number, buf, off, len, cut) -> {
                if (len == 0) {
                    line(file, number, cut, null); // a blank line is nothing, as in a file
                    return;
                }
                ParseResult r;
                try {
                    r = parser.parse(buf, off, len);
                } catch (RuntimeException e) { // a parser bug must not end the source: the line counts as bad
                    r = ParseResult.Malformed.of(ParseResult.Reason.EMPTY);
                }
                if (r instanceof ParseResult.Hit h) {
                    emit(h.hit());
                } else if (r instanceof ParseResult.UnresolvedHost u) {
                    (live ? liveStats : historyStats).hostName(file, number, u.host());
                }
                line(
                        file,
                        number,
                        cut,
                        r instanceof ParseResult.Malformed m && m.reason() != ParseResult.Reason.BLANK
                                ? AccessLogSource.why(m.reason())
                                : null);
            };
        }

        /**
         * SSH lines: syslog lines and {@code journalctl -o json} lines, told apart line by line; or, when
         * the pipe's first line says so as a replay's sniffer reads it ({@link LogSniffer#journalExport}),
         * {@code journalctl -o export} entries, read as a replay reads them.
         */
        private LineSink auth() {
            AuthLineParser lines = new AuthLineParser(kind.sourceKind() + ":" + DASH, clock, options.zone());
            syslog = lines;
            JournalLineParser journal = new JournalLineParser(lines);
            AuthLineParser.AttemptSink attempts = this::emit;
            return (file, number, buf, off, len, cut) -> {
                if (number == 1 && LogSniffer.journalExport(buf, off, len)) {
                    export = new JournalExportParser(journal);
                }
                if (len == 0 && export == null) { // an export's empty line ends its entry
                    line(file, number, cut, null);
                    return;
                }
                AuthLineParser.Outcome o;
                try { // journalctl -o json | …: one JSON object a line; anything else is a syslog line
                    o = export != null
                            ? export.line(buf, off, len, cut, attempts)
                            : journal.parseLine(buf, off, len, attempts);
                } catch (RuntimeException e) {
                    o = AuthLineParser.Outcome.MALFORMED;
                }
                line(file, number, cut, o.unparsed() ? o.why() : null);
                if (o == AuthLineParser.Outcome.UNRESOLVED) { // sshd's UseDNS: said, as a file's are
                    (live ? liveStats : historyStats).hostName(file, number, null);
                }
            };
        }
    }
}
