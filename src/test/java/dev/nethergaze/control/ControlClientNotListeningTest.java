package dev.nethergaze.control;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctl status --socket PATH} said "no running Nethergaze at PATH" alike for nothing there, a
 * directory (the runtime directory given instead of the socket in it), a regular file and the stale
 * socket of a Nethergaze killed with SIGKILL. Each now says what is there; nothing there reads as before.
 */
class ControlClientNotListeningTest {

    private static void refused(Path at, String says) {
        assertThatThrownBy(() -> ControlClient.send(at, "{\"cmd\":\"status\"}", Duration.ofSeconds(2)))
                .hasMessage("no running Nethergaze at " + at + says);
    }

    @Test
    void aStaleSocketIsSaidToBeOne(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(sock)); // closed without removing its file, as after kill -9
        }
        refused(
                sock,
                " (a stale socket: the Nethergaze that made it ended without removing it; the next one replaces it)");
    }

    @Test
    void aDirectoryNamesTheSocketItMayHold(@TempDir Path dir) {
        refused(dir, " (a directory; the socket in it would be " + dir.resolve("nethergaze.sock") + ")");
    }

    @Test
    void aFileThatIsNoSocketIsSaidSo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        refused(file, " (not a socket)");
    }

    @Test
    void nothingThereReadsAsBefore(@TempDir Path dir) {
        refused(dir.resolve("none.sock"), "");
    }
}
