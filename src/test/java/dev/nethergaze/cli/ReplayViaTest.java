package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client behind two trusted proxies: {@code ips[].via} names each proxy its requests came through. */
class ReplayViaTest {

    private static String line(String peer, String forwarded, int second) {
        return peer + " - - [10/Oct/2025:13:55:" + (10 + second) + " +0000] \"GET /p" + second
                + " HTTP/1.1\" 200 12 \"-\" \"ua\" \"" + forwarded + "\"";
    }

    @Test
    void aTwoHopChainListsThePeerAndBothHops(@TempDir Path dir) throws Exception {
        Path log = Files.write(
                dir.resolve("access.log"),
                List.of(
                        // client -> 10.0.0.7 -> 10.0.0.8 -> the peer 10.0.0.5 -> nginx
                        line("10.0.0.5", "203.0.113.4, 10.0.0.7, 10.0.0.8", 0),
                        line("10.0.0.5", "203.0.113.4, 10.0.0.7, 10.0.0.8", 1),
                        // a forged hop to the client's left is not one it passed
                        line("10.0.0.6", "10.9.9.9, 198.51.100.8", 2),
                        // from an untrusted peer the header is ignored: direct
                        line("198.51.100.20", "203.0.113.4, 10.0.0.7", 3)));
        CliRun r = CliRun.of(
                "replay",
                "--json",
                "--no-history",
                "--log-format",
                "main",
                "--trusted-proxy",
                "10.0.0.0/8",
                log.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = r.json();
        JsonNode client = CliRun.ip(doc, "203.0.113.4");
        assertThat(client.get("requests").asLong()).isEqualTo(2);
        assertThat(texts(client.get("via"))).containsExactly("10.0.0.5", "10.0.0.8", "10.0.0.7");
        assertThat(texts(CliRun.ip(doc, "198.51.100.8").get("via"))).containsExactly("10.0.0.6");
        assertThat(texts(CliRun.ip(doc, "198.51.100.20").get("via"))).isEmpty();
        assertThat(doc.get("ips").findValuesAsText("ip")).doesNotContain("10.0.0.5", "10.0.0.7", "10.0.0.8");
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }
}
