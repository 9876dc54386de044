package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture under ../shared/testdata/pcap gives the counts of the "## pcap/" table in
 * ORACLES.md (computed there with tshark and capinfos): packets, TCP packets, SYN, SYN-ACK, RST,
 * distinct source IPs and distinct SYN sources.
 */
class PcapOracleTest {

    record Row(String file, long packets, long tcp, long syn, long synAck, long rst, long srcIps, long synSrcIps) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Row> rows() throws IOException {
        Path oracles = TestData.path("ORACLES.md");
        List<Row> rows = new ArrayList<>();
        boolean inPcap = false;
        for (String line : Files.readAllLines(oracles, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inPcap = line.startsWith("## pcap/");
                continue;
            }
            if (!inPcap || !line.startsWith("| `")) {
                continue;
            }
            String[] c = line.split("\\|");
            String file = c[1].strip().replace("`", "");
            rows.add(new Row(file, n(c[4]), n(c[5]), n(c[6]), n(c[7]), n(c[8]), n(c[9]), n(c[10])));
        }
        assertThat(rows).hasSizeGreaterThan(30);
        return rows.stream();
    }

    private static long n(String cell) {
        return Long.parseLong(cell.strip().replace(",", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void countsMatchTheOracle(Row row) throws IOException {
        WireAggregator agg = Replays.aggregate(TestData.path("pcap/" + row.file()));
        CaptureCounters c = agg.counters();
        List<IpTotals> ips = agg.all();
        assertThat(c.frames()).as("packets").isEqualTo(row.packets());
        assertThat(c.protocols().get("tcp")).as("TCP packets").isEqualTo(row.tcp());
        assertThat(ips.stream().mapToLong(IpTotals::syn).sum()).as("SYN").isEqualTo(row.syn());
        assertThat(ips.stream().mapToLong(IpTotals::synack).sum()).as("SYN-ACK").isEqualTo(row.synAck());
        assertThat(ips.stream().mapToLong(IpTotals::rst).sum()).as("RST").isEqualTo(row.rst());
        assertThat(ips.stream().filter(t -> t.packets() > 0).count())
                .as("source IPs")
                .isEqualTo(row.srcIps());
        assertThat(ips.stream().filter(t -> t.syn() > 0).count())
                .as("SYN source IPs")
                .isEqualTo(row.synSrcIps());
    }
}
