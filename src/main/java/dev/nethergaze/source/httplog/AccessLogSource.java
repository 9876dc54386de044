package dev.nethergaze.source.httplog;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.FileTailer;
import dev.nethergaze.source.tail.TailConfig;
import dev.nethergaze.source.tail.TailEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Live access-log source: follows paths/globs with a {@link FileTailer}, parses each line with a
 * parser of the configured {@link AccessFormat} and emits an {@link dev.nethergaze.model.HttpHit} per line, timed by the
 * log. Health: MISSING while nothing matches (it keeps watching), PERMISSION_DENIED when matches
 * exist but none can be read, otherwise OK naming the files followed (and the ones with problems).
 */
public final class AccessLogSource implements Source {

    /** Where a stock Debian/Ubuntu nginx or Apache writes its access logs. */
    public static final List<String> DEBIAN_DEFAULTS =
            List.of("/var/log/nginx/access.log", "/var/log/nginx/*access*.log", "/var/log/apache2/*access*.log");

    public static final String KIND = "http";

    private final List<String> patterns;
    private final TailConfig config;
    private final String name;
    private final SourceStats stats;
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
        this.stats = new SourceStats(name, KIND, reporter);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceHealth health() {
        return stats.health();
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
        AccessLineParser parser = format.parser(name, resolver);
        try (FileTailer tailer = new FileTailer(
                patterns,
                config,
                (file, number, buf, off, len, truncated) -> {
                    if (len > 0) { // a blank line is nothing, as in a replay
                        accept(parser.parse(buf, off, len), sink, file, number, truncated);
                    } else {
                        stats.line();
                    }
                },
                e -> {})) {
            while (true) {
                tailer.pollOnce();
                updateHealth(tailer.following(), tailer.problems());
                Thread.sleep(config.pollInterval());
            }
        }
    }

    private void accept(ParseResult result, EventSink sink, Path file, long number, boolean truncated)
            throws InterruptedException {
        stats.line();
        switch (result) {
            case ParseResult.Hit h -> {
                hits.incrementAndGet();
                sink.emit(h.hit());
            }
            case ParseResult.UnresolvedHost u -> unresolvedHosts.incrementAndGet();
            case ParseResult.Ignored i -> {}
            case ParseResult.Malformed m -> stats.malformed(file, number, truncated ? config.maxLineBytes() : 0);
        }
    }

    private void updateHealth(List<Path> following, List<TailEvent> problems) {
        String problemText = problems.stream()
                .filter(p -> p.kind() != TailEvent.Kind.MISSING || following.isEmpty())
                .map(p -> p.file() + ": " + p.detail())
                .collect(Collectors.joining("; "));
        if (!following.isEmpty()) {
            String files = following.stream().map(Path::toString).collect(Collectors.joining(", "));
            stats.status(SourceStatus.OK, "following " + files + (problemText.isEmpty() ? "" : "; " + problemText));
        } else if (problems.stream().anyMatch(p -> p.kind() == TailEvent.Kind.PERMISSION_DENIED)) {
            stats.status(SourceStatus.PERMISSION_DENIED, problemText);
        } else if (problems.stream().anyMatch(p -> p.kind() == TailEvent.Kind.MISSING) || problems.isEmpty()) {
            stats.status(SourceStatus.MISSING, "no file matches " + String.join(", ", patterns) + "; watching");
        } else {
            stats.status(SourceStatus.ERROR, problemText);
        }
    }
}
