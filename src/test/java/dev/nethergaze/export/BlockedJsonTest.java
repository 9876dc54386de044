package dev.nethergaze.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.engine.Engine;
import dev.nethergaze.engine.EngineSettings;
import dev.nethergaze.model.Block;
import dev.nethergaze.model.BlockTable;
import dev.nethergaze.model.FirewallBlocks;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ips[].blocked}: every rule that blocks the address, with when a timed one ends; [] for the rest. */
class BlockedJsonTest {

    @Test
    void eachIpListsTheRulesThatBlockIt() throws Exception {
        Engine engine = new Engine(new EngineSettings(true, 1000, Duration.ofMinutes(15), 4, "h", String::valueOf));
        Instant t0 = Instant.parse("2026-12-05T18:00:00Z");
        for (String ip : List.of("2001:db8::7", "198.51.100.9")) {
            IpKey k = IpKey.parse(ip);
            engine.apply(new HttpHit("t", t0, k, k, "GET", "/", "HTTP/1.1", 200, 10, "-", "curl", "", false));
        }
        Block ours = new Block(
                "nethergaze",
                "inet nethergaze input: ip6 saddr @blocked6 drop",
                "",
                "2001:db8::/64",
                t0.plusSeconds(3600));
        engine.apply(new FirewallBlocks(
                "firewall",
                t0.plusSeconds(1),
                BlockTable.of(List.of(BlockTable.Range.prefix(IpKey.parse("2001:db8::"), 64, ours)))));
        JsonNode doc = new ObjectMapper().readTree(new SnapshotJson(false).bytes(engine.snapshot(List.of())));
        JsonNode v6 = null;
        JsonNode v4 = null;
        for (JsonNode ip : doc.get("ips")) {
            if (ip.get("ip").asText().equals("2001:db8::7")) {
                v6 = ip;
            } else {
                v4 = ip;
            }
        }
        assertThat(v6.get("blocked")).hasSize(1);
        JsonNode b = v6.get("blocked").get(0);
        assertThat(b.get("by").asText()).isEqualTo("nethergaze");
        assertThat(b.get("rule").asText()).isEqualTo("inet nethergaze input: ip6 saddr @blocked6 drop");
        assertThat(b.get("matched").asText()).isEqualTo("2001:db8::/64");
        assertThat(b.get("only").asText()).isEmpty();
        assertThat(b.get("expires").asText()).isEqualTo("2026-12-05T19:00:00Z");
        assertThat(v4.get("blocked").isArray()).isTrue();
        assertThat(v4.get("blocked")).isEmpty();
    }
}
