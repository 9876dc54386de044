package dev.nethergaze.source.authlog;

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
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Live SSH auth source: follows auth.log / secure with the shared {@link FileTailer} (rotation,
 * truncation, permission loss handled there) and turns sshd lines into attempts. Year-less stamps
 * are placed relative to the tailer's clock. Health names the files followed and their problems.
 */
public final class AuthLogSource implements Source {

    public static final String KIND = "auth";

    private final List<String> paths;
    private final TailConfig config;
    private final ZoneId zone;
    private final String name;
    private final SourceStats stats;

    public AuthLogSource(List<String> paths, TailConfig config, ZoneId zone, StatusReporter reporter) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("an auth-log source needs at least one path");
        }
        this.paths = List.copyOf(paths);
        this.config = config;
        this.zone = zone;
        this.name = KIND + ":" + String.join(",", paths);
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

    @Override
    public void run(EventSink sink) throws InterruptedException {
        AuthLineParser parser = new AuthLineParser(name, config.clock().instant(), zone);
        AuthLineParser.AttemptSink attempts = sink::emit;
        try (FileTailer tailer = new FileTailer(
                paths,
                config,
                (file, number, buf, off, len, truncated) -> {
                    stats.line();
                    if (len > 0 && parser.parse(buf, off, len, attempts) == AuthLineParser.Outcome.MALFORMED) {
                        stats.malformed(file, number, truncated ? config.maxLineBytes() : 0);
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
        } else if (problemText.isEmpty() || problems.stream().allMatch(p -> p.kind() == TailEvent.Kind.MISSING)) {
            stats.status(SourceStatus.MISSING, "no file at " + String.join(", ", paths) + "; watching");
        } else {
            stats.status(SourceStatus.ERROR, problemText);
        }
    }
}
