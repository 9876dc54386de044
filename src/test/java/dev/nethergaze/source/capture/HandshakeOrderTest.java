package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.model.IpKey;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A handshake whose SYN-ACK was captured before its SYN (zeek's tcp_handshake-reorder.pcap: a capture
 * point that timestamps the two directions apart, as multi-queue NICs and mirror ports do) is a
 * completed handshake, not an unanswered SYN: the connection went on to carry an HTTP request and
 * its answer. Before, the client was counted one unanswered SYN and no handshake, the very figures
 * {@code syn_scan} reads as a scanner's.
 */
class HandshakeOrderTest {

    @Test
    void aSynAckCapturedBeforeItsSynCompletesTheHandshake() throws IOException {
        WireAggregator agg = Replays.aggregate(TestData.path("pcap/zeek/tcp_handshake-reorder.pcap"));
        IpTotals client = agg.all().stream()
                .filter(t -> t.ip().equals(IpKey.parse("141.142.228.5")))
                .findFirst()
                .orElseThrow();
        assertThat(client.syn()).isEqualTo(1);
        assertThat(client.synUnanswered()).as("unanswered SYNs").isZero();
        assertThat(client.halfOpen()).as("half-open").isZero();
        assertThat(client.handshakes()).as("handshakes").isEqualTo(1);
    }
}
