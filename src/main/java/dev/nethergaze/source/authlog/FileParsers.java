package dev.nethergaze.source.authlog;

import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A followed auth source's parsers, one per followed file (the path its lines are filed under, also
 * those of its rotated-away self): sshd pids are a host's, so two hosts' logs followed by one source
 * keep their connections apart, and a backfill's parser of a file is taken over by that file's parser
 * only ({@link AuthHandoff}). On the polling thread only.
 */
final class FileParsers {

    private final String source;
    private final InstantSource clock;
    private final ZoneId zone;
    private final Map<Path, JournalLineParser> byFile = new LinkedHashMap<>();
    private final Map<Path, AuthLineParser> syslog = new LinkedHashMap<>();

    /** Parsers whose attempts name {@code source}; year-less stamps and bare lines timed by {@code clock}. */
    FileParsers(String source, InstantSource clock, ZoneId zone) {
        this.source = source;
        this.clock = clock;
        this.zone = zone;
    }

    /** The parser of {@code file}'s syslog (and sshd -E) lines, made at its first use. */
    AuthLineParser of(Path file) throws InterruptedException {
        AuthLineParser p = syslog.get(file);
        if (p == null) {
            // followed live, an sshd -E line with no time of its own was written about when it is read
            p = new AuthLineParser(source, clock, zone).timingBareLinesBy(clock);
            p.expire(clock.instant(), a -> {}); // nothing waits yet: its waits' clock is set before its first line
            syslog.put(file, p);
            byFile.put(file, new JournalLineParser(p)); // journalctl -o json -f > FILE
        }
        return p;
    }

    /** One line of {@code file}: a syslog line or a {@code journalctl -o json} one, told apart by itself. */
    AuthLineParser.Outcome parse(Path file, byte[] b, int off, int len, AuthLineParser.AttemptSink sink)
            throws InterruptedException {
        of(file);
        return byFile.get(file).parseLine(b, off, len, sink);
    }

    /** A poll at {@code now}: each file's PAM failures that waited long enough for their "Failed" line. */
    void expire(java.time.Instant now, AuthLineParser.AttemptSink sink) throws InterruptedException {
        for (AuthLineParser p : syslog.values()) {
            p.expire(now, sink);
        }
    }
}
