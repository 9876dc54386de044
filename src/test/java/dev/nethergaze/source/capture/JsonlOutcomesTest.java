package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.TestData;
import dev.nethergaze.source.StatusReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --jsonl-level second} gives, per IP and tick, how its SYNs ended, named as in {@code
 * ips[].wire}: before, it had SYNs, SYN-ACKs and RSTs but not one outcome, so a SYN flood's history
 * in the file could not tell handshakes from unanswered SYNs or a scanner's resets. esnet's
 * nmap_80_vanilla (tshark): 10.87.1.10 completes two handshakes and resets one SYN-ACK.
 */
class JsonlOutcomesTest {

    @Test
    void secondLinesSayHowTheSynsEnded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wire.jsonl");
        try (CaptureJsonl jsonl = new CaptureJsonl(file, CaptureJsonl.Level.SECOND, 1 << 20, 1)) {
            new ReplayCapture(
                            TestData.path("pcap/esnet/nmap_80_vanilla.pcap"),
                            CaptureOptions.defaults().withJsonl(jsonl),
                            StatusReporter.to(System.err))
                    .run(e -> {});
        }
        Map<String, Long> sum = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = json.readTree(line);
            if (n.get("ip").asText().equals("10.87.1.10")) {
                for (String k :
                        new String[] {"handshakes", "syn_unanswered", "syn_refused", "half_open", "synack_reset"}) {
                    assertThat(n.has(k)).as("%s in %s", k, line).isTrue();
                    sum.merge(k, n.get(k).asLong(), Long::sum);
                }
            }
        }
        assertThat(sum)
                .containsEntry("handshakes", 2L)
                .containsEntry("syn_unanswered", 0L)
                .containsEntry("syn_refused", 0L)
                .containsEntry("half_open", 0L)
                .containsEntry("synack_reset", 1L);
    }
}
