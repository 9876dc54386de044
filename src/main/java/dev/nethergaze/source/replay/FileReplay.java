package dev.nethergaze.source.replay;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.BadLines;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.authlog.AuthLineParser;
import dev.nethergaze.source.authlog.JournalLineParser;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.AccessLineParser;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.httplog.ParseResult;
import dev.nethergaze.source.tail.LineReader;
import dev.nethergaze.source.tail.LineSink;
import dev.nethergaze.source.tail.TailConfig;
import java.io.IOException;
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

    /** How to read files: the access-log format, proxy trust and the zone for year-less stamps. */
    public record Options(AccessFormat format, ClientResolver resolver, ZoneId zone) {}

    private final Path file;
    private final Options options;
    private LogKind kind = LogKind.ACCESS;
    private static final int MAX_LINE = TailConfig.DEFAULT_MAX_LINE;

    private long lines;
    private long events;
    private long unresolved;
    private final BadLines bad = new BadLines();
    private String error;
    private volatile SourceHealth health;

    public FileReplay(Path file, Options options) {
        this.file = file;
        this.options = options;
        this.health = new SourceHealth(file.toString(), "log", SourceStatus.STARTING, "", 0, 0);
    }

    public Path file() {
        return file;
    }

    public SourceHealth health() {
        return health;
    }

    /** Reads the file to its end (or first error), emitting into {@code sink}. */
    public void run(EventSink sink) throws InterruptedException {
        try {
            kind = LogSniffer.sniff(file);
        } catch (IOException e) {
            error = file + ": " + describe(e);
            finish();
            return;
        }
        LineSink lineSink = kind == LogKind.ACCESS ? access(sink) : auth(sink);
        LineReader.Result r = LineReader.read(file, MAX_LINE, lineSink);
        if (r.error() != null) {
            error = r.error() + " (after line " + r.lines() + ")";
        }
        finish();
    }

    private LineSink access(EventSink sink) {
        AccessLineParser parser = options.format().parser(file.toString(), options.resolver());
        return (f, n, buf, off, len, cut) -> {
            lines++;
            ParseResult r;
            try {
                r = parser.parse(buf, off, len);
            } catch (RuntimeException e) { // a parser bug must not end the replay: count the line
                r = ParseResult.Malformed.of(ParseResult.Reason.EMPTY);
            }
            switch (r) {
                case ParseResult.Hit h -> {
                    events++;
                    sink.emit(h.hit());
                }
                case ParseResult.UnresolvedHost u -> unresolved++;
                case ParseResult.Ignored i -> {}
                case ParseResult.Malformed m -> {
                    if (m.reason() != ParseResult.Reason.EMPTY || len > 0) {
                        bad.add(f, n, cut ? MAX_LINE : 0);
                    }
                }
            }
        };
    }

    private LineSink auth(EventSink sink) {
        Instant reference;
        try {
            reference = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            reference = Instant.now();
        }
        AuthLineParser syslog = new AuthLineParser(file.toString(), reference, options.zone());
        JournalLineParser journal = new JournalLineParser(syslog);
        boolean json = kind == LogKind.JOURNAL;
        AuthLineParser.AttemptSink attempts = a -> {
            events++;
            sink.emit(a);
        };
        return (f, n, buf, off, len, cut) -> {
            lines++;
            if (len == 0) {
                return;
            }
            AuthLineParser.Outcome o;
            try {
                o = json ? journal.parse(buf, off, len, attempts) : syslog.parse(buf, off, len, attempts);
            } catch (RuntimeException e) {
                o = AuthLineParser.Outcome.MALFORMED;
            }
            if (o == AuthLineParser.Outcome.MALFORMED) {
                bad.add(f, n, cut ? MAX_LINE : 0);
            } else if (o == AuthLineParser.Outcome.UNRESOLVED) {
                unresolved++;
            }
        };
    }

    private void finish() {
        StringBuilder d = new StringBuilder()
                .append(kind.name().toLowerCase(java.util.Locale.ROOT))
                .append(": ")
                .append(lines)
                .append(" lines, ")
                .append(events)
                .append(" events");
        if (unresolved > 0) {
            d.append(", ").append(unresolved).append(" from host names");
        }
        if (bad.count() > 0) {
            d.append(", ").append(bad.describe());
        }
        if (events == 0 && bad.unrecognised()) {
            // read as an access log because nothing else fitted: say so rather than report a quiet log
            d.append("; no line was recognised: not an access, auth or journald log, or an access log in"
                    + " another format (--log-format)");
        }
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

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName().replace("Exception", "") + (m == null ? "" : ": " + m);
    }
}
