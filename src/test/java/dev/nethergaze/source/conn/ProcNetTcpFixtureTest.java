package dev.nethergaze.source.conn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.TestData;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.TcpState;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real-world samples in ../shared/testdata/proc against ORACLES.md ("## proc/") and jc's parse. */
class ProcNetTcpFixtureTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    /** One ORACLES.md line: rows, undecodable rows, state counts, LISTEN endpoints, distinct remotes. */
    record Oracle(
            String file,
            boolean v6,
            long rows,
            long malformed,
            Map<TcpState, Long> states,
            List<String> listen,
            Set<String> remotes,
            int connections) {

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Oracle> oracles() {
        return Stream.of(
                new Oracle(
                        "jc/net_tcp6",
                        true,
                        8,
                        0,
                        Map.of(TcpState.LISTEN, 1L, TcpState.TIME_WAIT, 7L),
                        List.of("[::]:22"),
                        Set.of(
                                "2001:4998:44:3507::8000",
                                "2001:559:19:608f::b33",
                                "2001:559:19:6091::720",
                                "2001:559:19:c000::17c5:3313",
                                "2600:1406:3a00:18f::c3a",
                                "2607:f8b0:4005:801::2004",
                                "2a03:2880:f131:83:face:b00c:0:25de"),
                        7),
                new Oracle(
                        "prometheus-procfs/tcp",
                        false,
                        3,
                        0,
                        Map.of(TcpState.LISTEN, 3L),
                        List.of("10.0.0.5:22", "0.0.0.0:22", "0.0.0.0:22"),
                        Set.of(),
                        0),
                new Oracle("prometheus-procfs/tcp6", true, 2, 0, Map.of(TcpState.CLOSE, 2L), List.of(), Set.of(), 0),
                new Oracle(
                        "treadmill/proc.net.tcp.data",
                        false,
                        5,
                        1,
                        Map.of(TcpState.LISTEN, 2L, TcpState.TIME_WAIT, 1L, TcpState.CLOSE_WAIT, 1L),
                        List.of("0.0.0.0:3", "127.0.0.1:4"),
                        Set.of("10.102.134.32", "127.0.0.1"),
                        2),
                new Oracle(
                        "treadmill/proc.net.tcp6.data",
                        true,
                        4,
                        0,
                        Map.of(TcpState.LISTEN, 3L, TcpState.ESTABLISHED, 1L),
                        List.of("[::]:1", "[::1]:2", "[::]:4660"),
                        Set.of("::"),
                        0));
    }

    @ParameterizedTest
    @MethodSource("oracles")
    void rowsMatchTheOracle(Oracle o) throws IOException {
        byte[] data = Files.readAllBytes(TestData.path("proc/" + o.file()));
        List<TcpRow> rows = new ArrayList<>();

        ProcNetTcpParser.Counts counts =
                ProcNetTcpParser.parse(data, data.length, o.v6(), ByteOrder.LITTLE_ENDIAN, rows::add);

        assertThat(counts).isEqualTo(new ProcNetTcpParser.Counts(o.rows(), o.malformed()));
        Map<TcpState, Long> states =
                rows.stream().collect(Collectors.groupingBy(TcpRow::state, TreeMap::new, Collectors.counting()));
        assertThat(states).isEqualTo(new TreeMap<>(o.states()));
        assertThat(rows.stream().filter(r -> r.state() == TcpState.LISTEN).map(r -> endpoint(r.local(), r.localPort())))
                .containsExactlyElementsOf(o.listen());
        assertThat(rows.stream()
                        .filter(r -> r.remotePort() != 0)
                        .map(r -> r.remote().toString())
                        .collect(Collectors.toSet()))
                .isEqualTo(o.remotes());
    }

    @ParameterizedTest
    @MethodSource("oracles")
    void readerBuildsTheTableFromAFakeProcRoot(Oracle o) throws IOException {
        Path net = Files.createDirectories(tmp.resolve("net"));
        Path sample = TestData.path("proc/" + o.file());
        Files.copy(sample, net.resolve(o.v6() ? "tcp6" : "tcp"));
        if (o.v6()) {
            Files.writeString(net.resolve("tcp"), ProcLines.TCP_HEADER + "\n");
        }

        ReadResult r = new ProcNetTcpReader(tmp, ByteOrder.LITTLE_ENDIAN).read(NOW);

        assertThat(r.rows()).isEqualTo(o.rows());
        assertThat(r.malformed()).isEqualTo(o.malformed());
        assertThat(r.table().time()).isEqualTo(NOW);
        assertThat(r.table().listeners().stream().map(l -> endpoint(l.local(), l.port())))
                .containsExactlyElementsOf(o.listen());
        assertThat(r.table().listeners())
                .allSatisfy(l -> assertThat(l.backlog()).isEqualTo(-1));
        assertThat(r.table().connections()).hasSize(o.connections());
        // None of these samples has a connection on a listening port.
        assertThat(r.table().connections())
                .allSatisfy(c -> assertThat(c.direction()).isEqualTo(Direction.OUTBOUND));
    }

    @Test
    void everyTcpSampleHasAnOracle() throws IOException {
        Path root = TestData.path("proc");
        Set<String> samples;
        try (Stream<Path> files = Files.walk(root)) {
            samples = files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .filter(p -> !p.endsWith(".json") && !p.contains("udp"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(samples)
                .containsExactlyInAnyOrderElementsOf(oracles().map(Oracle::file).toList());
    }

    @Test
    void jcNetTcp6AgreesWithJcsOwnParse() throws IOException {
        byte[] data = Files.readAllBytes(TestData.path("proc/jc/net_tcp6"));
        JsonNode expected = new ObjectMapper()
                .readTree(TestData.path("proc/jc/net_tcp6.expected.json").toFile());
        List<TcpRow> rows = new ArrayList<>();
        ProcNetTcpParser.parse(data, data.length, true, ByteOrder.LITTLE_ENDIAN, rows::add);

        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            TcpRow r = rows.get(i);
            JsonNode e = expected.get(i);
            assertThat(r.local())
                    .as("row %d local", i)
                    .isEqualTo(IpKey.parse(e.get("local_address").asText()));
            assertThat(r.localPort())
                    .as("row %d local port", i)
                    .isEqualTo(e.get("local_port").asInt());
            assertThat(r.remote())
                    .as("row %d remote", i)
                    .isEqualTo(IpKey.parse(e.get("remote_address").asText()));
            assertThat(r.remotePort())
                    .as("row %d remote port", i)
                    .isEqualTo(e.get("remote_port").asInt());
            assertThat(r.state().code())
                    .as("row %d state", i)
                    .isEqualTo(Integer.parseInt(e.get("state").asText(), 16));
            assertThat(r.txQueue()).isEqualTo(Long.parseLong(e.get("tx_queue").asText(), 16));
            assertThat(r.rxQueue()).isEqualTo(Long.parseLong(e.get("rx_queue").asText(), 16));
            assertThat(r.uid()).isEqualTo(e.get("uid").asInt());
            assertThat(r.inode()).isEqualTo(e.get("inode").asLong());
        }
    }

    private static String endpoint(IpKey ip, int port) {
        return (ip.isV4() ? ip.toString() : "[" + ip + "]") + ":" + port;
    }
}
