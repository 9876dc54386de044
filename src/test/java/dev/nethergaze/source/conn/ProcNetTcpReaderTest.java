package dev.nethergaze.source.conn;

import static dev.nethergaze.source.conn.ProcLines.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.AsNobody;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.TcpState;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcNetTcpReaderTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final int LISTEN = 0x0A;
    private static final int ESTABLISHED = 0x01;
    private static final int TIME_WAIT = 0x06;
    private static final int CLOSE = 0x07;

    @TempDir
    Path tmp;

    private ReadResult read(List<String> tcp, List<String> tcp6) throws IOException {
        return new ProcNetTcpReader(ProcLines.writeProc(tmp, tcp, tcp6), ByteOrder.LITTLE_ENDIAN).read(NOW);
    }

    @Test
    void directionComesFromListenersIncludingWildcards() throws IOException {
        ReadResult r = read(
                List.of(
                        row(0, false, "0.0.0.0", 22, "0.0.0.0", 0, LISTEN),
                        row(1, false, "127.0.0.1", 5432, "0.0.0.0", 0, LISTEN),
                        row(2, false, "10.0.0.5", 80, "0.0.0.0", 0, LISTEN),
                        row(3, false, "10.0.0.5", 22, "198.51.100.7", 50000, ESTABLISHED),
                        row(4, false, "127.0.0.1", 5432, "127.0.0.1", 40000, ESTABLISHED),
                        row(5, false, "127.0.0.1", 40000, "127.0.0.1", 5432, ESTABLISHED),
                        row(6, false, "10.0.0.5", 80, "198.51.100.8", 50001, ESTABLISHED),
                        row(7, false, "10.0.0.6", 80, "198.51.100.9", 50002, ESTABLISHED),
                        row(8, false, "10.0.0.5", 5432, "198.51.100.10", 50003, ESTABLISHED),
                        row(9, false, "10.0.0.5", 22, "198.51.100.11", 50004, TIME_WAIT),
                        row(10, false, "10.0.0.5", 51000, "93.184.216.34", 443, TIME_WAIT),
                        row(11, false, "10.0.0.5", 51001, "0.0.0.0", 0, CLOSE)),
                List.of(
                        row(0, true, "::", 443, "::", 0, LISTEN),
                        row(1, true, "::1", 8080, "::", 0, LISTEN),
                        row(2, true, "10.0.0.5", 443, "203.0.113.5", 50005, ESTABLISHED),
                        row(3, true, "2001:db8::1", 443, "2001:db8::99", 50006, ESTABLISHED),
                        row(4, true, "::1", 8080, "::1", 41000, ESTABLISHED),
                        row(5, true, "::1", 41000, "::1", 8080, ESTABLISHED),
                        row(6, true, "2001:db8::1", 8080, "2001:db8::98", 50007, ESTABLISHED),
                        row(7, true, "::", 60000, "::", 0, CLOSE)));

        assertThat(r.rows()).isEqualTo(20);
        assertThat(r.malformed()).isZero();
        assertThat(r.table().listeners())
                .containsExactly(
                        listener("0.0.0.0", 22),
                        listener("127.0.0.1", 5432),
                        listener("10.0.0.5", 80),
                        listener("::", 443),
                        listener("::1", 8080));
        assertThat(directions(r.table().connections()))
                .containsExactly(
                        "198.51.100.7 INBOUND",
                        "127.0.0.1:40000 INBOUND",
                        "127.0.0.1:5432 OUTBOUND",
                        "198.51.100.8 INBOUND",
                        "198.51.100.9 OUTBOUND",
                        "198.51.100.10 OUTBOUND",
                        "198.51.100.11 INBOUND",
                        "93.184.216.34 OUTBOUND",
                        "203.0.113.5 INBOUND",
                        "2001:db8::99 INBOUND",
                        "::1:41000 INBOUND",
                        "::1:8080 OUTBOUND",
                        "2001:db8::98 OUTBOUND");
    }

    @Test
    void keepsStateUidInodeAndNormalisesV4MappedPeers() throws IOException {
        ReadResult r = read(List.of(), List.of(row(5, true, "192.0.2.1", 443, "203.0.113.5", 50005, TIME_WAIT)));

        Connection c = r.table().connections().getFirst();
        assertThat(c.local()).isEqualTo(IpKey.parse("192.0.2.1"));
        assertThat(c.remote()).isEqualTo(IpKey.parse("203.0.113.5"));
        assertThat(c.remote().isV4()).isTrue();
        assertThat(c.state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(c.uid()).isEqualTo(1000);
        assertThat(c.inode()).isEqualTo(10_005);
        assertThat(c.health()).isNull();
    }

    @Test
    void listenerAcceptQueueIsRxQueueAndBacklogIsUnknown() throws IOException {
        String full = "   0: 00000000:0050 00000000:0000 0A 00000000:00000007 00:00000000 00000000 0 0 99 1 ffff 100";
        ReadResult r = read(List.of(full), null);
        assertThat(r.table().listeners()).containsExactly(new Listener(IpKey.parse("0.0.0.0"), 80, 7, -1));
    }

    @Test
    void missingTcp6IsFine() throws IOException {
        ReadResult r = read(List.of(row(0, false, "0.0.0.0", 22, "0.0.0.0", 0, LISTEN)), null);
        assertThat(r.rows()).isEqualTo(1);
        assertThat(r.table().listeners()).hasSize(1);
    }

    @Test
    void missingTcpIsNoSuchFile() {
        ProcNetTcpReader reader = new ProcNetTcpReader(tmp.resolve("nope"));
        assertThatThrownBy(() -> reader.read(NOW))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("net/tcp");
    }

    /** As root (CI) the read is made by a JVM running as nobody: root reads every file. */
    @Test
    void unreadableTcpIsAccessDenied() throws Exception {
        read(List.of(), null);
        Path tcp = tmp.resolve("net/tcp");
        Files.setPosixFilePermissions(tcp, PosixFilePermissions.fromString("---------"));
        if (AsNobody.isRoot()) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path run = Files.createDirectory(tmp.resolve("run"));
            assertThat(AsNobody.run(run, UnreadableTcpMain.class, tmp.toString())
                            .strip())
                    .isEqualTo(AccessDeniedException.class.getSimpleName());
        } else {
            assertThatThrownBy(() -> new ProcNetTcpReader(tmp).read(NOW)).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void growsItsBufferForLargeTablesAndReusesIt() throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(row(i, false, "10.0.0.5", 20_000 + i, "198.51.100." + (i % 250), 443, ESTABLISHED));
        }
        ProcNetTcpReader reader = new ProcNetTcpReader(ProcLines.writeProc(tmp, rows, null), ByteOrder.LITTLE_ENDIAN);

        assertThat(reader.read(NOW).table().connections()).hasSize(5_000);
        assertThat(reader.read(NOW).table().connections()).hasSize(5_000);
        ProcLines.writeProc(tmp, rows.subList(0, 3), null);
        assertThat(reader.read(NOW).table().connections()).hasSize(3);
    }

    private static Listener listener(String ip, int port) {
        return new Listener(IpKey.parse(ip), port, 0, -1);
    }

    /** The peer (with its port for loopback rows, which are ambiguous) and the direction. */
    private static List<String> directions(List<Connection> cs) {
        return cs.stream()
                .map(c -> (c.remote().isLoopback()
                                ? c.remote() + ":" + c.remotePort()
                                : c.remote().toString()) + " " + c.direction())
                .collect(Collectors.toList());
    }
}
