package dev.nethergaze.source.replay;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.authlog.AuthLineParser;
import dev.nethergaze.source.authlog.JournalLineParser;
import dev.nethergaze.source.httplog.AccessLineParser;
import dev.nethergaze.source.httplog.ParseResult;
import dev.nethergaze.source.tail.LineReader;
import dev.nethergaze.source.tail.LineSink;
import dev.nethergaze.source.tail.TailConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;

/**
 * A log followed live from a pipe, as {@code --access-log -} or {@code --auth-log -} name standard
 * input: a web server in a container logs to its standard output ({@code docker logs -f web |
 * nethergaze watch --access-log -}). Each line is parsed as it comes, as the kind the option named:
 * an access log in the configured format, or SSH attempts as syslog lines or {@code journalctl -o json}
 * lines (told apart line by line). Lines are timed by their own stamps, as a tailed file's.
 *
 * <p>When the pipe closes the source is {@code done} and the run goes on with what it saw (a file
 * would be waited for; a pipe does not come back). A stop interrupts the read (the channel is
 * interruptible), so a quiet pipe never holds up the end of the run.
 */
public final class PipeSource implements Source {

    /** The path that names standard input: {@code --access-log -}, {@code replay -}. */
    public static final String DASH = "-";

    /** This process's standard input, as a path. */
    public static final Path STDIN = Path.of("/dev/stdin");

    /** Where each event says it came from (a request's source, a bad line's place: {@code stdin:2}). */
    private static final String LABEL = "stdin";

    private final Path pipe;
    private final LogKind kind;
    private final FileReplay.Options options;
    private final InstantSource clock;
    private final SourceStats stats;
    private final String name;

    /**
     * @param pipe what to read: {@code /dev/stdin} (a FIFO in tests)
     * @param kind {@link LogKind#ACCESS} or {@link LogKind#AUTH} (which also reads journal JSON lines)
     */
    public PipeSource(
            Path pipe, LogKind kind, FileReplay.Options options, InstantSource clock, StatusReporter reporter) {
        if (kind == LogKind.JOURNAL) {
            throw new IllegalArgumentException("a pipe of SSH attempts is LogKind.AUTH (journal lines included)");
        }
        this.pipe = pipe;
        this.kind = kind;
        this.options = options;
        this.clock = clock;
        this.name = kind.sourceKind() + ":" + DASH;
        this.stats = new SourceStats(name, kind.sourceKind(), reporter);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceHealth health() {
        return stats.health();
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        stats.status(SourceStatus.OK, "reading standard input");
        LineSink lines = kind == LogKind.ACCESS ? access(sink) : auth(sink);
        LineReader.Result r;
        try (InputStream in = Channels.newInputStream(FileChannel.open(pipe, StandardOpenOption.READ))) {
            r = LineReader.read(in, Path.of(LABEL), TailConfig.DEFAULT_MAX_LINE, lines);
        } catch (IOException e) {
            stats.status(SourceStatus.ERROR, "standard input: " + e.getMessage());
            return;
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException(); // a stop closed the channel under the read: not the pipe's end
        }
        if (r.error() != null) {
            stats.status(SourceStatus.ERROR, r.error() + " (after line " + r.lines() + ")");
        } else {
            stats.status(SourceStatus.DONE, "standard input closed after " + r.lines() + " lines");
        }
    }

    private LineSink access(EventSink sink) {
        AccessLineParser parser = options.format().parser(LABEL, options.resolver());
        return (file, number, buf, off, len, cut) -> {
            stats.line();
            if (len == 0) {
                return; // a blank line is nothing, as in a file
            }
            ParseResult r;
            try {
                r = parser.parse(buf, off, len);
            } catch (RuntimeException e) { // a parser bug must not end the source: the line counts as bad
                r = ParseResult.Malformed.of(ParseResult.Reason.EMPTY);
            }
            switch (r) {
                case ParseResult.Hit h -> sink.emit(h.hit());
                case ParseResult.Malformed m -> stats.malformed(file, number, cut ? TailConfig.DEFAULT_MAX_LINE : 0);
                case ParseResult.UnresolvedHost u -> {}
                case ParseResult.Ignored i -> {}
            }
        };
    }

    private LineSink auth(EventSink sink) {
        AuthLineParser syslog = new AuthLineParser(name, clock.instant(), options.zone());
        JournalLineParser journal = new JournalLineParser(syslog);
        AuthLineParser.AttemptSink attempts = sink::emit;
        return (file, number, buf, off, len, cut) -> {
            stats.line();
            if (len == 0) {
                return;
            }
            AuthLineParser.Outcome o;
            try { // journalctl -o json | …: one JSON object a line; anything else is a syslog line
                o = buf[off] == '{' ? journal.parse(buf, off, len, attempts) : syslog.parse(buf, off, len, attempts);
            } catch (RuntimeException e) {
                o = AuthLineParser.Outcome.MALFORMED;
            }
            if (o == AuthLineParser.Outcome.MALFORMED) {
                stats.malformed(file, number, cut ? TailConfig.DEFAULT_MAX_LINE : 0);
            }
        };
    }
}
