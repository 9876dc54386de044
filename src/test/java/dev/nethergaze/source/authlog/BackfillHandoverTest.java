package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
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
 * A {@code --since} backfill reads the current auth log up to its size at start-up and the tailer goes on
 * from there ({@link Handover}); a connection split by that seam is still counted as one: a PAM failure
 * waiting for its "Failed" line at the seam is the tailer's to settle, not counted by the backfill and
 * then again by the tailer when its "Failed password" line follows seconds later.
 */
class BackfillHandoverTest {

    private static final String PAM = "Nov 30 10:00:01 host sshd[9]: pam_unix(sshd:auth): authentication failure;"
            + " logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root";

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T10:00:02Z"));

    @Test
    void aPamFailureWaitingAtTheSeamCountsOnceWhenItsFailedLineFollows() throws Exception {
        List<AuthAttempt> all = backfillThenTail(
                PAM,
                "Nov 30 10:00:03 host sshd[9]: Failed password for root from 203.0.113.9 port 50412 ssh2",
                "Nov 30 10:00:04 host sshd[9]: Connection closed by authenticating user root 203.0.113.9 port 50412"
                        + " [preauth]");
        assertThat(all)
                .extracting(a -> a.kind() + " " + a.time())
                .containsExactly("FAILED_PASSWORD 2026-11-30T10:00:03Z", "PREAUTH_DISCONNECT 2026-11-30T10:00:04Z");
    }

    @Test
    void aPamFailureWaitingAtTheSeamWithNoFailedLineCountsOnceAtItsConnectionsEnd() throws Exception {
        List<AuthAttempt> all = backfillThenTail(
                PAM,
                "Nov 30 10:00:04 host sshd[9]: Connection closed by authenticating user root 203.0.113.9 port 50412"
                        + " [preauth]");
        assertThat(all)
                .filteredOn(a -> a.kind() == AuthKind.FAILED_PASSWORD)
                .extracting(a -> a.time().toString())
                .containsExactly("2026-11-30T10:00:04Z");
    }

    /** So with the other pair of lines that is one attempt: "Invalid user" and its "Failed" line. */
    @Test
    void anInvalidUsersAttemptSplitByTheSeamCountsOnce() throws Exception {
        List<AuthAttempt> all = backfillThenTail(
                "Nov 30 10:00:01 host sshd[12]: Invalid user bob from 203.0.113.12 port 50500",
                "Nov 30 10:00:03 host sshd[12]: Failed password for invalid user bob from 203.0.113.12 port 50500"
                        + " ssh2");
        assertThat(all).extracting(a -> a.kind() + " " + a.time()).containsExactly("INVALID_USER 2026-11-30T10:00:01Z");
    }

    /** The backfill of {@code before}, then the tailer of the lines written after start-up: both their attempts. */
    private List<AuthAttempt> backfillThenTail(String before, String... after) throws Exception {
        Path log = Files.writeString(dir.resolve("auth.log"), before + "\n");
        Handover handover = Handover.of(List.of(log.toString())); // start-up
        Files.write(log, List.of(after), StandardOpenOption.APPEND);
        Files.setLastModifiedTime(log, FileTime.from(now.get()));
        HandoverRun run = new HandoverRun(List.of(log.toString()), handover, now::get, now.get());
        AuthLogSource source = run.source();
        return run.run(
                () -> assertThat(source.health().lines())
                        .as("parsed before the backfill ended")
                        .isZero(),
                () -> {
                    PamWaitLiveTest.waitFor(() -> source.health().lines() >= after.length);
                    Thread.sleep(200); // a few more polls: anything counted twice would be in by now
                });
    }
}
