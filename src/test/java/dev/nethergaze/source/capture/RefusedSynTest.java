package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.WireDelta;
import dev.nethergaze.source.StatusReporter;
import org.junit.jupiter.api.Test;

/**
 * A SYN the other side answers by RST (a closed port) is refused; one its sender resets itself, or
 * that nobody answers, is not. Counts from tshark on the captures (ORACLES.md has their SYN and RST
 * totals): nDPI's tcp_scan, 192.168.1.178's SYNs to 445 and 3389 answered RST-ACK, to 80 and 443
 * SYN-ACK; chrissanders' tcp_refuseconnection, one SYN to port 80 answered RST-ACK; zeek's
 * tcp_syn-then-rst, a SYN its own sender resets; esnet's masscan capture, 1,001 SYNs and no answer.
 */
class RefusedSynTest {

    /** One IP's SYNs, handshakes, unanswered and refused SYNs: the sums of a replay's ticks. */
    private record Totals(long syn, long handshakes, long unansweredSyn, long refusedSyn) {}

    private static Totals totals(String file, String ip) throws InterruptedException {
        IpKey key = IpKey.parse(ip);
        long[] sum = new long[4];
        new ReplayCapture(TestData.path("pcap/" + file), CaptureOptions.defaults(), StatusReporter.to(System.err))
                .run(e -> {
                    if (e instanceof PacketTick t) {
                        for (WireDelta d : t.ips()) {
                            if (d.ip().equals(key)) {
                                sum[0] += d.syn();
                                sum[1] += d.handshakes();
                                sum[2] += d.unansweredSyn();
                                sum[3] += d.refusedSyn();
                            }
                        }
                    }
                });
        return new Totals(sum[0], sum[1], sum[2], sum[3]);
    }

    @Test
    void synsAnsweredByRstAreRefused() throws InterruptedException {
        Totals scanner = totals("ndpi/tcp_scan.pcapng", "192.168.1.178");
        assertThat(scanner.syn()).isEqualTo(4);
        assertThat(scanner.handshakes()).isEqualTo(2);
        assertThat(scanner.unansweredSyn()).isEqualTo(2);
        assertThat(scanner.refusedSyn()).as("refused by RST").isEqualTo(2);
        Totals client = totals("chrissanders/tcp_refuseconnection.pcapng", "192.168.100.138");
        assertThat(client.unansweredSyn()).isEqualTo(1);
        assertThat(client.refusedSyn()).as("refused by RST").isEqualTo(1);
    }

    @Test
    void synsWithNoAnswerOrResetByTheirSenderAreNotRefused() throws InterruptedException {
        Totals self = totals("zeek/tcp_syn-then-rst.pcap", "1.1.1.1");
        assertThat(self.unansweredSyn()).isEqualTo(1);
        assertThat(self.refusedSyn()).as("reset by its own sender").isZero();
        Totals masscan = totals("esnet/tcp_0_1000_20190821.pcap", "172.31.15.102");
        assertThat(masscan.unansweredSyn()).isEqualTo(1001);
        assertThat(masscan.refusedSyn()).isZero();
    }
}
