package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import dev.nethergaze.source.StatusReporter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * First-sight alerts on the esnet masscan capture (one source, 172.31.15.102 /
 * 00:24:38:98:cb:00, sending in each of ten seconds; its target 198.128.153.23 never answers): one
 * new_ip and one new_mac however often they send, on packet time, and nothing for an address that
 * only receives.
 */
class CaptureAlertsTest {

    private static final String SCAN = "pcap/esnet/tcp_0_1000_20190821.pcap";
    /** The first tick's time: its last packet's (tshark: frame 16, 1566411407.991547). */
    private static final Instant FIRST_TICK = Instant.parse("2019-08-21T18:16:47.991547Z");

    private record Sent(Instant time, Finding finding) {}

    private static List<Sent> replay() throws Exception {
        List<Sent> sent = new ArrayList<>();
        CaptureAlerts a = new CaptureAlerts((t, f) -> sent.add(new Sent(t, f)), 1000);
        CaptureOptions o = CaptureOptions.defaults().withAlerts(a);
        new ReplayCapture(TestData.path(SCAN), o, StatusReporter.to(System.err)).run(e -> {});
        return sent;
    }

    @Test
    void oneNewIpAndOneNewMacOnPacketTime() throws Exception {
        List<Sent> sent = replay();
        assertThat(sent).hasSize(2);
        Finding mac = sent.get(0).finding();
        assertThat(sent.get(0).time()).isEqualTo(FIRST_TICK);
        assertThat(mac.rule()).isEqualTo(CaptureAlerts.NEW_MAC);
        assertThat(mac.severity()).isEqualTo(Severity.LOW);
        assertThat(mac.subject()).isEqualTo("00:24:38:98:cb:00");
        Finding ip = sent.get(1).finding();
        assertThat(sent.get(1).time()).isEqualTo(FIRST_TICK);
        assertThat(ip.rule()).isEqualTo(CaptureAlerts.NEW_IP);
        assertThat(ip.severity()).isEqualTo(Severity.INFO);
        assertThat(ip.subject()).isEqualTo("172.31.15.102");
        assertThat(ip.since()).isEqualTo(FIRST_TICK);
        assertThat(ip.window()).isEqualTo(Duration.ofSeconds(1));
        // the first tick is the partial second from 18:16:47.841604 (tshark: 16 packets)
        assertThat(ip.observed()).isEqualTo(16.0);
        assertThat(ip.threshold()).isZero();
        assertThat(ip.reason())
                .isEqualTo("first packets from 172.31.15.102: 16 in the tick up to 2019-08-21T18:16:47.991547Z"
                        + " (16.0 pps)");
        assertThat(ip.evidence()).containsExactly("16 packets, 1024 bytes, 16 SYNs, from MAC 00:24:38:98:cb:00");
        assertThat(mac.evidence()).containsExactly("first frame from MAC 00:24:38:98:cb:00 by " + FIRST_TICK);
    }
}
