package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nethergaze.source.demo.DemoScenario;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void headlessDemoShowsTheFloodScannerAndBruteForcer() {
        CliRun r = CliRun.of("demo", "--headless", "--duration", "4", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = r.json();
        // the demo's snapshots are named demo@HOST: published with --nats, a fleet view never takes them
        // for this host's own (before: the machine's real host name)
        assertThat(d.get("host").asText()).startsWith("demo@").hasSizeGreaterThan("demo@".length());
        Map<String, JsonNode> ips = new HashMap<>();
        d.get("ips").forEach(ip -> ips.put(ip.get("ip").asText(), ip));

        int synRecv = 0;
        for (var flood : DemoScenario.floodIps()) {
            JsonNode ip = ips.get(flood.toString());
            assertThat(ip).as("flood IP %s present", flood).isNotNull();
            assertThat(ip.get("requests").asLong())
                    .as("flood IPs never send a request")
                    .isZero();
            synRecv += ip.get("connections").get("by_state").path("SYN_RECV").asInt();
        }
        assertThat(synRecv).isGreaterThanOrEqualTo(250);
        assertThat(d.get("totals").get("connections_by_state").get("SYN_RECV").asInt())
                .isEqualTo(synRecv);

        JsonNode scanner = ips.get(DemoScenario.SCANNER.toString());
        assertThat(scanner.get("status").get("4xx").asLong()).isPositive();
        assertThat(scanner.get("last_requests").toString()).contains("/.env");

        JsonNode brute = ips.get(DemoScenario.BRUTE_FORCER.toString());
        assertThat(brute.get("auth").get("failures").asLong()).isGreaterThanOrEqualTo(8);
        assertThat(brute.get("services").get(0).get("name").asText()).isEqualTo("ssh");
    }
}
