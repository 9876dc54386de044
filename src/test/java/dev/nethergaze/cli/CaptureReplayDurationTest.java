package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.TestData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --duration S} bounds a paced replay as it bounds a live capture: before, {@code --read FILE
 * --speed 1x --duration 2} ignored it and ran the whole 46 s of the file.
 */
class CaptureReplayDurationTest {

    @Test
    void aPacedReplayEndsAfterItsDurationWithWhatItRead(@TempDir Path tmp) throws Exception {
        Path snap = tmp.resolve("snap.json");
        long t0 = System.nanoTime();
        CliRun r = CliRun.of(
                "capture",
                "--headless",
                "--no-socket",
                "--read",
                TestData.path(CaptureReplayStopTest.PCAP).toString(),
                "--speed",
                "1x",
                "--duration",
                "2",
                "--snapshot",
                snap.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(System.nanoTime() - t0).isLessThan(20_000_000_000L); // the file lasts 46 s at 1x
        JsonNode source =
                CliRun.element(new ObjectMapper().readTree(snap.toFile()).get("sources"), "kind", "capture");
        assertThat(source.get("detail").asText()).contains("stopped at --duration 2 s after ");
    }
}
