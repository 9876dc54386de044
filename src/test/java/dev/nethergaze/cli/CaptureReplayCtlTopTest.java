package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctl top} and {@code ctl snapshot} during a paced replay ({@code --speed 1x} of ESnet's
 * two_way_all_flags.pcap: 10.0.0.10 and 10.0.0.80 send each other 3969 packets in 46 s) answer with
 * what the replay has seen so far (before: {@code top} an empty list, {@code snapshot} "no snapshot
 * yet", for the whole replay).
 */
class CaptureReplayCtlTopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each of the two hosts sends half of the file's 7938 packets (ORACLES.md, tshark). */
    private static final long SENT_EACH = 3969;

    private static final Instant FIRST = Instant.parse("2020-08-19T21:43:40.845861Z");
    private static final Instant LAST = Instant.parse("2020-08-19T21:44:27.176243Z");

    @TempDir
    Path tmp;

    @Test
    void ctlTopAndSnapshotDuringAPacedReplayShowWhatItHasSeen() throws Exception {
        Path sock = tmp.resolve("r.sock");
        CompletableFuture<CliRun> run = CaptureReplayStopTest.pacedReplay(sock, tmp.resolve("snap.json"));
        try {
            JsonNode rows = topWithPackets(sock, run);
            List<String> ips = new ArrayList<>();
            rows.forEach(r -> ips.add(r.get("ip").asText()));
            assertThat(ips).containsExactlyInAnyOrder("10.0.0.10", "10.0.0.80");
            for (JsonNode r : rows) {
                assertThat(r.get("packets").asLong()).as(r.toString()).isBetween(1L, SENT_EACH);
            }

            CliRun snap = CliRun.isolated("ctl", "snapshot", "--socket", sock.toString());
            assertThat(snap.exit()).as(snap.err() + snap.out()).isZero();
            JsonNode doc = JSON.readTree(snap.out()).get("data");
            Instant at = Instant.parse(doc.get("generated_at").asText());
            assertThat(at).isBetween(FIRST, LAST); // packet time, mid-file
            for (String ip : ips) {
                long packets = CliRun.ip(doc, ip).get("wire").get("packets").asLong();
                assertThat(packets).as(ip).isBetween(1L, SENT_EACH);
            }
            assertThat(run).as("the replay is still running: asked mid-file").isNotDone();
        } finally {
            CliRun.isolated("ctl", "stop", "--socket", sock.toString());
            CliRun r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.err()).isZero();
        }
    }

    /** Asks {@code ctl top} until it lists IPs with packets (the first tick is 1 s of packet time in). */
    private static JsonNode topWithPackets(Path sock, CompletableFuture<CliRun> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < deadline && !run.isDone()) {
            CliRun top = CliRun.isolated("ctl", "top", "--socket", sock.toString());
            last = top.out() + top.err();
            if (top.exit() == 0) {
                JsonNode rows = JSON.readTree(top.out()).get("data");
                if (!rows.isEmpty() && rows.get(0).path("packets").asLong() > 0) {
                    return rows;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ctl top never listed an IP with packets during the replay; last reply: " + last);
    }
}
