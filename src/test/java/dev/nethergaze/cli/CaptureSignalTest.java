package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.TestData;
import dev.nethergaze.source.capture.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture --headless --snapshot F --csv F} stopped by Ctrl-C or SIGTERM, as a user stops a
 * capture without --duration: the files are written at exit with what was captured, the control
 * socket is removed, and the exit status is the signal's (130, 143). Runs the CLI in a child JVM,
 * since a signal ends the JVM it reaches.
 */
class CaptureSignalTest {

    private static final String PCAP = "pcap/esnet/two_way_all_flags.pcap"; // 46 s of packets

    @TempDir
    Path tmp;

    @Test
    void sigintDuringAPacedReplayWritesTheSnapshotAndCsv() throws Exception {
        Path sock = tmp.resolve("c.sock");
        Process p = start("--read", TestData.path(PCAP).toString(), "--speed", "1x", "--socket", sock.toString());
        awaitSocket(p, sock);
        Thread.sleep(1500); // some packets in
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err()).isEqualTo(130);
        assertWritten(sock);
    }

    @Test
    void sigtermDuringALiveCaptureWritesTheSnapshotAndCsv() throws Exception {
        assumeTrue(Tools.isRoot(), "live capture needs root or CAP_NET_RAW (CI runs as root)");
        assumeTrue(Tools.hasLibpcap(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        Path sock = tmp.resolve("l.sock");
        Process p = start("--iface", "lo", "--socket", sock.toString());
        awaitSocket(p, sock);
        Thread.sleep(1500);
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err()).isEqualTo(143);
        assertWritten(sock);
    }

    private Process start(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "capture",
                "--headless",
                "--snapshot",
                tmp.resolve("snap.json").toString(),
                "--csv",
                tmp.resolve("top.csv").toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("err").toFile())
                .start();
    }

    /** Until the run listens on its socket (it has started capturing or replaying), 60 s at most. */
    private void awaitSocket(Process p, Path sock) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(sock)) {
            assertThat(p.isAlive()).as(this::err).isTrue();
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new AssertionError("no control socket after 60 s: " + err());
            }
            Thread.sleep(100);
        }
    }

    private void assertWritten(Path sock) throws Exception {
        assertThat(tmp.resolve("snap.json")).as(this::err).exists();
        assertThat(new ObjectMapper()
                        .readTree(tmp.resolve("snap.json").toFile())
                        .has("ips"))
                .isTrue();
        assertThat(Files.readAllLines(tmp.resolve("top.csv"), StandardCharsets.UTF_8))
                .first()
                .asString()
                .startsWith("ip,packets,");
        assertThat(sock).doesNotExist();
    }

    private String err() {
        try {
            return Files.readString(tmp.resolve("err"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
