package dev.nethergaze.source.authlog;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.FollowedFiles;
import dev.nethergaze.source.Source;
import dev.nethergaze.source.StatusReporter;
import dev.nethergaze.source.tail.FileTailer;
import dev.nethergaze.source.tail.LineSink;
import dev.nethergaze.source.tail.TailConfig;
import dev.nethergaze.source.tail.TailListener;
import java.time.ZoneId;
import java.util.List;

/**
 * Live SSH auth source: follows auth.log / secure with the shared {@link FileTailer} (rotation,
 * truncation, permission loss handled there) and turns sshd lines into attempts: syslog lines, or
 * {@code journalctl -o json} lines (told apart line by line, as on a pipe), each file by a parser of its
 * own ({@link FileParsers}: sshd pids are one host's). Year-less stamps
 * are placed relative to the tailer's clock. Health names the files followed and their problems.
 */
public final class AuthLogSource implements Source {

    public static final String KIND = "auth";

    private final List<String> paths;
    private final TailConfig config;
    private final ZoneId zone;
    private final String name;
    private final FollowedFiles files;
    /** The backfill of these files that the tailer goes on from, or null (none). */
    private AuthHandoff backfill;

    public AuthLogSource(List<String> paths, TailConfig config, ZoneId zone, StatusReporter reporter) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("an auth-log source needs at least one path");
        }
        this.paths = List.copyOf(paths);
        this.config = config;
        this.zone = zone;
        this.name = KIND + ":" + String.join(",", paths);
        this.files = new FollowedFiles(
                name,
                KIND,
                "a syslog auth log (sshd lines with a syslog or ISO-8601 time, or sshd -E lines without one:"
                        + " timed when read) or journalctl -o json lines",
                paths,
                config.maxLineBytes(),
                reporter);
    }

    /**
     * Goes on from a {@code --since} backfill of these files: parses no line before it has ended and
     * its parsers' connections at the handover are taken over (the lines read meanwhile are held).
     */
    public AuthLogSource after(AuthHandoff backfill) {
        this.backfill = backfill;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceHealth health() {
        return files.health();
    }

    @Override
    public List<SourceHealth> fileHealth() {
        return files.entries();
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        FileParsers parsers = new FileParsers(name, config.clock(), zone);
        AuthLineParser.AttemptSink attempts = sink::emit;
        LineSink read = (file, number, buf, off, len, truncated) -> {
            files.line(file);
            if (len == 0) {
                return;
            }
            AuthLineParser.Outcome o = parsers.parse(file, buf, off, len, attempts);
            if (truncated && o == AuthLineParser.Outcome.ATTEMPTS) {
                files.readCut(file);
            } else if (o.unparsed() || truncated) { // cut before what it was about
                files.malformed(file, number, truncated, o.why());
            } else if (o == AuthLineParser.Outcome.UNRESOLVED) { // sshd's UseDNS: said, as replay says it
                files.hostName(file, number, null);
            }
        };
        // after a backfill, its lines are followed from the handover at once (through a rotation too),
        // and parsed once the backfill has ended and its connections are taken over
        HeldLines held = new HeldLines(read);
        if (backfill == null) {
            held.release();
        }
        try (FileTailer tailer = new FileTailer(paths, config, held, TailListener.readingTo(files::reading))) {
            while (true) {
                if (!held.released() && (backfill.ended() || held.full())) {
                    backfill.takeInto(config.handover(), parsers); // waits only when too much is held
                    held.release();
                }
                // the PAM failure a quiet log ended with; first, so the wait's clock is set before any line
                parsers.expire(config.clock().instant(), attempts);
                tailer.pollOnce();
                files.update(tailer.following(), tailer.problems());
                Thread.sleep(config.pollInterval());
            }
        }
    }
}
