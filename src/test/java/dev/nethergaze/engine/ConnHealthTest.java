package dev.nethergaze.engine;

import static dev.nethergaze.engine.Fixtures.LOCAL;
import static dev.nethergaze.engine.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Direction;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.ProcessCount;
import dev.nethergaze.model.ProcessOwner;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SynCounters;
import dev.nethergaze.model.TcpHealth;
import dev.nethergaze.model.TcpState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** tcp_info, owners and SYN counters from a table reach the snapshot and its JSON. */
class ConnHealthTest {

    private static final String IP = "203.0.113.7";
    private static final ProcessOwner NGINX = ProcessOwner.of(812, "nginx");

    private static Connection conn(int rport, TcpState st, long rttUs, long retrans, ProcessOwner owner) {
        TcpHealth h = st == TcpState.SYN_RECV ? null : new TcpHealth(rttUs, rttUs / 2, retrans, 1, 0, 0, 0);
        return new Connection(
                LOCAL,
                443,
                IpKey.parse(IP),
                rport,
                st,
                Direction.INBOUND,
                st == TcpState.SYN_RECV ? 0 : rport,
                33,
                h,
                owner);
    }

    private static Snapshot snapshot() {
        Engine e = new Engine(Fixtures.settings());
        SynCounters syn = new SynCounters(900.5, 0, 0, 12, 900.5, 0, 3, 1000, 1, 1.0, null);
        e.apply(new ConnTable(
                "conn",
                T0,
                List.of(
                        conn(1001, TcpState.ESTABLISHED, 1000, 2, NGINX),
                        conn(1002, TcpState.ESTABLISHED, 3000, 0, NGINX),
                        conn(1003, TcpState.ESTABLISHED, 20000, 1, NGINX),
                        conn(
                                1004,
                                TcpState.SYN_RECV,
                                0,
                                0,
                                ProcessOwner.unattributed(ProcessOwner.Unattributed.NO_INODE))),
                List.of(new Listener(IpKey.parse("0.0.0.0"), 443, 2, 511, 1)),
                syn));
        return e.snapshot(List.of());
    }

    @Test
    void perIpQualityAndOwners() {
        Snapshot s = snapshot();
        IpView v = s.ips().getFirst();
        assertThat(v.tcp().rttMsP50()).isEqualTo(3.0);
        assertThat(v.tcp().rttMsMax()).isEqualTo(20.0);
        assertThat(v.tcp().retrans()).isEqualTo(3);
        assertThat(v.tcp().lost()).isEqualTo(3);
        assertThat(v.processes())
                .containsExactly(
                        new ProcessCount(NGINX, 3),
                        new ProcessCount(ProcessOwner.unattributed(ProcessOwner.Unattributed.NO_INODE), 1));
        assertThat(s.totals().syn().syncookiesSentPerS()).isEqualTo(900.5);
    }

    @Test
    void jsonCarriesTcpProcessesSynAndQueues() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SnapshotJson(false).write(snapshot(), out);
        JsonNode doc = new ObjectMapper().readTree(out.toByteArray());

        JsonNode ip = doc.get("ips").get(0);
        assertThat(ip.get("tcp").get("rtt_ms_p50").asDouble()).isEqualTo(3.0);
        assertThat(ip.get("tcp").get("rtt_ms_max").asDouble()).isEqualTo(20.0);
        assertThat(ip.get("tcp").get("retrans").asLong()).isEqualTo(3);
        assertThat(ip.get("tcp").get("lost").asLong()).isEqualTo(3);
        assertThat(ip.get("processes").get(0).get("pid").asInt()).isEqualTo(812);
        assertThat(ip.get("processes").get(0).get("command").asText()).isEqualTo("nginx");
        assertThat(ip.get("processes").get(1).get("unattributed").asText()).isEqualTo("no inode");
        JsonNode syn = doc.get("totals").get("syn");
        assertThat(syn.get("syncookies_sent_per_s").asDouble()).isEqualTo(900.5);
        assertThat(syn.get("listen_drops_per_s").asDouble()).isEqualTo(12);
        assertThat(syn.get("reqq_full_do_cookies_per_s").asDouble()).isEqualTo(900.5);
        assertThat(syn.get("syn_retrans_per_s").asDouble()).isEqualTo(3);
        JsonNode l = doc.get("listeners").get(0);
        assertThat(l.get("accept_queue").asLong()).isEqualTo(2);
        assertThat(l.get("backlog").asLong()).isEqualTo(511);
        assertThat(l.get("syn_queue").asLong()).isEqualTo(1);
    }
}
