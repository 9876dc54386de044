package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctl stop} during a paced replay ({@code --speed 1x} of a 46 s capture) ends it, as it ends a
 * live capture: the run returns at once with what was read, says it was stopped, and writes its
 * snapshot (before: "ok", then the replay went on to the end of the file).
 */
class CaptureReplayStopTest {

    @TempDir
    Path tmp;

    /** The 46 s capture replayed at 1x with its control socket at {@code sock}, once that socket is there. */
    static CompletableFuture<CliRun> pacedReplay(Path sock, Path snap) throws InterruptedException {
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of(
                "capture",
                "--headless",
                "--read",
                TestData.path(PCAP).toString(),
                "--speed",
                "1x",
                "--socket",
                sock.toString(),
                "--snapshot",
                snap.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(sock) && System.nanoTime() < deadline && !run.isDone()) {
            Thread.sleep(50);
        }
        // the socket's file is there from bind(), a moment before listen(): a connect in between is
        // refused ("no running Nethergaze"), which a loaded machine (the whole suite) hit once
        while (System.nanoTime() < deadline
                && !run.isDone()
                && CliRun.isolated("ctl", "status", "--socket", sock.toString()).exit() != 0) {
            Thread.sleep(50);
        }
        return run;
    }

    static final String PCAP = "pcap/esnet/two_way_all_flags.pcap";

    @Test
    void ctlStopEndsAPacedReplayWithWhatWasRead() throws Exception {
        Path sock = tmp.resolve("r.sock");
        Path snap = tmp.resolve("snap.json");
        CompletableFuture<CliRun> run = pacedReplay(sock, snap);
        Thread.sleep(1000);
        CliRun stop = CliRun.isolated("ctl", "stop", "--socket", sock.toString());
        assertThat(stop.exit()).as(stop.err()).isZero();

        CliRun r = run.get(15, TimeUnit.SECONDS); // the file lasts 46 s at 1x
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(sock).doesNotExist();
        JsonNode doc = new ObjectMapper().readTree(snap.toFile());
        JsonNode source = CliRun.element(doc.get("sources"), "kind", "capture");
        assertThat(source.get("detail").asText()).contains("stopped on request after ");
    }
}
