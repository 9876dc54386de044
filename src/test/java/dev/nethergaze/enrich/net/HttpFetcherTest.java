package dev.nethergaze.enrich.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** GETs against real loopback sockets: a server that never answers, one that refuses, one that sends too much. */
class HttpFetcherTest {

    @Test
    void aServerThatNeverAnswersIsSaidOneWayEveryTime() throws Exception {
        // the client's own request timeout and the fetcher's deadline were the same length and raced:
        // the same silent server read "no complete reply within 1 s" or "request timed out"
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                HttpFetcher f = new HttpFetcher(Duration.ofSeconds(1), Duration.ofMillis(300), 1 << 20)) {
            Thread accept = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(server.accept()); // and never a byte back
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            });
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/ip/192.0.2.1");
            List<String> said = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                try {
                    f.get(uri, "application/rdap+json");
                } catch (IOException e) {
                    said.add(e.getMessage());
                }
            }
            assertThat(said).hasSize(8).containsOnly("127.0.0.1: no complete reply within 0.3 s");
            server.close();
            accept.join();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aRefusedConnectionSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (HttpFetcher f = new HttpFetcher(Duration.ofSeconds(1), Duration.ofSeconds(2), 1 << 20)) {
            assertThatThrownBy(() -> f.get(URI.create("http://127.0.0.1:" + port + "/"), "text/plain"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("127.0.0.1: Connection refused");
        }
    }

    @Test
    void aReplyOverTheCapIsAbandoned() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                HttpFetcher f = new HttpFetcher(Duration.ofSeconds(1), Duration.ofSeconds(5), 1000)) {
            Thread t = Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[100_000]);
                } catch (IOException e) {
                    // the client hung up once it had enough
                }
            });
            assertThatThrownBy(() -> f.get(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"), "text/plain"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("127.0.0.1: reply larger than 1000 bytes, abandoned");
            t.join();
        }
    }
}
