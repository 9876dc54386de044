package dev.nethergaze.source.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.ClientResolver;
import dev.nethergaze.source.replay.FileReplay;
import dev.nethergaze.source.replay.TimeWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --from T}: an invalid user's attempt whose "Invalid user X from H" line is just before T
 * and whose "Failed password for invalid user X" line is inside the window counts once, inside it
 * (before: counted at the "Invalid user" line, which the window drops, and its "Failed" line was taken
 * for that same attempt: none counted).
 */
class ReplayWindowAttemptTest {

    @TempDir
    Path dir;

    @Test
    void anInvalidUsersAttemptSplitByTheWindowsStartCountsOnceInside() throws Exception {
        Path log = Files.write(
                dir.resolve("auth.log"),
                List.of(
                        "Nov 30 09:59:58 h sshd[7]: Invalid user bob from 203.0.113.9 port 4000",
                        "Nov 30 10:00:01 h sshd[7]: Failed password for invalid user bob from 203.0.113.9 port 4000 ssh2",
                        "Nov 30 10:00:03 h sshd[7]: Failed password for invalid user bob from 203.0.113.9 port 4000 ssh2",
                        // wholly before the window: not counted; wholly inside: once
                        "Nov 30 09:59:50 h sshd[8]: Invalid user amy from 203.0.113.8 port 4001",
                        "Nov 30 09:59:51 h sshd[8]: Failed password for invalid user amy from 203.0.113.8 port 4001 ssh2",
                        "Nov 30 10:00:05 h sshd[9]: Invalid user cy from 203.0.113.7 port 4002",
                        "Nov 30 10:00:06 h sshd[9]: Failed password for invalid user cy from 203.0.113.7 port 4002 ssh2"));
        Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2026-11-30T10:01:00Z")));
        FileReplay replay = new FileReplay(
                log,
                new FileReplay.Options(AccessFormat.AUTO, ClientResolver.DIRECT, ZoneOffset.UTC),
                new TimeWindow(Instant.parse("2026-11-30T10:00:00Z"), null));
        List<AuthAttempt> got = new ArrayList<>();
        replay.run(e -> got.add((AuthAttempt) e));
        assertThat(got)
                .extracting(a -> a.ip() + " " + a.kind() + " " + a.time())
                .containsExactly(
                        "203.0.113.9 INVALID_USER 2026-11-30T10:00:01Z",
                        "203.0.113.9 INVALID_USER 2026-11-30T10:00:03Z",
                        "203.0.113.7 INVALID_USER 2026-11-30T10:00:05Z");
    }
}
