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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two auth logs of two hosts followed by one source after a {@code --since} backfill, each with a
 * connection of sshd pid 9 split by the handover: each file's connections go on in that file only. A
 * PAM failure waiting at host a's seam is settled by a's "Failed password" line; host b's "Invalid
 * user" and its "Failed" line are one attempt; neither is taken for the other's.
 */
class BackfillHandoverTwoHostsTest {

    private static final Instant START_UP = Instant.parse("2026-11-30T10:00:05Z");

    @TempDir
    Path dir;

    @Test
    void eachFilesPamFailureWaitingAtTheSeamCountsInThatFile() throws Exception {
        Path a = log("a", pam("a", "10:00:01", "203.0.113.9"));
        Path b = log("b", pam("b", "10:00:02", "198.51.100.7"));
        List<String> paths = List.of(a.toString(), b.toString());
        Handover handover = Handover.of(paths); // start-up
        append(a, closed("a", "10:00:03", "203.0.113.9"));
        append(b, closed("b", "10:00:04", "198.51.100.7"));

        List<AuthAttempt> all = backfillThenTail(paths, handover);

        assertThat(all)
                .extracting(x -> x.kind() + " " + x.ip() + " " + x.time())
                .containsExactlyInAnyOrder(
                        "FAILED_PASSWORD 203.0.113.9 2026-11-30T10:00:03Z",
                        "PREAUTH_DISCONNECT 203.0.113.9 2026-11-30T10:00:03Z",
                        "FAILED_PASSWORD 198.51.100.7 2026-11-30T10:00:04Z",
                        "PREAUTH_DISCONNECT 198.51.100.7 2026-11-30T10:00:04Z");
    }

    @Test
    void anInvalidUsersAttemptAndAPamFailureOfTheSamePidGoOnEachInItsFile() throws Exception {
        Path a = log("a", pam("a", "10:00:01", "203.0.113.9"));
        Path b = log("b", "Nov 30 10:00:02 b sshd[9]: Invalid user bob from 198.51.100.7 port 50500");
        List<String> paths = List.of(a.toString(), b.toString());
        Handover handover = Handover.of(paths); // start-up
        append(a, "Nov 30 10:00:03 a sshd[9]: Failed password for root from 203.0.113.9 port 50412 ssh2");
        append(b, "Nov 30 10:00:04 b sshd[9]: Failed password for invalid user bob from 198.51.100.7 port 50500 ssh2");

        List<AuthAttempt> all = backfillThenTail(paths, handover);

        assertThat(all)
                .extracting(x -> x.kind() + " " + x.ip() + " " + x.time())
                .containsExactlyInAnyOrder(
                        "FAILED_PASSWORD 203.0.113.9 2026-11-30T10:00:03Z",
                        "INVALID_USER 198.51.100.7 2026-11-30T10:00:02Z");
    }

    private static String pam(String host, String time, String ip) {
        return "Nov 30 " + time + " " + host + " sshd[9]: pam_unix(sshd:auth): authentication failure; logname= uid=0"
                + " euid=0 tty=ssh ruser= rhost=" + ip + "  user=root";
    }

    private static String closed(String host, String time, String ip) {
        return "Nov 30 " + time + " " + host + " sshd[9]: Connection closed by authenticating user root " + ip
                + " port 50412 [preauth]";
    }

    private Path log(String host, String line) throws Exception {
        Path d = Files.createDirectories(dir.resolve(host));
        return Files.writeString(d.resolve("auth.log"), line + "\n");
    }

    private static void append(Path log, String line) throws Exception {
        Files.writeString(log, line + "\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(log, FileTime.from(START_UP));
    }

    private static List<AuthAttempt> backfillThenTail(List<String> paths, Handover handover) throws Exception {
        HandoverRun run = new HandoverRun(paths, handover, () -> START_UP, START_UP);
        return run.run(() -> {}, () -> {
            PamWaitLiveTest.waitFor(() -> run.source().health().lines() >= 2);
            Thread.sleep(200); // a few more polls: anything counted twice would be in by now
        });
    }
}
