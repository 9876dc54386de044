package dev.nethergaze.source.httplog;

import dev.nethergaze.model.LoopbackProxyHint;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.source.BadLines;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.FollowedFiles;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.FileTailer;
import dev.nethergaze.source.tail.TailConfig;
import dev.nethergaze.source.tail.TailListener;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live access-log source: follows paths/globs with a {@link FileTailer}, parses each line with a
 * parser of the configured {@link AccessFormat} and emits an {@link dev.nethergaze.model.HttpHit} per line, timed by the
 * log and naming the file it came from (the followed path, also for a rotated file read under it). Health: MISSING while nothing matches (it keeps watching), PERMISSION_DENIED when matches
 * exist but none can be read, otherwise OK naming the files followed (and the ones with problems).
 */
public final class AccessLogSource implements Source {

    public static final String KIND = "http";

    /** Parsers kept for files followed; more files than this start over (their parsers hold no state that matters). */
    private static final int MAX_PARSERS = 1024;

    private final List<String> patterns;
    private final TailConfig config;
    private final String name;
    private final FollowedFiles files;
    private final AtomicLong unresolvedHosts = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AccessFormat format;
    private final ClientResolver resolver;

    public AccessLogSource(List<String> patterns, TailConfig config, StatusReporter reporter) {
        this(patterns, config, AccessFormat.AUTO, ClientResolver.DIRECT, reporter);
    }

    /** With the configured line format and proxy trust. */
    public AccessLogSource(
            List<String> patterns,
            TailConfig config,
            AccessFormat format,
            ClientResolver resolver,
            StatusReporter reporter) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("an access-log source needs at least one path");
        }
        this.patterns = List.copyOf(patterns);
        this.config = config;
        this.format = format;
        this.resolver = resolver;
        this.name = KIND + ":" + String.join(",", patterns);
        this.files = new FollowedFiles(
                name,
                KIND,
                "an access log (another format? set --log-format, e.g. nginx:'<its log_format>' or"
                        + " apache:'<its LogFormat>')",
                patterns,
                config.maxLineBytes(),
                reporter);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceHealth health() {
        return LoopbackProxyHint.noted(files.health(), LoopbackProxyHint.note(resolver.loopbackProxies()));
    }

    /** Each file's health; with a local reverse proxy's forwarded clients not believed ({@link LoopbackProxyHint}). */
    @Override
    public List<SourceHealth> fileHealth() {
        List<SourceHealth> entries = files.entries();
        String note = LoopbackProxyHint.note(resolver.loopbackProxies());
        return note.isEmpty()
                ? entries
                : entries.stream()
                        .map(h -> h.lines() > 0 ? LoopbackProxyHint.noted(h, note) : h)
                        .toList();
    }

    /** Well-formed lines whose host was a name, not an address (counted in lines, not malformed). */
    public long unresolvedHosts() {
        return unresolvedHosts.get();
    }

    public long hits() {
        return hits.get();
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        // one parser per followed file, so that each hit names the file it was logged in
        Map<Path, AccessLineParser> parsers = new HashMap<>();
        try (FileTailer tailer = new FileTailer(
                patterns,
                config,
                (file, number, buf, off, len, truncated) -> {
                    if (len > 0) { // a blank line is nothing, as in a replay
                        AccessLineParser parser = parsers.get(file);
                        if (parser == null) {
                            if (parsers.size() >= MAX_PARSERS) {
                                parsers.clear(); // files matched by a glob come and go
                            }
                            parser = format.parser(file.toString(), resolver);
                            parsers.put(file, parser);
                            format.declaredFor(file.toString())
                                    .ifPresent(d -> files.readAs(file, AccessFormat.readFirstAs(d)));
                        }
                        accept(parser.parse(buf, off, len), sink, file, number, truncated);
                    } else {
                        files.line(file);
                    }
                },
                TailListener.readingTo(files::reading))) {
            while (true) {
                tailer.pollOnce();
                files.update(tailer.following(), tailer.problems());
                Thread.sleep(config.pollInterval());
            }
        }
    }

    private void accept(ParseResult result, EventSink sink, Path file, long number, boolean truncated)
            throws InterruptedException {
        files.line(file);
        switch (result) {
            case ParseResult.Hit h -> {
                hits.incrementAndGet();
                if (truncated) {
                    files.readCut(file);
                }
                sink.emit(h.hit());
            }
            case ParseResult.UnresolvedHost u -> {
                unresolvedHosts.incrementAndGet();
                files.hostName(file, number, u.host());
            }
            case ParseResult.Ignored i -> {}
            case ParseResult.Malformed m -> {
                if (m.reason() != ParseResult.Reason.BLANK) {
                    files.malformed(file, number, truncated, why(m.reason()));
                }
            }
        }
    }

    /**
     * Why an access line is unparsed, as every source that reads access lines (followed, replayed, from
     * a pipe) says it: a client field that is no address, a line of a web server's error log, or its text.
     */
    public static BadLines.Why why(ParseResult.Reason reason) {
        return switch (reason) {
            case BAD_CLIENT -> BadLines.Why.CLIENT_NOT_AN_ADDRESS;
            case NO_CLIENT -> BadLines.Why.CLIENT_WITHOUT_ADDRESS;
            case NGINX_ERROR_LOG -> BadLines.Why.NGINX_ERROR_LOG;
            case APACHE_ERROR_LOG -> BadLines.Why.APACHE_ERROR_LOG;
            default -> BadLines.Why.TEXT;
        };
    }
}
