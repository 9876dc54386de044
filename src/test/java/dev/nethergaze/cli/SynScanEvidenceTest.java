package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ports a {@code syn_scan} finding calls most recent are the ones the scanner sent its last SYNs
 * to. Before, each tick's delta named only the first 16 new ports of that tick, so a scan of
 * hundreds of ports a second showed the first ports of each second as "most recent" (for the masscan
 * below: 139 and 435, sent to long before the end, and not 21, among its last 32).
 */
class SynScanEvidenceTest {

    @Test
    void theMostRecentPortsAreThoseOfTheLastSyns() {
        CliRun r = CliRun.of(
                "replay",
                "--json",
                TestData.path("pcap/esnet/tcp_0_1000_20190821.pcap").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> evidence = new ArrayList<>();
        JsonNode scanner = CliRun.ip(r.json(), "172.31.15.102");
        for (String list : List.of("findings", "earlier_findings")) {
            for (JsonNode f : scanner.get(list)) {
                if (f.get("rule").asText().equals("syn_scan")) {
                    f.get("evidence").forEach(e -> evidence.add(e.asText()));
                }
            }
        }
        // the destination ports of the capture's last 32 SYNs, sorted
        // (tshark -Y 'tcp.flags.syn==1 && tcp.flags.ack==0' -T fields -e tcp.dstport | tail -32 | sort -n)
        assertThat(evidence)
                .contains("ports (most recent 32): 0, 21, 46, 49, 96, 101, 221, 269, 280, 330, 347, 353, 381, 389,"
                        + " 481, 514, 557, 559, 598, 610, …");
    }
}
