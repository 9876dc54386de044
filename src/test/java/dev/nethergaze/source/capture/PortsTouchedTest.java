package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.TestData;
import dev.nethergaze.model.IpKey;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ports_touched} counts the ports an IP went to, not the ports its answers went back to: a web
 * server the host fetched from had "ports 1" for the host's ephemeral port (one per connection the
 * host made, thousands for a busy upstream), as if it were probing the host. The expected counts are
 * the captures' own (tshark: the distinct destination ports of each flow's opening side).
 */
class PortsTouchedTest {

    /** Each IP's ports touched in a real capture under ../shared/testdata/pcap. */
    private static Map<String, Integer> touched(String file) throws IOException {
        return Replays.aggregate(TestData.path("pcap/" + file)).all().stream()
                .collect(Collectors.toMap(t -> t.ip().toString(), IpTotals::portsTouched, (a, b) -> a, TreeMap::new));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // a whole HTTP connection: the client touched port 80, the server nothing
        "zeek/http_get.pcap, 141.142.228.5, 1, 192.150.187.43, 0",
        // a whole SSH session, 93 packets: the server's 41 answers to port 49244 touch nothing
        "zeek/ssh_single-conn.pcap, 192.150.186.169, 1, 131.159.14.23, 0",
        "chrissanders/http_ip4and6.pcapng, 172.16.16.140, 1, 172.16.16.139, 0",
        "chrissanders/http_ip4and6.pcapng, 2001:db8:1:2::1002, 1, 2001:db8:1:2::1000, 0",
        // no handshake in the capture (it began mid-connection): the side with the lower port is the service
        "tcpdump/ipv4_tcp_http_xml.pcap, 10.114.101.120, 0, 10.21.11.94, 0",
    })
    void aConnectionsAnswersTouchNoPort(String file, String client, int clientPorts, String server, int serverPorts)
            throws IOException {
        Map<String, Integer> ports = touched(file);
        assertThat(ports).containsEntry(IpKey.parse(client).toString(), clientPorts);
        assertThat(ports).containsEntry(IpKey.parse(server).toString(), serverPorts);
    }

    /** A SYN scan's probes are not answers: every port it tried counts (masscan's 1001, ORACLES.md's count). */
    @Test
    void aScansProbesStillCountEveryPort() throws IOException {
        Map<String, Integer> ports = touched("esnet/tcp_0_1000_20190821.pcap");
        assertThat(ports.values()).contains(1001);
    }

    /** UDP has no handshake: a resolver's answers from port 53 to the asker's ephemeral ports touch nothing. */
    @Test
    void aResolversAnswersTouchNoPort() {
        WireAggregator agg = new WireAggregator(CaptureLimits.DEFAULTS, null);
        IpKey host = IpKey.parse("192.0.2.7");
        IpKey resolver = IpKey.parse("198.51.100.53");
        for (int i = 0; i < 50; i++) {
            agg.frame(
                    1000L + i,
                    FrameDecoder.LINK_RAW,
                    GroupDestinationTest.udp4(host.v4(), 40000 + i, resolver.v4(), 53),
                    0,
                    28,
                    28);
            agg.frame(
                    1001L + i,
                    FrameDecoder.LINK_RAW,
                    GroupDestinationTest.udp4(resolver.v4(), 53, host.v4(), 40000 + i),
                    0,
                    28,
                    28);
        }
        assertThat(agg.totals(host).portsTouched()).isEqualTo(1);
        assertThat(agg.totals(resolver).portsTouched()).isZero();
    }
}
