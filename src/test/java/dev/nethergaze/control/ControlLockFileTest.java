package dev.nethergaze.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advisory lock file {@code PATH.lock} lives as long as the socket: it is removed at exit (before,
 * every run left a {@code *.sock.lock} behind), and while it exists a second server is refused.
 */
class ControlLockFileTest {

    @Test
    void theLockFileIsRemovedWithTheSocket(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        Path lock = dir.resolve("ng.sock.lock");
        for (int run = 0; run < 3; run++) {
            try (ControlServer s = ControlServer.start(sock, new ControlServerTest.Recorder())) {
                assertThat(lock).isRegularFile();
                assertThatThrownBy(() -> ControlServer.start(sock, new ControlServerTest.Recorder()))
                        .hasMessage("another Nethergaze is already listening at " + sock);
                assertThat(ControlClient.send(sock, "{\"cmd\":\"status\"}")).startsWith("{\"ok\":true");
            }
            assertThat(sock).doesNotExist();
            assertThat(lock).doesNotExist();
        }
    }
}
