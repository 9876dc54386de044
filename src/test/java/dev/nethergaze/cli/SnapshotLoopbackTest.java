package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real kernel sockets on loopback: a client bound to a random 127/8 address holds connections to our listener in
 * ESTABLISHED, CLOSE_WAIT and TIME_WAIT (server side), and `snapshot --show-private-ips` reports them.
 */
class SnapshotLoopbackTest {

    @Test
    void snapshotReportsRealLoopbackConnectionsByState() throws Exception {
        // a fresh loopback address per run, so TIME_WAITs of earlier runs cannot be counted
        java.util.Random rnd = new java.util.Random();
        byte[] addr = {127, (byte) (1 + rnd.nextInt(250)), (byte) rnd.nextInt(250), (byte) (1 + rnd.nextInt(250))};
        InetAddress client = InetAddress.getByAddress(addr);
        String clientText = client.getHostAddress();
        List<Socket> keep = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            int port = server.getLocalPort();
            // A: stays ESTABLISHED
            keep.add(connect(client, port));
            keep.add(server.accept());
            // B: the client closes, the server does not: server side CLOSE_WAIT
            Socket b = connect(client, port);
            keep.add(server.accept());
            b.close();
            // C: the server closes first, then the client: server side TIME_WAIT
            Socket c = connect(client, port);
            Socket cs = server.accept();
            cs.close();
            awaitEof(c);
            c.close();

            CliRun r = CliRun.of("snapshot", "--json", "--show-private-ips", "--no-http", "--tick-ms", "100");
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode doc = r.json();
            JsonNode ip = null;
            for (JsonNode n : doc.get("ips")) {
                if (n.get("ip").asText().equals(clientText)) {
                    ip = n;
                }
            }
            assertThat(ip).as("%s in %s", clientText, doc.get("ips")).isNotNull();
            JsonNode states = ip.get("connections").get("by_state");
            assertThat(states.path("ESTABLISHED").asInt()).isEqualTo(1);
            assertThat(states.path("CLOSE_WAIT").asInt()).isEqualTo(1);
            assertThat(states.path("TIME_WAIT").asInt()).isEqualTo(1);
            assertThat(ip.get("connections").get("inbound").asInt()).isEqualTo(3);
            assertThat(ip.get("services").get(0).get("port").asInt()).isEqualTo(port);
            assertThat(ip.get("services").get(0).get("count").asInt()).isEqualTo(3);
            boolean listening = false;
            for (JsonNode l : doc.get("listeners")) {
                listening |= l.get("port").asInt() == port
                        && l.get("address").asText().equals("127.0.0.1");
            }
            assertThat(listening).as("our listener in listeners[]").isTrue();
            assertThat(doc.get("sources").get(0).get("name").asText()).isEqualTo("conn");
            assertThat(doc.get("sources").get(0).get("status").asText()).isEqualTo("ok");
            // a one-shot reads the SYN counters once: their values since boot, no rates
            JsonNode syn = doc.get("totals").get("syn");
            assertThat(syn.get("interval_s").isNull()).isTrue();
            assertThat(syn.get("syncookies_sent_per_s").isNull()).isTrue();
            assertThat(syn.get("since_boot").get("in_segs").asLong()).isPositive();

            CliRun hidden = CliRun.of("snapshot", "--json", "--no-http", "--tick-ms", "100");
            assertThat(hidden.json().get("ips").toString()).doesNotContain("\"" + clientText + "\"");
            assertThat(hidden.json().get("totals").get("hidden_connections").asInt())
                    .isGreaterThanOrEqualTo(3);

            CliRun text =
                    CliRun.of("snapshot", "--text", "--show-private-ips", "--no-http", "--no-auth", "--tick-ms", "100");
            assertThat(text.exit()).as(text.err()).isZero();
            assertThat(text.out()).startsWith("Nethergaze — ").contains("sources: conn:ok");
            assertThat(text.out().lines().filter(l -> l.contains(" " + clientText + " ")))
                    .singleElement()
                    .satisfies(l -> assertThat(l).containsPattern(" +3 [A-Z]+:1 [A-Z]+:1 +" + port + " "));
        } finally {
            for (Socket s : keep) {
                s.close();
            }
        }
    }

    private static Socket connect(InetAddress local, int port) throws Exception {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 2000);
        return s;
    }

    private static void awaitEof(Socket s) throws Exception {
        s.setSoTimeout(2000);
        assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
}
