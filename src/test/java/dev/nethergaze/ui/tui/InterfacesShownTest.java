package dev.nethergaze.ui.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.export.PrometheusMetrics;
import dev.nethergaze.export.SnapshotJson;
import dev.nethergaze.model.InterfaceRates;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.Totals;
import dev.nethergaze.ui.tui.draw.Theme;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interfaces' traffic in the console's top bar, the JSON document and the metrics. */
class InterfacesShownTest {

    private static Snapshot with(Snapshot s, List<InterfaceRates> interfaces) {
        Totals t = s.totals();
        Totals withNet = new Totals(
                t.connections(),
                t.established(),
                t.byState(),
                t.hiddenConnections(),
                t.ipsTracked(),
                t.ipsShown(),
                t.evictedIps(),
                t.requests(),
                t.requestsPerMin(),
                t.bytes(),
                t.authFailures(),
                t.syn(),
                interfaces,
                t.hiddenRequests());
        return new Snapshot(
                s.generatedAt(), s.host(), s.sources(), withNet, s.ips(), s.listeners(), s.findings(), List.of());
    }

    private static final InterfaceRates ETH0 = new InterfaceRates(
            "eth0", 1_258_291, 317_440, 900, 400, 2, 0.5, 0, 0, 1.0, 9_000_000, 3_000_000, 40, 3, 0, 1);
    private static final InterfaceRates FIRST =
            new InterfaceRates("eth1", 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 200, 0, 0, 0, 0);

    @Test
    void theTopBarTheDocumentAndTheMetricsShowTheTraffic() throws Exception {
        Snapshot s = with(Snapshots.demo(4).getLast(), List.of(ETH0, FIRST));
        String screen = new Screens(200, 40, Theme.dark()).feed(List.of(s)).text();
        assertThat(screen).contains("net ↓1.2M/s ↑310K/s  drops+errs/s 2.5");

        JsonNode doc = new ObjectMapper().readTree(new SnapshotJson(false).bytes(s));
        JsonNode eth0 = doc.at("/totals/interfaces/0");
        assertThat(eth0.get("name").asText()).isEqualTo("eth0");
        assertThat(eth0.get("rx_bytes_per_s").asDouble()).isEqualTo(1_258_291.0);
        assertThat(eth0.get("rx_drops_per_s").asDouble()).isEqualTo(2.0);
        assertThat(eth0.at("/since_boot/rx_drops").asLong()).isEqualTo(40);
        JsonNode first = doc.at("/totals/interfaces/1");
        assertThat(first.get("interval_s").isNull())
                .as("a first reading has no rates")
                .isTrue();
        assertThat(first.has("rx_bytes_per_s")).isFalse();

        String metrics = PrometheusMetrics.write(s);
        assertThat(metrics)
                .contains("nethergaze_interface_receive_bytes_total{interface=\"eth0\"} 9000000\n")
                .contains("nethergaze_interface_receive_drops_total{interface=\"eth0\"} 40\n")
                .contains("nethergaze_interface_transmit_errors_total{interface=\"eth0\"} 1\n");

        String quiet = new Screens(200, 40, Theme.dark())
                .feed(List.of(with(Snapshots.demo(4).getLast(), List.of(FIRST))))
                .text();
        assertThat(quiet).as("no rates yet: nothing to show").doesNotContain("net ↓");
    }
}
