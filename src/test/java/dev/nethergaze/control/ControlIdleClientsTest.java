package dev.nethergaze.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that connect and send nothing: over the limit, a client gets the server's refusal as its
 * reply (before, often a bare "Broken pipe": the server closed before the client had written), and
 * the idle ones are disconnected, so the operator gets in again (before: never, until they left).
 */
class ControlIdleClientsTest {

    @Test
    void overTheLimitTheRefusalIsTheReplyAndIdleClientsAreDisconnected(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        List<SocketChannel> idle = new ArrayList<>();
        try (ControlServer s = ControlServer.start(sock, new ControlServerTest.Recorder(), Duration.ofSeconds(2))) {
            for (int i = 0; i < ControlServer.MAX_CLIENTS; i++) {
                idle.add(SocketChannel.open(UnixDomainSocketAddress.of(sock)));
            }
            Thread.sleep(300); // all accepted
            for (int i = 0; i < 20; i++) {
                assertThat(ControlClient.send(sock, "{\"cmd\":\"status\"}"))
                        .isEqualTo("{\"ok\":false,\"error\":\"too many control clients\"}");
            }
            Thread.sleep(3500); // idle for longer than 2 s: disconnected
            assertThat(ControlClient.send(sock, "{\"cmd\":\"status\"}")).startsWith("{\"ok\":true");
        } finally {
            for (SocketChannel ch : idle) {
                ch.close();
            }
        }
    }

    @Test
    void aClientThatKeepsAskingIsNotDisconnected(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("ng.sock");
        try (ControlServer s = ControlServer.start(sock, new ControlServerTest.Recorder(), Duration.ofSeconds(1));
                SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            var out = java.nio.channels.Channels.newOutputStream(ch);
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    java.nio.channels.Channels.newInputStream(ch), java.nio.charset.StandardCharsets.UTF_8));
            for (int i = 0; i < 6; i++) {
                out.write("{\"cmd\":\"status\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                assertThat(in.readLine()).startsWith("{\"ok\":true");
                Thread.sleep(500);
            }
        }
    }
}
