package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.source.sys.LibC;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder on real sock_diag replies recorded from this machine's kernel (Linux 6.18) in a
 * private namespace ({@link RecordNetlinkReplies}): 13 IPv4 ESTABLISHED, SYN_SENT, 17 SYN_RECV from
 * an hping3 burst at a backlog-16 listener, FIN_WAIT2, TIME_WAIT, CLOSE_WAIT, LISTEN, IPv6 and
 * v4-mapped rows. The oracle is /proc/net/tcp{,6} saved right after the dump.
 */
class RecordedRepliesTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RecordedRepliesTest.class.getResourceAsStream("/netlink/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /netlink/" + name);
            }
            return in.readAllBytes();
        }
    }

    static List<TcpRow> decode(String... files) throws IOException {
        List<TcpRow> rows = new ArrayList<>();
        for (String f : files) {
            InetDiagDecoder d = new InetDiagDecoder();
            assertThat(d.chunk(MemorySegment.ofArray(resource(f)), 0, rows::add))
                    .as(f + " ends with NLMSG_DONE")
                    .isTrue();
            assertThat(d.malformed()).isZero();
        }
        return rows;
    }

    private static ConnTable recorded() throws IOException {
        return ConnTableAssembler.assemble("netlink", Instant.EPOCH, decode("inet4.bin", "inet6.bin"), true);
    }

    @Test
    void everyRowMatchesTheProcTablesSavedWithIt() throws IOException, URISyntaxException {
        Path procRoot =
                Path.of(RecordedRepliesTest.class.getResource("/netlink/proc").toURI());
        ConnTable proc = new ProcNetTcpReader(procRoot).read(Instant.EPOCH).table();

        assertThat(TableRows.of(recorded(), null)).containsExactlyElementsOf(TableRows.of(proc, null));
    }

    @Test
    void reachesEveryStateOfTheRecording() throws IOException {
        ConnTable t = recorded();
        assertThat(TableRows.count(t, null, TcpState.ESTABLISHED)).isEqualTo(22);
        assertThat(TableRows.count(t, null, TcpState.SYN_SENT)).isEqualTo(1);
        assertThat(TableRows.count(t, null, TcpState.SYN_RECV)).isEqualTo(17);
        assertThat(TableRows.count(t, null, TcpState.FIN_WAIT2)).isEqualTo(4);
        assertThat(TableRows.count(t, null, TcpState.TIME_WAIT)).isEqualTo(4);
        assertThat(TableRows.count(t, null, TcpState.CLOSE_WAIT)).isEqualTo(4);
        assertThat(t.listeners()).hasSize(4);
    }

    @Test
    void listenersCarryBacklogAndSynQueue() throws IOException {
        Listener burst = recorded().listeners().stream()
                .filter(l -> l.backlog() == 16)
                .findFirst()
                .orElseThrow();
        assertThat(burst.local()).isEqualTo(IpKey.parse("127.0.0.1"));
        assertThat(burst.synQueue()).isEqualTo(17);
        assertThat(burst.acceptQueue()).isZero();
        assertThat(recorded().listeners())
                .filteredOn(l -> l.backlog() == SocketZoo.BACKLOG)
                .hasSize(3);
    }

    @Test
    void tcpInfoOnLiveSocketsOnly() throws IOException {
        for (Connection c : recorded().connections()) {
            switch (c.state()) {
                case ESTABLISHED, CLOSE_WAIT -> {
                    assertThat(c.health()).as(c.toString()).isNotNull();
                    assertThat(c.health().rttUs()).isPositive();
                    assertThat(c.inode()).isPositive();
                }
                case SYN_RECV, TIME_WAIT -> {
                    assertThat(c.health()).isNull();
                    assertThat(c.inode()).isZero();
                }
                case SYN_SENT -> assertThat(c.health().totalRetrans()).isGreaterThanOrEqualTo(0);
                default -> {}
            }
        }
    }

    @Test
    void v4MappedRowsBecomeIpv4AndIpv6StaysIpv6() throws IOException {
        List<TcpRow> v6 = decode("inet6.bin");
        assertThat(v6).anySatisfy(r -> assertThat(r.local()).isEqualTo(IpKey.parse("::1")));
        assertThat(v6).anySatisfy(r -> {
            assertThat(r.state()).isEqualTo(TcpState.ESTABLISHED);
            assertThat(r.local()).isEqualTo(IpKey.parse("127.0.0.1")); // ::ffff:127.0.0.1 on the wire
        });
    }

    @Test
    void aKernelErrorFailsTheDumpWithItsErrno() {
        byte[] msg = new byte[20];
        MemorySegment s = MemorySegment.ofArray(msg);
        s.set(ValueLayout.JAVA_INT_UNALIGNED, 0, 20);
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 4, (short) InetDiagDecoder.NLMSG_ERROR);
        s.set(ValueLayout.JAVA_INT_UNALIGNED, 8, 7);
        s.set(ValueLayout.JAVA_INT_UNALIGNED, 16, -LibC.EPERM);

        assertThatThrownBy(() -> new InetDiagDecoder().chunk(s, 7, r -> {}))
                .isInstanceOf(NetlinkException.class)
                .hasMessage("netlink sock_diag dump: operation not permitted")
                .satisfies(
                        e -> assertThat(((NetlinkException) e).isPermission()).isTrue());
    }

    @Test
    void aTruncatedReplyIsAnErrorAndOtherSequencesAreSkipped() throws IOException {
        byte[] all = resource("inet4.bin");
        MemorySegment cut = MemorySegment.ofArray(all).asSlice(0, 100);
        assertThatThrownBy(() -> new InetDiagDecoder().chunk(cut, 0, r -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("overruns");

        List<TcpRow> rows = new ArrayList<>();
        boolean done = new InetDiagDecoder().chunk(MemorySegment.ofArray(all), 12345, rows::add);
        assertThat(done).isFalse();
        assertThat(rows).isEmpty();
    }

    @Test
    void aShortSocketMessageIsCountedMalformed() throws IOException {
        MemorySegment s = MemorySegment.ofArray(new byte[16 + 40]);
        s.set(ValueLayout.JAVA_INT_UNALIGNED, 0, 56);
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 4, (short) SockDiagSocket.SOCK_DIAG_BY_FAMILY);
        InetDiagDecoder d = new InetDiagDecoder();

        assertThat(d.chunk(s, 0, r -> {})).isFalse();
        assertThat(d.rows()).isEqualTo(1);
        assertThat(d.malformed()).isEqualTo(1);
    }
}
