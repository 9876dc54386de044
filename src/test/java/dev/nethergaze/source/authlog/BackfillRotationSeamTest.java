package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.replay.BackfillSource;
import dev.nethergaze.source.replay.FileReplay;
import dev.nethergaze.source.replay.LogKind;
import dev.nethergaze.source.tail.Handover;
import dev.nethergaze.source.tail.TailConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auth log is rotated (renamed to auth.log.1, a new auth.log created) after start-up took the
 * handover and before the {@code --since} backfill lists its files: every SSH attempt counts once. The
 * old file's lines written after start-up are the tailer's (the backfill stops at the handover); all of
 * the new file is the tailer's, also its lines stamped before start-up (a syslog daemon's queue, or the
 * same second), which the backfill's window would take too.
 */
class BackfillRotationSeamTest {

    private static final Instant START_UP = Instant.parse("2026-11-30T10:00:02Z");

    @TempDir
    Path dir;

    @Test
    void rotatedBeforeTheTailersFirstLookEachAttemptCountsOnce() throws Exception {
        Path log = startUp();
        rotate(log);
        assertThat(ports(backfillAndTail(log, false))).containsExactly(1, 2, 3, 4);
    }

    @Test
    void rotatedWhileTheTailerReadsEachAttemptCountsOnce() throws Exception {
        Path log = startUp();
        assertThat(ports(backfillAndTail(log, true))).containsExactly(1, 2, 3, 4);
    }

    /** auth.log with port 1's attempt, the handover taken, then port 2's written (stamped before start-up). */
    private Path startUp() throws Exception {
        Path log = Files.writeString(dir.resolve("auth.log"), failed("10:00:01", 1));
        handover = Handover.of(List.of(log.toString()));
        Files.writeString(log, failed("10:00:01", 2), StandardOpenOption.APPEND);
        return log;
    }

    private Handover handover;

    /** Renamed to auth.log.1; a new auth.log with port 3's attempt (stamped before start-up) and port 4's. */
    private static void rotate(Path log) throws Exception {
        Files.move(log, log.resolveSibling("auth.log.1"));
        Files.writeString(log, failed("10:00:01", 3) + failed("10:00:03", 4));
        Files.setLastModifiedTime(log, FileTime.from(START_UP));
        Files.setLastModifiedTime(log.resolveSibling("auth.log.1"), FileTime.from(START_UP));
    }

    private static String failed(String time, int port) {
        return "Nov 30 " + time + " host sshd[" + (100 + port) + "]: Failed password for root from 203.0.113.9 port "
                + port + " ssh2\n";
    }

    private static List<Integer> ports(List<AuthAttempt> all) {
        return all.stream().map(a -> portOf(a.line())).sorted().toList();
    }

    private static int portOf(String line) {
        String rest = line.substring(line.indexOf(" port ") + 6);
        return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
    }

    /**
     * Starts the tailer (rotating the log once it has read from the handover, when {@code rotateLive}),
     * then runs the backfill: every attempt of both.
     */
    private List<AuthAttempt> backfillAndTail(Path log, boolean rotateLive) throws Exception {
        AuthHandoff handoff = new AuthHandoff();
        TailConfig tail = TailConfig.defaults()
                .withHandover(handover)
                .withIntervals(Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(2))
                .withClock(() -> START_UP);
        AuthLogSource source =
                new AuthLogSource(List.of(log.toString()), tail, ZoneOffset.UTC, (n, s, d) -> {}).after(handoff);
        ConcurrentLinkedQueue<AuthAttempt> live = new ConcurrentLinkedQueue<>();
        Thread reader = PamWaitLiveTest.follow(source, live);
        List<AuthAttempt> all = new ArrayList<>();
        try {
            Thread.sleep(200); // polls enough to have read (and held) what is there after the handover
            if (rotateLive) {
                rotate(log);
                Thread.sleep(200); // seen rotated, the new file read
            }
            List<SourceEvent> past = new ArrayList<>();
            backfill(log, handoff).run(past::add);
            past.forEach(e -> all.add((AuthAttempt) e));
            Thread.sleep(500); // polls after the backfill's end: all the tailer's attempts are in by now
        } finally {
            reader.interrupt();
            reader.join(5000);
        }
        all.addAll(live);
        return all;
    }

    private BackfillSource backfill(Path log, AuthHandoff handoff) {
        FileReplay.Options options =
                new FileReplay.Options(AccessFormat.AUTO, ClientResolver.DIRECT, ZoneOffset.UTC).handingAuthTo(handoff);
        return new BackfillSource(
                List.of(BackfillSource.Span.since(
                        List.of(log.toString()), Instant.parse("2026-11-30T09:00:00Z"), LogKind.AUTH)),
                List.of(),
                START_UP,
                handover,
                options,
                (n, s, d) -> {});
    }
}
