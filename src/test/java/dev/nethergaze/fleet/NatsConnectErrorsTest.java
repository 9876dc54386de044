package dev.nethergaze.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What an operator who typed the wrong URL reads: one line saying what is wrong, not the JDK's bare
 * exception text ("Read timed out", the host name alone, "port out of range:99999").
 */
class NatsConnectErrorsTest {

    /** A real HTTP server (the web view's port given for NATS's): it waits for a request and says nothing. */
    @Test
    void aServerThatSaysNothingIsNamedAsNotNats() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.start();
        try {
            int port = http.getAddress().getPort();
            assertThatThrownBy(() -> NatsConnection.connect("nats://127.0.0.1:" + port, "t", Duration.ofSeconds(1)))
                    .isInstanceOf(IOException.class)
                    .hasMessage("port " + port
                            + " took the connection but sent no INFO in 1 s: not a NATS server (NATS's port is"
                            + " 4222), or one stuck");
        } finally {
            http.stop(0);
        }
    }

    /** {@code .invalid} never resolves (RFC 6761). */
    @Test
    void anUnknownHostIsSaidSo() {
        assertThatThrownBy(() -> NatsConnection.connect("nats://nosuchhost.invalid:4222", "t", Duration.ofSeconds(2)))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown host nosuchhost.invalid (no address for it)");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        assertThatThrownBy(() -> NatsConnection.parse("nats://tok@127.0.0.1:99999"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port 99999 out of range (1-65535) in 'nats://***@127.0.0.1:99999'");
    }

    /**
     * Messages name the port they tried, the default too: "cannot reach 127.0.0.1" alone did not say
     * whether 4222 or the port of the URL was refused (found with {@code fleet --nats
     * nats://127.0.0.1:19471}, a typo for the web view's port).
     */
    @Test
    void theServerIsNamedWithItsPort() {
        assertThat(NatsConnection.server(NatsConnection.parse("nats://127.0.0.1")))
                .isEqualTo("127.0.0.1:4222");
        assertThat(NatsConnection.server(NatsConnection.parse("nats://u:p@nats.internal:14222")))
                .isEqualTo("nats.internal:14222");
        assertThat(NatsConnection.server(NatsConnection.parse("tls://[::1]:14222")))
                .isEqualTo("[::1]:14222");
    }

    /** NATS URLs have no path: {@code nats://host:4222/x} was taken as the host, the path ignored. */
    @Test
    void aPathIsRefused() {
        assertThatThrownBy(() -> NatsConnection.parse("nats://tok@127.0.0.1:4222/nethergaze"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a NATS URL has no path, got '/nethergaze' in 'nats://***@127.0.0.1:4222/nethergaze'");
        assertThat(NatsConnection.parse("nats://127.0.0.1:4222/").getHost()).isEqualTo("127.0.0.1");
    }
}
