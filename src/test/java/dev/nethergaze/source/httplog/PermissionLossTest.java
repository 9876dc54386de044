package dev.nethergaze.source.httplog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.AsNobody;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Losing permission to a followed log (issue 4, bad input): logrotate made a new file the follower
 * may not read. Root reads every file, so as root (CI) the scenario runs in a JVM started as user
 * nobody ({@code setpriv}), on a copy of the compiled classes that nobody can read; otherwise in this
 * JVM. Either way the kernel refuses the read, not a mock.
 */
class PermissionLossTest {

    @TempDir
    Path tmp;

    @Test
    void aLogRotatedToAnUnreadableFileIsReportedOnceAndReadOnceItIsReadable() throws Exception {
        Path logs = Files.createDirectory(tmp.resolve("logs"));
        String transcript;
        if (AsNobody.isRoot()) {
            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxrwxrwx"));
            transcript = AsNobody.run(tmp, PermissionLossMain.class, logs.toString());
        } else {
            transcript = PermissionLossMain.run(logs);
        }
        assertThat(transcript.lines())
                .as(transcript)
                .containsSubsequence(
                        "first read: true",
                        "readable after rotation: false",
                        "denied: true",
                        "second read: true",
                        "ok again: true",
                        "hits: 2",
                        "lines: 2");
        String log = logs.resolve("access.log").toString();
        assertThat(transcript.lines())
                .as("the file's own entry says it, with the line read before the rotation")
                .anySatisfy(l -> assertThat(l)
                        .startsWith("entry while denied: http:" + log + " | permission_denied | 1 | ")
                        .containsIgnoringCase("permission denied"));
        assertThat(transcript.lines().filter(l -> l.startsWith("reported: ")))
                .as("one report while denied, none for each poll")
                .singleElement()
                .satisfies(l -> assertThat(l).startsWith("reported: permission_denied: " + log));
    }
}
