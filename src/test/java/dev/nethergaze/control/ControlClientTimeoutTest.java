package dev.nethergaze.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Nethergaze stopped with SIGSTOP still has its socket: the kernel completes the connection into
 * the listen queue, then nothing reads or answers. Before, {@code ctl} waited forever (in the read,
 * or in connect once the queue was full); now it gives up and says why, naming the socket.
 */
class ControlClientTimeoutTest {

    @Test
    @Timeout(20)
    void aServerThatAcceptsAndNeverAnswersIsGivenUpOn(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        List<SocketChannel> accepted = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept()); // and never read or write
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> ControlClient.send(sock, "{\"cmd\":\"status\"}", Duration.ofSeconds(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("no answer from Nethergaze at " + sock
                            + " within 1 s (the process may be stopped, e.g. by kill -STOP, or busy)");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            server.close();
            acceptor.join();
        } finally {
            for (SocketChannel ch : accepted) {
                ch.close();
            }
        }
    }

    @Test
    @Timeout(30)
    void aServerWhoseListenQueueIsFullIsGivenUpOnToo(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock), 1); // never accepts, as a stopped process
            for (int i = 0; i < 4; i++) { // the first ones wait in the queue; later ones block in connect
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> ControlClient.send(sock, "{\"cmd\":\"status\"}", Duration.ofSeconds(1)))
                        .hasMessageStartingWith("no answer from Nethergaze at " + sock + " within 1 s");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void nothingListeningIsStillSaidSo(@TempDir Path dir) {
        Path sock = dir.resolve("none.sock");
        assertThatThrownBy(() -> ControlClient.send(sock, "{\"cmd\":\"status\"}", Duration.ofSeconds(1)))
                .hasMessage("no running Nethergaze at " + sock);
    }
}
