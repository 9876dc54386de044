package dev.nethergaze.source.replay;

import dev.nethergaze.model.LoopbackProxyHint;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.BadLines;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.HostNameLines;
import dev.nethergaze.source.authlog.AuthHandoff;
import dev.nethergaze.source.authlog.AuthLineParser;
import dev.nethergaze.source.authlog.JournalExportParser;
import dev.nethergaze.source.authlog.JournalLineParser;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.AccessLineParser;
import dev.nethergaze.source.httplog.AccessLogSource;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.httplog.ParseResult;
import dev.nethergaze.source.tail.FileKeys;
import dev.nethergaze.source.tail.Handover;
import dev.nethergaze.source.tail.IoErrors;
import dev.nethergaze.source.tail.LineReader;
import dev.nethergaze.source.tail.LineSink;
import dev.nethergaze.source.tail.TailConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Reads one whole log file (plain or gzip) of any kind and emits its events in file order. Bad
 * input is counted and reported once, with the file and the first bad line's number; a read error
 * (permission, directory, truncated gzip) ends the file and is reported, never thrown.
 */
public final class FileReplay {

    /**
     * How to read files: the access-log format, proxy trust and the zone for year-less stamps; and, for
     * a backfill, whom a current auth log's parser is left to where the tailer takes the file over
     * (null: its PAM failures still waiting count at the end of the reading, as at a file's end).
     */
    public record Options(AccessFormat format, ClientResolver resolver, ZoneId zone, AuthHandoff authHandoff) {

        public Options(AccessFormat format, ClientResolver resolver, ZoneId zone) {
            this(format, resolver, zone, null);
        }

        /** The same, a current auth log's parser left to {@code handoff} at its handover. */
        public Options handingAuthTo(AuthHandoff handoff) {
            return new Options(format, resolver, zone, handoff);
        }
    }

    private final Path file;
    /**
     * The file's identity (FileKeys) when it was listed (this was made): what is read, under whatever
     * name it has when reading begins (a rotation during a backfill renames the files listed).
     */
    private final Object listedKey;
    /** The name the listed file has when it is read: {@link #file}, or the one it was rotated to since. */
    private volatile Path at;

    private final Options options;
    /** What the file holds: sniffed from its first lines, {@link #expected} until then or when they do not tell. */
    private LogKind kind;
    /** What the file was named as (an auth log of a backfill), or an access log when nothing says. */
    private final LogKind expected;

    private static final int MAX_LINE = TailConfig.DEFAULT_MAX_LINE;

    private long lines;
    private long events;
    private final HostNameLines unresolved = new HostNameLines();
    private final BadLines bad = new BadLines();
    private String error;
    private volatile SourceHealth health;

    /** Where reading started ({@link TimeSeek}); 0 when read whole. */
    private volatile long start;
    /** Lines before {@link #start}, counted when a bad line needs its number; -1 until then. */
    private long linesBefore = -1;

    /** The events wanted; without its end for a file handed over to a tailer by offset. */
    private TimeWindow window;

    private final Handover handover;
    /** Where the tailer takes over this file ({@link Handover}), or -1: read to its end. */
    private long end = -1;
    /** Events outside {@link #window}, dropped. */
    private long outside;

    private long bytes;
    private volatile long progressBytes;
    /** How an access log's lines are read when its server declares their format; empty otherwise. */
    private String readAs = "";

    /** An event came well after the window's end: the rest is not read. */
    private boolean past;

    private boolean stoppedEarly;

    /** Where the reading ended, in bytes of the content from its start; -1: it ended by time. */
    private volatile long readTo;

    /** The rest of the file was found not wholly past the window: it is read to its end. */
    private boolean unordered;
    /** The auth log's parser, for what it holds at the end of the input; null for an access log. */
    private AuthLineParser authParser;
    /** Whose clients an access log's lines name: this file's own, for its note on a local proxy. */
    private final ClientResolver resolver;
    /** An access log's lines, parsed in batches; null for an auth log. */
    private ParsedBatches batches;

    public FileReplay(Path file, Options options) {
        this(file, options, TimeWindow.ALL, Handover.NONE);
    }

