package dev.nethergaze.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.AsNobody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctl} as a user who may not open root's socket: the kernel's refusal is named, with how to
 * get in (before: "no running Nethergaze at PATH", as if nothing were running).
 */
class CtlAsOtherUserTest {

    /** Run as nobody: connects to args[0] and prints the reply or the error's message. */
    public static void main(String[] args) {
        try {
            System.out.println(ControlClient.send(Path.of(args[0]), "{\"cmd\":\"status\"}"));
        } catch (IOException e) {
            System.out.println(e.getMessage());
        }
    }

    @TempDir
    Path dir;

    @Test
    void rootsSocketIsPermissionDeniedNotNoRunningNethergaze() throws Exception {
        assumeTrue(AsNobody.isRoot(), "needs root, to run the client as nobody");
        Path sock = dir.resolve("ng.sock"); // dir is made 0755 by AsNobody: the socket's 0600 refuses
        try (ControlServer s = ControlServer.start(sock, new ControlServerTest.Recorder())) {
            assertThat(AsNobody.run(dir, CtlAsOtherUserTest.class, sock.toString())
                            .strip())
                    .isEqualTo("permission denied: " + sock + " belongs to root (mode 0600): run ctl as root (sudo"
                            + " nethergaze ctl ...)");
        }
    }

    @Test
    void aDirectoryNobodyMayEnterIsPermissionDeniedToo() throws Exception {
        assumeTrue(AsNobody.isRoot(), "needs root, to run the client as nobody");
        Path closed = Files.createDirectory(dir.resolve("run"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path sock = closed.resolve("ng.sock");
        try (ControlServer s = ControlServer.start(sock, new ControlServerTest.Recorder())) {
            assertThat(AsNobody.run(dir, CtlAsOtherUserTest.class, sock.toString())
                            .strip())
                    .isEqualTo("permission denied: " + closed + " belongs to root (mode 0700): run ctl as root (sudo"
                            + " nethergaze ctl ...)");
        }
    }
}
