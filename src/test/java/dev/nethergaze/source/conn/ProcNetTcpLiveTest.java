package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.TcpState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The kernel's own sockets: a loopback server and client must show up in the real /proc. */
class ProcNetTcpLiveTest {

    @Test
    void seesBothEndsOfALoopbackIpv4Connection() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux /proc/net/tcp");
        seesBothEnds(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    }

    @Test
    void seesBothEndsOfALoopbackIpv6Connection() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp6")), "needs IPv6 (/proc/net/tcp6)");
        InetAddress v6 = InetAddress.getByAddress(IpKey.parse("::1").toBytes());
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(v6, 0));
        } catch (IOException e) {
            assumeTrue(false, "::1 not available: " + e);
        }
        seesBothEnds(v6);
    }

    private static void seesBothEnds(InetAddress loopback) throws IOException {
        IpKey ip = IpKey.ofBytes(loopback.getAddress());
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(loopback, 0));
            try (Socket client = new Socket(loopback, server.getLocalPort());
                    Socket accepted = server.accept()) {
                int serverPort = server.getLocalPort();
                int clientPort = client.getLocalPort();

                ConnTable t = ProcNetTcpReader.system().read(Instant.now()).table();

                assertThat(t.listeners()).anySatisfy(l -> {
                    assertThat(l.local()).isEqualTo(ip);
                    assertThat(l.port()).isEqualTo(serverPort);
                });
                assertThat(find(t, serverPort, clientPort)).as("accepted side").satisfies(c -> {
                    assertThat(c.direction()).isEqualTo(Direction.INBOUND);
                    assertThat(c.local()).isEqualTo(ip);
                    assertThat(c.remote()).isEqualTo(ip);
                    assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
                    assertThat(c.inode()).isPositive();
                });
                assertThat(find(t, clientPort, serverPort)).as("client side").satisfies(c -> {
                    assertThat(c.direction()).isEqualTo(Direction.OUTBOUND);
                    assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
                });
                assertThat(accepted.isConnected()).isTrue();
            }
        }
    }

    private static Connection find(ConnTable t, int localPort, int remotePort) {
        return t.connections().stream()
                .filter(c -> c.localPort() == localPort && c.remotePort() == remotePort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + localPort + " -> " + remotePort + " among "
                        + t.connections().size()));
    }
}