    public FileReplay(Path file, Options options, TimeWindow window) {
        this(file, options, window, Handover.NONE);
    }

    /**
     * @param window the events wanted: the others are dropped and counted, and a big plain log is
     *     entered near the window's start ({@link TimeSeek}), not read from its first line
     * @param handover where the live tailers take over the current logs: such a file is read up to
     *     there, whatever the times of its lines, and no further (a backfill)
     */
    public FileReplay(Path file, Options options, TimeWindow window, Handover handover) {
        this(file, options, window, handover, LogKind.ACCESS);
    }

    /**
     * @param expected what the file was given as (a backfill's auth log): what it is called when it
     *     cannot be read or its first lines do not tell; its lines still decide when they do
     */
    public FileReplay(Path file, Options options, TimeWindow window, Handover handover, LogKind expected) {
        this.expected = java.util.Objects.requireNonNull(expected, "expected");
        this.kind = expected;
        this.handover = handover;
        this.file = file;
        this.at = file;
        this.listedKey = FileKeys.of(file);
        this.options = options;
        this.resolver = options.resolver().anew();
        this.window = java.util.Objects.requireNonNull(window, "window (TimeWindow.ALL for all)");
        this.health = new SourceHealth(file.toString(), "log", SourceStatus.STARTING, "", 0, 0);
    }

    public Path file() {
        return file;
    }

    /** Where reading started: 0, or a line start the file was entered at by time. */
    long start() {
        return start;
    }

    public SourceHealth health() {
        return health;
    }

    /** Whether lines naming their client by host name were left out (not malformed, but not used). */
    boolean leftHostNameLines() {
        return unresolved.count() > 0;
    }

    /**
     * The lines read and not used, said as {@link #health()} says them: unparsed (where the first was
     * and why) and naming their client by host name; "" when every line was used. After {@link #run}.
     */
    String linesNotUsed() {
        String bads = bad.describe();
        String names = unresolved.describe();
        return bads.isEmpty() ? names : names.isEmpty() ? bads : bads + "; " + names;
    }

    /**
     * Whether no line was recognised: read as an access log because nothing else fitted, none of it
     * used, not even a line of an access or auth log whose client is no address. After {@link #run}.
     */
    boolean noLineRecognised() {
        return events == 0 && bad.unrecognised() && (authParser == null || authParser.untimed() == 0);
    }

    /**
     * What other log the file wholly is when {@link #noLineRecognised} ("an nginx error log"), or null:
     * a file no log format would make readable. After {@link #run}.
     */
    String otherLog() {
        return noLineRecognised() ? bad.wholly() : null;
    }

    /** Reads the file to its end (or first error), emitting into {@code sink}. */
    public void run(EventSink sink) throws InterruptedException {
        at = FileKeys.find(file, listedKey);
        if (at == null) {
            at = file;
            error = file + ": " + ROTATED_AWAY;
            finish();
            return;
        }
        if (!Files.isRegularFile(at)) { // a pipe (zcat … | replay -): read once, its first bytes peeked at
            runStream(sink);
            return;
        }
        try {
            String other = LogSniffer.otherCompression(at);
            if (other == null) {
                other = LogSniffer.otherJournalFormat(at);
            }
            if (other != null) {
                error = file + ": " + other;
                finish();
                return;
            }
            kind = LogSniffer.sniff(at, expected);
        } catch (IOException e) {
            error = file + ": " + IoErrors.describe(e);
            finish();
            return;
        }
        Long handedOver = handover.at(at, listedKey != null ? listedKey : FileKeys.of(at));
        if (handedOver != null) { // what the tailer reads from there on is its; what is before, ours
            end = handedOver;
            window = new TimeWindow(window.from(), null);
        }
        LineSink lineSink = kind == LogKind.ACCESS ? access(sink) : auth(sink);
        if (window.from() != null && !kind.journal()) {
            try {
                start = TimeSeek.start(at, window.from(), lineTime());
            } catch (IOException e) {
                start = 0; // then the reader meets the problem and reports it
            }
        }
        long from = end < 0 ? start : Math.min(start, end);
        readLines(from, () -> readListed(from, lineSink));
        endOfInput(sink);
        finish();
    }

