package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.source.tail.Handover;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
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

    /**
     * A PAM failure waiting for its "Failed" line at the seam of the log rotated away since: the backfill's
     * parser of auth.log.1 is the followed auth.log's to go on with, where the tailer reads the rest of
     * the old file; one attempt.
     */
    @Test
    void aPamFailureWaitingAtTheSeamOfTheRotatedLogCountsOnce() throws Exception {
        Path log = Files.writeString(
                dir.resolve("auth.log"),
                "Nov 30 10:00:01 host sshd[9]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0"
                        + " tty=ssh ruser= rhost=203.0.113.9  user=root\n");
        handover = Handover.of(List.of(log.toString()));
        Files.writeString(
                log,
                "Nov 30 10:00:01 host sshd[9]: Failed password for root from 203.0.113.9 port 9 ssh2\n",
                StandardOpenOption.APPEND);
        rotate(log);
        assertThat(ports(backfillAndTail(log, false))).containsExactly(3, 4, 9);
    }

    /** auth.log with port 1's attempt, the handover taken, then port 2's written (stamped before start-up). */
    private Path startUp() throws Exception {
        Path log = Files.writeString(dir.resolve("auth.log"), failed("10:00:01", 1));
        handover = Handover.of(List.of(log.toString()));
        Files.writeString(log, failed("10:00:01", 2), StandardOpenOption.APPEND);
        return log;
    }

    private Handover handover;

    /** The tailer's clock: start-up, then past any PAM failure's wait. */
    private final AtomicReference<Instant> now = new AtomicReference<>(START_UP);

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

    /** The port the line names, 0 when it names none (a PAM failure counted on its own). */
    private static int portOf(String line) {
        int at = line.indexOf(" port ");
        if (at < 0) {
            return 0;
        }
        String rest = line.substring(at + 6);
        return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
    }

    /**
     * Starts the tailer (rotating the log once it has read from the handover, when {@code rotateLive}),
     * then runs the backfill: every attempt of both.
     */
    private List<AuthAttempt> backfillAndTail(Path log, boolean rotateLive) throws Exception {
        HandoverRun run = new HandoverRun(List.of(log.toString()), handover, now::get, START_UP);
        return run.run(
                () -> {
                    if (rotateLive) {
                        rotate(log);
                        Thread.sleep(200); // seen rotated, the new file read
                    }
                },
                () -> {
                    Thread.sleep(300); // polls after the backfill's end: all the tailer's attempts are in by now
                    now.set(START_UP.plus(AttemptTracker.PAM_WAIT).plusSeconds(1));
                    Thread.sleep(300); // and a PAM failure left waiting anywhere has counted
                });
    }
}
