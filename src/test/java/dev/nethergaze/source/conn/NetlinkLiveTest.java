package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.TcpState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own table, read both ways: thousands of real loopback sockets (IPv4, IPv6, and IPv4
 * clients of a dual-stack :: listener, which both interfaces show as v4-mapped IPv6 rows) in
 * ESTABLISHED, TIME_WAIT, FIN_WAIT2, CLOSE_WAIT and LISTEN must come out of netlink exactly as out
 * of /proc, row for row. The host table is shared with other work, so only this test's ports count.
 */
class NetlinkLiveTest {

    private static SocketZoo zoo;

    @BeforeAll
    static void openSockets() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp6")), "needs Linux /proc/net/tcp and tcp6");
        zoo = new SocketZoo()
                .add("127.0.0.1", "127.0.0.1", 1500, 40, 40)
                .add("::1", "::1", 300, 20, 20)
                .add("::", "127.0.0.1", 300, 20, 20);
    }

    @AfterAll
    static void closeSockets() throws IOException {
        if (zoo != null) {
            zoo.close();
        }
    }

    @Test
    void netlinkAndProcfsAgreeRowForRow() throws IOException {
        Set<Integer> ports = zoo.listenerPorts();
        ConnTable viaNetlink;
        try (NetlinkReader netlink = new NetlinkReader()) {
            viaNetlink = netlink.read(Instant.EPOCH).table();
        }
        ConnTable viaProcfs = ProcNetTcpReader.system().read(Instant.EPOCH).table();

        List<String> expected = TableRows.of(viaProcfs, ports);
        assertThat(TableRows.of(viaNetlink, ports)).containsExactlyElementsOf(expected);
        assertThat(expected).hasSizeGreaterThan(2 * 2100 + 120);
        assertThat(TableRows.count(viaNetlink, ports, TcpState.ESTABLISHED)).isEqualTo(2 * 2100);
        // closing sockets of an earlier run may linger on a port that is reused now: at least ours
        assertThat(TableRows.count(viaNetlink, ports, TcpState.TIME_WAIT)).isGreaterThanOrEqualTo(80);
        assertThat(TableRows.count(viaNetlink, ports, TcpState.FIN_WAIT2)).isGreaterThanOrEqualTo(80);
        assertThat(TableRows.count(viaNetlink, ports, TcpState.CLOSE_WAIT)).isEqualTo(80);
    }

    @Test
    void netlinkAddsTcpInfoAndBacklog() throws IOException {
        Set<Integer> ports = zoo.listenerPorts();
        ConnTable t;
        try (NetlinkReader netlink = new NetlinkReader()) {
            t = netlink.read(Instant.EPOCH).table();
        }
        List<Connection> established = t.connections().stream()
                .filter(c -> ports.contains(c.localPort()) && c.state() == TcpState.ESTABLISHED)
                .toList();
        assertThat(established).allSatisfy(c -> {
            assertThat(c.health()).isNotNull();
            assertThat(c.health().rttUs()).isPositive();
            assertThat(c.inode()).isPositive();
        });
        assertThat(t.connections().stream()
                        .filter(c -> ports.contains(c.remotePort()))
                        .filter(c -> c.state() == TcpState.TIME_WAIT))
                .isNotEmpty()
                .allSatisfy(c -> {
                    assertThat(c.health()).isNull();
                    assertThat(c.inode()).isZero();
                });
        List<Listener> mine =
                t.listeners().stream().filter(l -> ports.contains(l.port())).toList();
        assertThat(mine).hasSize(3).allSatisfy(l -> assertThat(l.backlog()).isEqualTo(SocketZoo.BACKLOG));
        assertThat(mine).extracting(l -> l.local().toString()).containsExactlyInAnyOrder("127.0.0.1", "::1", "::");
    }

    @Test
    void v4ClientsOfADualStackListenerAreIpv4Keys() throws IOException {
        Set<Integer> ports = zoo.ports();
        ConnTable t;
        try (NetlinkReader netlink = new NetlinkReader()) {
            t = netlink.read(Instant.EPOCH).table();
        }
        Listener wildcard = t.listeners().stream()
                .filter(l -> ports.contains(l.port()) && l.local().isUnspecified())
                .findFirst()
                .orElseThrow();
        List<Connection> served = t.connections().stream()
                .filter(c -> c.localPort() == wildcard.port() && c.state() == TcpState.ESTABLISHED)
                .toList();
        assertThat(served).hasSize(300).allSatisfy(c -> {
            assertThat(c.remote()).isEqualTo(IpKey.parse("127.0.0.1"));
            assertThat(c.local().isV4()).isTrue();
        });
    }

    @Test
    void oneDumpOfBothFamiliesEqualsOneDumpPerFamily() throws IOException {
        Set<Integer> ports = zoo.listenerPorts();
        List<TcpRow> both = new java.util.ArrayList<>();
        List<TcpRow> each = new java.util.ArrayList<>();
        try (SockDiagSocket s = SockDiagSocket.open()) {
            InetDiagDecoder d = new InetDiagDecoder();
            s.dumpBothFamilies((chunk, seq) -> d.chunk(chunk, seq, both::add));
            InetDiagDecoder d2 = new InetDiagDecoder();
            s.dump(NetlinkReader.AF_INET, (chunk, seq) -> d2.chunk(chunk, seq, each::add));
            s.dump(NetlinkReader.AF_INET6, (chunk, seq) -> d2.chunk(chunk, seq, each::add));
            assertThat(d.malformed()).isZero();
        }
        assertThat(keys(both, ports)).containsExactlyInAnyOrderElementsOf(keys(each, ports));
        assertThat(keys(both, ports)).hasSizeGreaterThan(2 * 2100);
        assertThat(both.stream().filter(r -> ports.contains(r.localPort()) && r.state() == TcpState.ESTABLISHED))
                .allSatisfy(r -> assertThat(r.health()).isNotNull());
    }

    /** The rows' identities (not their RTTs or queues, which move between two dumps). */
    private static List<String> keys(List<TcpRow> rows, Set<Integer> ports) {
        return rows.stream()
                .filter(r -> ports.contains(r.localPort()) || ports.contains(r.remotePort()))
                .map(r -> r.state() + " " + r.local() + ":" + r.localPort() + " " + r.remote() + ":" + r.remotePort()
                        + " " + r.inode())
                .toList();
    }
}
