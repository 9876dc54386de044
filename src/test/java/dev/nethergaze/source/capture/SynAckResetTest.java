package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.model.IpKey;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A SYN-ACK its client answers by RST (a SYN scan finding an open port: SYN → SYN-ACK → RST) is
 * reset by the client, not half-open: nothing is left waiting for an ACK. esnet's nmap_80_vanilla
 * (tshark): 10.87.1.10 sends three SYNs to 130.211.223.103; two handshakes complete (port 443, and
 * port 80 from source port 52482), and the SYN-ACK from port 80 to source port 52478 is answered by a
 * bare RST. Before, that one counted as half-open, which during a SYN-flood triage reads as a
 * connection still pending.
 *
 * <p>Every SYN that is not a retransmission ends in exactly one outcome (completed, unanswered,
 * half-open, reset after its SYN-ACK), per IP and capture-wide; the SYNs and their retransmissions
 * add up to tshark's SYN count (ORACLES.md).
 */
class SynAckResetTest {

    private static IpTotals ip(WireAggregator agg, String ip) {
        IpKey key = IpKey.parse(ip);
        return agg.all().stream().filter(t -> t.ip().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aSynAckTheClientResetsIsNotHalfOpen() throws IOException {
        WireAggregator agg = Replays.aggregate(TestData.path("pcap/esnet/nmap_80_vanilla.pcap"));
        IpTotals scanner = ip(agg, "10.87.1.10");
        assertThat(scanner.syn()).isEqualTo(3);
        assertThat(scanner.handshakes()).as("handshakes").isEqualTo(2);
        assertThat(scanner.halfOpen()).as("half-open").isZero();
        assertThat(scanner.synUnanswered()).as("unanswered").isZero();
        assertThat(scanner.synackReset()).as("SYN-ACKs reset by the client").isEqualTo(1);
    }

    @Test
    void aSynAckTheClientResetsIsCountedCaptureWide() throws IOException {
        Map<String, Long> h = Replays.aggregate(TestData.path("pcap/esnet/nmap_80_vanilla.pcap"))
                .counters()
                .handshakes();
        assertThat(h)
                .containsEntry("syn", 3L)
                .containsEntry("handshakes", 2L)
                .containsEntry("half_open", 0L)
                .containsEntry("synack_reset", 1L)
                .containsEntry("open", 0L);
    }

    /**
     * ESnet's two_way_all_flags (tshark, each SYN's 4-tuple followed): 10.0.0.10 opens 1,008 handshakes
     * to 10.0.0.80:80; 240 get a SYN-ACK that nothing answers, 256 an RST, 512 nothing. 10.0.0.80's
     * 1,008 SYNs back (every flag combination) get nothing.
     */
    @Test
    void everyFlagCombinationEndsInOneOutcome() throws IOException {
        WireAggregator agg = Replays.aggregate(TestData.path("pcap/esnet/two_way_all_flags.pcap"));
        IpTotals client = ip(agg, "10.0.0.10");
        assertThat(client.handshakes()).isZero();
        assertThat(client.synUnanswered()).isEqualTo(768);
        assertThat(client.synRefused()).isEqualTo(256);
        assertThat(client.halfOpen()).isEqualTo(240);
        assertThat(client.synackReset()).isZero();
        IpTotals server = ip(agg, "10.0.0.80");
        assertThat(server.synUnanswered()).isEqualTo(1008);
        assertThat(agg.counters().handshakes()).containsEntry("syn", 2016L).containsEntry("syn_resent", 0L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.nethergaze.source.capture.PcapOracleTest#rows")
    void everySynEndsInExactlyOneOutcome(PcapOracleTest.Row row) throws IOException {
        WireAggregator agg = Replays.aggregate(TestData.path("pcap/" + row.file()));
        Map<String, Long> h = agg.counters().handshakes();
        long ended = h.get("handshakes") + h.get("syn_unanswered") + h.get("half_open") + h.get("synack_reset");
        assertThat(ended).as("outcomes of %s", h).isEqualTo(h.get("syn"));
        assertThat(h.get("open")).as("open at the end of the file").isZero();
        assertThat(h.get("syn") + h.get("syn_resent")).as("SYNs (tshark)").isEqualTo(row.syn());
        List<IpTotals> ips = agg.all();
        assertThat(sum(ips, IpTotals::handshakes)).isEqualTo(h.get("handshakes"));
        assertThat(sum(ips, IpTotals::synUnanswered)).isEqualTo(h.get("syn_unanswered"));
        assertThat(sum(ips, IpTotals::synRefused)).isEqualTo(h.get("syn_refused"));
        assertThat(sum(ips, IpTotals::halfOpen)).isEqualTo(h.get("half_open"));
        assertThat(sum(ips, IpTotals::synackReset)).isEqualTo(h.get("synack_reset"));
    }

    private static long sum(List<IpTotals> ips, ToLongFunction<IpTotals> f) {
        return ips.stream().mapToLong(f).sum();
    }
}
