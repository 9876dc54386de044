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
 * {@code explain IP} asks a running Nethergaze over its control socket for the IP's findings and
 * says which one answered (before: it always judged here, blind to what the running one had seen).
 * The running one is a paced replay of ESnet's tcp_0_1000 capture: 172.31.15.102 sends SYNs to ports
 * 0..1000 of 198.124.152.15 (ORACLES.md), a syn_scan.
 */
class ExplainRunningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCANNER = "172.31.15.102";

    @TempDir
    Path tmp;

    /** The 10 s capture at 0.5x with its socket at {@code sock}, once that socket answers. */
    private static CompletableFuture<CliRun> running(Path sock, Path snap) throws InterruptedException {
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.isolated(
                "capture",
                "--headless",
                "--read",
                TestData.path("pcap/esnet/tcp_0_1000_20190821.pcap").toString(),
                "--speed",
                "0.5x",
                "--socket",
                sock.toString(),
                "--snapshot",
                snap.toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline
                && !run.isDone()
                && (!Files.exists(sock)
                        || CliRun.isolated("ctl", "status", "--socket", sock.toString())
                                        .exit()
                                != 0)) {
            Thread.sleep(50);
        }
        return run;
    }

    @Test
    void explainAsksTheRunningNethergazeAndSaysWhichOneAnswered() throws Exception {
        Path sock = tmp.resolve("n.sock");
        CompletableFuture<CliRun> run = running(sock, tmp.resolve("snap.json"));
        try {
            CliRun r = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && !run.isDone()) {
                r = CliRun.of("explain", SCANNER, "--socket", sock.toString());
                if (r.exit() == 0 && r.out().contains("] syn_scan: ")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(r).isNotNull();
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).startsWith(SCANNER + ": 1 finding, worst ").contains("] syn_scan: ", "  evidence:\n");
            assertThat(r.err())
                    .contains("nethergaze: explain: answered by the Nethergaze running at " + sock + " (host ")
                    .doesNotContain("judged the last");

            CliRun j = CliRun.of("explain", SCANNER, "--socket", sock.toString(), "--json");
            assertThat(j.exit()).as(j.err()).isZero();
            JsonNode doc = JSON.readTree(j.out());
            assertThat(doc.get("ip").asText()).isEqualTo(SCANNER);
            assertThat(doc.get("seen").asBoolean()).isTrue();
            assertThat(doc.get("findings").findValuesAsText("rule")).contains("syn_scan");
            assertThat(doc.get("findings").get(0).get("evidence")).isNotEmpty();

            CliRun unseen = CliRun.of("explain", "192.0.2.77", "--socket", sock.toString());
            assertThat(unseen.out()).isEqualTo("192.0.2.77: not seen\n");

            // a prefix is asked of the running one too (before: always judged here, over the last hour's logs)
            CliRun prefix = CliRun.of("explain", "172.31.15.0/24", "--socket", sock.toString());
            assertThat(prefix.exit()).as(prefix.err()).isZero();
            assertThat(prefix.err()).contains("answered by the Nethergaze running at " + sock);
            assertThat(prefix.out())
                    .isEqualTo("172.31.15.0/24: no findings now\n1 address of it in the report: " + SCANNER + "\n");
            JsonNode prefixJson =
                    JSON.readTree(CliRun.of("explain", "172.31.15.0/24", "--socket", sock.toString(), "--json")
                            .out());
            assertThat(prefixJson.get("addresses")).hasToString("[\"" + SCANNER + "\"]");
            assertThat(prefixJson.get("seen").asBoolean()).isTrue();

            // ctl explain: the socket's reply line as it is, for scripts (exit 0: ok)
            CliRun ctl = CliRun.isolated("ctl", "explain", SCANNER, "--socket", sock.toString());
            assertThat(ctl.exit()).as(ctl.err() + ctl.out()).isZero();
            JsonNode reply = JSON.readTree(ctl.out());
            assertThat(reply.get("cmd").asText()).isEqualTo("explain");
            assertThat(reply.get("data").get("ip").asText()).isEqualTo(SCANNER);
            assertThat(reply.get("data").get("findings").findValuesAsText("rule"))
                    .contains("syn_scan");
            CliRun notAnIp = CliRun.isolated("ctl", "explain", "300.1.2.3", "--socket", sock.toString());
            assertThat(notAnIp.exit()).as("refused by the server").isEqualTo(1);
            assertThat(JSON.readTree(notAnIp.out()).get("error").asText())
                    .isEqualTo("explain needs \"ip\": an IPv4 or IPv6 address, or a prefix (2001:db8:1:2::/64)");
            CliRun noIp = CliRun.isolated("ctl", "explain", "--socket", sock.toString());
            assertThat(noIp.exit()).isEqualTo(2);
            assertThat(noIp.err()).isEqualTo("nethergaze ctl: which IP? usage: nethergaze ctl explain IP\n");
            assertThat(run).as("asked while it ran").isNotDone();
        } finally {
            CliRun.isolated("ctl", "stop", "--socket", sock.toString());
            CliRun done = run.get(60, TimeUnit.SECONDS);
            assertThat(done.exit()).as(done.err()).isZero();
        }
    }

    /**
     * Nothing at the default socket ({@code $XDG_RUNTIME_DIR/nethergaze.sock}): explain judges here,
     * as before, and its one line on stderr says why.
     */
    @Test
    void withNoneRunningItJudgesHereAndSaysSoInOneLine() throws Exception {
        CliRun r = explainWithRuntimeDir(tmp, "203.0.113.66");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("203.0.113.66: not seen\n");
        String line = "nethergaze: explain: no running Nethergaze at " + tmp.resolve("nethergaze.sock")
                + ": judged the last 1h of the logs (the default; --since 1d for ssh_slow_guess's day) and the"
                + " connection table now\n";
        assertThat(r.err()).contains(line);
    }

    /** {@code explain IP --no-history --offline} with {@code $XDG_RUNTIME_DIR} at {@code dir} (its default socket there). */
    static CliRun explainWithRuntimeDir(Path dir, String ip) {
        String[] args = {"explain", ip, "--no-history", "--offline"};
        picocli.CommandLine cl = Main.commandLine(args);
        ((ExplainCommand) cl.getSubcommands().get("explain").getCommand()).env =
                java.util.Map.of("XDG_RUNTIME_DIR", dir.toString());
        return CliRun.of(cl, args);
    }

    @Test
    void aSocketGivenWithNothingThereIsAnErrorNotAJudgementHere() {
        Path sock = tmp.resolve("none.sock");
        CliRun r = CliRun.of("explain", SCANNER, "--socket", sock.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no running Nethergaze at " + sock);
        assertThat(r.out()).isEmpty();
    }
}
