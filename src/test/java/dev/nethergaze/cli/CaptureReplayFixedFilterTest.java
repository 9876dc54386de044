package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.TestData;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctl set} (and pause, resume, reset) during {@code capture --headless --read FILE} is refused:
 * before, "ok", and the rest of the file was counted under the new filter while the report still
 * said "N packets" of FILE, with no word of the change. status and stop still work. A refused pause,
 * resume or reset says why in its own words: it said the replay "keeps the filter it started with",
 * and to start again with --port or --bpf, as if a reset were a filter (seen asking a paced replay
 * for a reset).
 */
class CaptureReplayFixedFilterTest {

    @TempDir
    Path tmp;

    @Test
    void setPauseResumeAndResetAreRefusedDuringAReplay() throws Exception {
        Path sock = tmp.resolve("r.sock");
        Path snap = tmp.resolve("snap.json");
        Path pcap = TestData.path(CaptureReplayStopTest.PCAP);
        CompletableFuture<CliRun> run = CaptureReplayStopTest.pacedReplay(sock, snap);
        try {
            String why = "a replay of " + pcap + " keeps the filter it started with to the end of the file";
            CliRun set = CliRun.isolated("ctl", "set", "--port", "443", "--socket", sock.toString());
            assertThat(set.exit()).as(set.out() + set.err()).isEqualTo(1);
            assertThat(set.out()).startsWith("{\"ok\":false,\"error\":\"" + why);
            for (String cmd : new String[] {"pause", "resume", "reset"}) {
                CliRun r = CliRun.isolated("ctl", cmd, "--socket", sock.toString());
                assertThat(r.exit()).as(cmd).isEqualTo(1);
                assertThat(r.out())
                        .as(cmd)
                        .startsWith("{\"ok\":false,\"error\":\"" + cmd + " failed: a replay of " + pcap
                                + " is not paused, resumed or reset: its report is that of the whole file")
                        .doesNotContain("filter");
            }
            assertThat(CliRun.isolated("ctl", "status", "--socket", sock.toString())
                            .exit())
                    .isZero();
        } finally {
            CliRun.isolated("ctl", "stop", "--socket", sock.toString());
        }
        CliRun r = run.get(15, TimeUnit.SECONDS);
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(snap.toFile());
        assertThat(CliRun.element(doc.get("sources"), "kind", "capture")
                        .get("detail")
                        .asText())
                .contains("stopped on request after ");
    }
}
