package dev.nethergaze.enrich.whois;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A whois server's name is resolved within the connect timeout: the system resolver's call takes no
 * deadline, and a resolver that does not answer (a DNS server under attack, a dead link) held each
 * lookup for its own timeouts (5 s a try and a server), past the connect timeout the user set.
 */
class WhoisClientResolveTest {

    @Test
    void aNameThatDoesNotResolveInTimeFailsAtTheConnectTimeout() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        WhoisClient client = new WhoisClient(Duration.ofMillis(500), Duration.ofSeconds(5), 1 << 20, host -> {
            try {
                Thread.sleep(60_000); // a resolver that never answers
            } catch (InterruptedException e) {
                released.countDown(); // interrupted once given up on
                throw new java.io.InterruptedIOException("given up on");
            }
            return InetAddress.getLoopbackAddress();
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.query(new WhoisServer("whois.example.net", 43), "192.0.2.1"))
                .isInstanceOf(IOException.class)
                .hasMessage("whois.example.net: its name did not resolve within 0.5 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(released.await(5, TimeUnit.SECONDS))
                .as("the late lookup is let go")
                .isTrue();
    }

    @Test
    void aResolvedNameIsQueried() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[256]);
                    s.getOutputStream().write("inetnum: 192.0.2.0 - 192.0.2.255\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the test ended
                }
            });
            WhoisClient client = new WhoisClient(
                    Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, host -> InetAddress.getLoopbackAddress());
            assertThat(client.query(new WhoisServer("whois.example.net", server.getLocalPort()), "192.0.2.1"))
                    .isEqualTo("inetnum: 192.0.2.0 - 192.0.2.255\n");
        }
    }

    @Test
    void anUnknownNameSaysSo() {
        WhoisClient client = new WhoisClient(Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, host -> {
            throw new java.net.UnknownHostException(host + ": Name or service not known");
        });
        assertThatThrownBy(() -> client.query(new WhoisServer("whois.invalid", 43), "192.0.2.1"))
                .isInstanceOf(IOException.class)
                .hasMessage("whois.invalid: whois.invalid: Name or service not known");
    }
}