    private static final String ROTATED_AWAY = "rotated away since it was listed, and no file next to it is that"
            + " file any more (compressed, or removed): not read";

    /**
     * Reads the listed file from {@code from}: opened once, and read only when it is that file, else
     * looked for again under the name it was rotated to meanwhile (its offsets are the same there).
     */
    private LineReader.Result readListed(long from, LineSink lineSink) throws InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            LineReader.Result r = LineReader.read(at, listedKey, from, end, MAX_LINE, lineSink);
            if (r != null) {
                return r;
            }
            Path now = FileKeys.find(file, listedKey);
            if (now == null) {
                break;
            }
            at = now;
        }
        return new LineReader.Result(file, 0, 0, file + ": " + ROTATED_AWAY);
    }

    /** One way to read the file's lines (from a start, or from a stream already open). */
    @FunctionalInterface
    private interface Reading {
        LineReader.Result read() throws InterruptedException;
    }

    /**
     * How much of the file's content (unpacked) this reading covered, after {@link #run}: the bytes
     * from its first to where the reading ended (at the file's end as it was then, or at an error); 0
     * when nothing could be read; -1 when the reading ended by time, what follows being past the
     * window however long the file is now. Lines written to the file after that were not read.
     */
    public long readTo() {
        return readTo;
    }

    /**
     * Runs {@code reading} (from byte {@code from}), noting how far it read, a read error, or that it
     * stopped past the window's end.
     */
    private void readLines(long from, Reading reading) throws InterruptedException {
        try {
            LineReader.Result r = reading.read();
            readTo = r.bytes() > 0 ? from + r.bytes() : 0;
            if (batches != null) {
                batches.finish(); // the lines before a read error count too
            }
            if (r.error() != null) {
                error = r.error() + " (after line " + r.lines() + ")";
            }
        } catch (PastTheWindow e) {
            stoppedEarly = true;
            readTo = -1;
        } finally {
            if (batches != null) {
                batches.close();
            }
        }
    }

    private void runStream(EventSink sink) throws InterruptedException {
        try (InputStream in = new BufferedInputStream(LineReader.open(file), 64 * 1024)) {
            kind = LogSniffer.peek(in);
            LineSink lineSink = kind == LogKind.ACCESS ? access(sink) : auth(sink);
            readLines(0, () -> LineReader.read(in, file, MAX_LINE, lineSink));
            endOfInput(sink);
        } catch (IOException e) {
            error = file + ": " + IoErrors.describe(e);
        }
        finish();
    }

    private LineSink access(EventSink sink) {
        readAs = options.format()
                .declaredFor(file.toString())
                .map(AccessFormat::readFirstAs)
                .orElse("");
        batches = new ParsedBatches(() -> options.format().parser(file.toString(), resolver), (f, n, len, cut, r) -> {
            stopIfPast();
            count(len);
            switch (r) {
                case ParseResult.Hit h -> {
                    if (cut) {
                        bad.readCut(MAX_LINE);
                    }
                    emit(h.hit(), sink);
                }
                case ParseResult.UnresolvedHost u -> unresolved.add(f, lineNumber(n), u.host());
                case ParseResult.Ignored i -> {}
                case ParseResult.Malformed m -> {
                    if (m.reason() != ParseResult.Reason.BLANK) {
                        bad.add(f, lineNumber(n), cut ? MAX_LINE : 0, AccessLogSource.why(m.reason()));
                    }
                }
            }
        });
        return batches;
    }

    /** The moment year-less syslog stamps are placed before: the file's last change. */
    private Instant reference() {
        try {
            return Files.getLastModifiedTime(at).toInstant();
        } catch (IOException e) {
            return Instant.now();
        }
    }

    /**
     * What an auth log's parser still holds at the end of the file (PAM failures waiting for their
     * "Failed" line): counted; or, at a handover to a tailer that takes it ({@link Options#authHandoff}),
     * left to it, as the rest of those connections is its to read.
     */
    private void endOfInput(EventSink sink) throws InterruptedException {
        if (authParser != null && end >= 0 && options.authHandoff() != null) {
            options.authHandoff().leave(authParser);
        } else if (authParser != null) {
            AuthLineParser.Outcome last =
                    exportParser == null ? AuthLineParser.Outcome.OTHER : exportParser.endOfInput(a -> emit(a, sink));
            if (last.unparsed()) {
                bad.add(null, 0, 0, last.why());
            }
            authParser.endOfInput(a -> emit(a, sink));
        }
    }

    /** The parser of a {@code journalctl -o export} file's entries; null for other files. */
    private JournalExportParser exportParser;

    private LineSink auth(EventSink sink) {
        AuthLineParser syslog =
                new AuthLineParser(file.toString(), reference(), options.zone()).countingFrom(window.from());
        authParser = syslog;
        JournalLineParser journal = new JournalLineParser(syslog);
        boolean json = kind == LogKind.JOURNAL;
        JournalExportParser export = kind == LogKind.JOURNAL_EXPORT ? new JournalExportParser(journal) : null;
        exportParser = export;
        AuthLineParser.AttemptSink attempts = a -> emit(a, sink);
        return (f, n, buf, off, len, cut) -> {
            stopIfPast();
            count(len);
            if (len == 0 && export == null) { // an export's empty line ends its entry
                return;
            }
            AuthLineParser.Outcome o;
            try {
                o = export != null
                        ? export.line(buf, off, len, cut, attempts)
                        : json ? journal.parse(buf, off, len, attempts) : syslog.parse(buf, off, len, attempts);
            } catch (RuntimeException e) {
                o = AuthLineParser.Outcome.MALFORMED;
            }
            if (cut && o == AuthLineParser.Outcome.ATTEMPTS) {
                bad.readCut(MAX_LINE);
            } else if (o.unparsed() || cut) { // cut before what it was about
                bad.add(f, lineNumber(n), cut ? MAX_LINE : 0, o.why());
            } else if (o == AuthLineParser.Outcome.UNRESOLVED) {
                unresolved.add(f, lineNumber(n), null);
            }
        };
    }

    private void emit(SourceEvent e, EventSink sink) throws InterruptedException {
        if (window.contains(e.time())) {
            events++;
            sink.emit(e);
        } else {
            outside++;
            // well past the window's end: the rest of a time-ordered log is later still (a journal,
            // not entered by time either, is read to its end)
            past = window.until() != null
                    && !kind.journal()
                    && !e.time().isBefore(window.until().plus(TimeSeek.SLACK))
                    && restIsLater();
        }
    }

    /**
     * Whether what is left of the file is later than the window (a time-ordered log: stop reading), as
     * its probes say; asked once per file: a file found out of order is read to its end, as are a
     * gzip file and a pipe, which cannot be probed.
     */
    private boolean restIsLater() {
        if (unordered) {
            return false;
        }
        unordered = true; // unless the probes say otherwise
        if (!Files.isRegularFile(at)) {
            return false;
        }
        try {
            unordered = !TimeSeek.restIsLater(at, start + bytes, window.until(), lineTime());
        } catch (IOException e) {
            return false; // the reader meets the problem, if it lasts, and reports it
        }
        return !unordered;
    }

    /** One more line of {@code len} bytes (and its newline); published for {@link #progress} now and then. */
    private void count(int len) {
        lines++;
        bytes += len + 1;
        if ((lines & 4095) == 0) {
            progressBytes = bytes;
        }
    }

    /**
     * Bytes read so far (of the file's text: for a gzip file, unpacked), as of the last few thousand
     * lines; for a progress display on another thread.
     */
    long progress() {
        return start + progressBytes;
    }

    /** Whether the file is gzip, told by its magic as it is read (not its name); for {@link #progress}'s total. */
    boolean packed() {
        Boolean p = packed;
        if (p == null) {
            p = LineReader.gzipped(file);
            packed = p;
        }
        return p;
    }

    private volatile Boolean packed;

    /** Ends the reading at the line after an event {@link TimeSeek#SLACK} past the window's end. */
    private void stopIfPast() {
        if (past) {
            throw new PastTheWindow();
        }
    }

    /** Thrown through the line reader to end it (outside any parser's own catch). */
    private static final class PastTheWindow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PastTheWindow() {
            super(null, null, false, false);
        }
    }

    /** The times {@link TimeSeek} probes by: the event time for an access log, the header's for syslog. */
    private TimeSeek.LineTime lineTime() {
        return lineTime(file, kind, options, reference());
    }

    /**
     * The times of {@code file}'s lines as a log of {@code kind}: an access log's event time, else a
     * syslog header's (its year from {@code reference}, the file's last write). A line read only for its time
     * notes nothing of its client (a resolver of its own).
     */
    static TimeSeek.LineTime lineTime(Path file, LogKind kind, Options options, Instant reference) {
        if (kind == LogKind.ACCESS) {
            AccessLineParser parser =
                    options.format().parser(file.toString(), options.resolver().anew());
            return (b, off, len) -> {
                try {
                    return parser.parse(b, off, len) instanceof ParseResult.Hit h
                            ? h.hit().time()
                            : null;
                } catch (RuntimeException e) {
                    return null; // as the replay does: a line a parser trips on is not one to time
                }
            };
        }
        return new AuthLineParser(file.toString(), reference, options.zone())::time;
    }

    /** The line number in the file of the {@code n}th line read (reading may have started further in). */
    private long lineNumber(long n) {
        if (start == 0) {
            return n;
        }
        if (linesBefore < 0) { // once, and only when a bad line is to be named
            linesBefore = LineReader.countLines(at, start);
        }
        return linesBefore + n;
    }

    private void finish() {
        progressBytes = bytes;
        String whole = otherLog();
        StringBuilder d = whole != null
                // a web server's error log (a glob took error.log in): said as what it is
                ? new StringBuilder(whole + ": not read as an access log (" + Plural.of(lines, "line") + ")")
                : read();
        if (error != null) {
            d.append("; ").append(error);
        }
        health = new SourceHealth(
                file.toString(),
                kind.sourceKind(),
                error == null ? SourceStatus.DONE : SourceStatus.ERROR,
                d.toString(),
                lines,
                bad.count());
    }

    /** What was read, as the entry says it: lines, events, the lines not used and why. */
    private StringBuilder read() {
        StringBuilder d = new StringBuilder()
                .append(kind.name().toLowerCase(java.util.Locale.ROOT))
                .append(": ")
                .append(Plural.of(lines, "line"))
                .append(", ")
                .append(Plural.of(events, "event"));
        if (outside > 0) {
            d.append(" (").append(outside).append(" more outside the time window)");
        }
        if (unresolved.count() > 0) {
            d.append(", ").append(unresolved.describe());
        }
        if (start > 0 || stoppedEarly) { // entered by time, left by time: what was read
            d.append(", read from ")
                    .append(
                            start > 0
                                    ? "byte " + start + " (the lines before it are older than the window)"
                                    : "its start")
                    .append(stoppedEarly ? " to " + TimeSeek.SLACK.toMinutes() + " min past the window's end" : " on");
        }
        String badText = bad.describe();
        if (!badText.isEmpty()) {
            d.append(", ").append(badText);
        }
        if (!readAs.isEmpty()) {
            d.append("; ").append(readAs);
        }
        long untimed = authParser == null ? 0 : authParser.untimed();
        if (untimed > 0) {
            d.append("; ")
                    .append(untimed)
                    .append(" sshd lines without a time (as sshd -E writes them): a replay cannot place them, a"
                            + " followed file (--auth-log FILE) times them as they are written");
        }
        String proxied = LoopbackProxyHint.note(resolver.loopbackProxies());
        if (!proxied.isEmpty()) {
            d.append("; ").append(proxied);
        }
        if (noLineRecognised()) {
            // read as an access log because nothing else fitted: say so rather than report a quiet log
            d.append("; no line was recognised: not an access, auth or journald log, or an access log in"
                    + " another format (--log-format)");
        }
        return d;
    }
}
