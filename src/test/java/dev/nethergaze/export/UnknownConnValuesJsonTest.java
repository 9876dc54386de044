package dev.nethergaze.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.TcpHealth;
import dev.nethergaze.model.TcpState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the kernel table did not tell is null in the snapshot JSON, not a number: a listener's backlog
 * read from procfs (which has none; it was -1), and the RTT of an IP none of whose sockets is
 * ESTABLISHED (it was 0.0, a perfect link, where a closing socket's tcp_info gave retransmissions).
 */
class UnknownConnValuesJsonTest {

    private static final IpKey LOCAL = IpKey.parse("192.0.2.1");

    private static JsonNode document(TcpState state, long backlog) throws IOException {
        Engine e = new Engine(new EngineSettings(true, 1_000, Duration.ofMinutes(15), 4, "h", String::valueOf));
        Connection closing = new Connection(
                LOCAL,
                443,
                IpKey.parse("203.0.113.7"),
                40001,
                state,
                Direction.INBOUND,
                77,
                33,
                new TcpHealth(12_000, 6_000, 2, 1, 0, 0, 0),
                null);
        e.apply(new ConnTable(
                "conn",
                Instant.parse("2026-11-22T03:00:00Z"),
                List.of(closing),
                List.of(new Listener(IpKey.parse("0.0.0.0"), 443, 0, backlog, 0)),
                null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SnapshotJson(false).write(e.snapshot(List.of()), out);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void aBacklogProcfsCannotTellIsNull() throws IOException {
        assertThat(document(TcpState.ESTABLISHED, -1)
                        .get("listeners")
                        .get(0)
                        .get("backlog")
                        .isNull())
                .isTrue();
        assertThat(document(TcpState.ESTABLISHED, 511)
                        .get("listeners")
                        .get(0)
                        .get("backlog")
                        .asLong())
                .isEqualTo(511);
    }

    @Test
    void anRttNoSocketMeasuredIsNull() throws IOException {
        JsonNode tcp = document(TcpState.FIN_WAIT1, 511).get("ips").get(0).get("tcp");
        assertThat(tcp.get("rtt_ms_p50").isNull()).as(tcp.toString()).isTrue();
        assertThat(tcp.get("rtt_ms_max").isNull()).as(tcp.toString()).isTrue();
        assertThat(tcp.get("retrans").asLong()).isEqualTo(2);
        assertThat(tcp.get("rtt_sockets").asLong()).isZero();
        JsonNode measured =
                document(TcpState.ESTABLISHED, 511).get("ips").get(0).get("tcp");
        assertThat(measured.get("rtt_ms_p50").asDouble()).isEqualTo(12.0);
        assertThat(measured.get("rtt_ms_max").asDouble()).isEqualTo(12.0);
    }
}
