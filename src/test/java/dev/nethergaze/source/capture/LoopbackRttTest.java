package dev.nethergaze.source.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.WireDelta;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Captures our own loopback connections with tcpdump (nanosecond timestamps), replays the file
 * and compares every handshake answer time with tshark's {@code tcp.analysis.ack_rtt} on the
 * SYN-ACK and on the handshake's ACK: each must agree within 1 %.
 */
class LoopbackRttTest {

    private static final int CONNECTIONS = 10;

    @Test
    void handshakeRttAgreesWithTshark(@TempDir Path dir) throws Exception {
        Tools.require("tcpdump", "tshark");
        assumeTrue(Tools.isRoot(), "capturing on lo needs root or CAP_NET_RAW");
        Path pcap = dir.resolve("lo.pcap");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            Process dump = new ProcessBuilder(
                            "tcpdump",
                            "-i",
                            "lo",
                            "-U",
                            "--immediate-mode", // else the last block is still unread when SIGINT stops it
                            "-n",
                            "-Z",
                            "root", // Debian's tcpdump otherwise drops to user tcpdump before creating the file
                            "-s",
                            "128",
                            "--time-stamp-precision=nano",
                            "-w",
                            pcap.toString(),
                            "tcp port " + port)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                awaitListening(dump);
                for (int i = 0; i < CONNECTIONS; i++) {
                    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port);
                            Socket s = server.accept()) {
                        c.getOutputStream().write(1);
                        s.getInputStream().read();
                    }
                }
                Thread.sleep(300);
            } finally {
                // SIGINT to our own tcpdump, by its PID: it writes out what it holds and exits
                Tools.quietly(List.of("kill", "-INT", Long.toString(dump.pid())));
                if (!dump.waitFor(10, TimeUnit.SECONDS)) {
                    dump.destroyForcibly();
                }
            }
        }
        List<Long> ours = new ArrayList<>();
        WireAggregator agg = new WireAggregator(CaptureLimits.DEFAULTS, null);
        CaptureFile.read(pcap, agg);
        PacketTick t = agg.finish("test", Instant.EPOCH);
        for (WireDelta d : t.ips()) {
            ours.addAll(d.rttNanos());
        }
        String out = Tools.run(List.of(
                "tshark",
                "-n",
                "-r",
                pcap.toString(),
                "-Y",
                "tcp.analysis.ack_rtt && tcp.len == 0 && ((tcp.flags.syn == 1 && tcp.flags.ack == 1)"
                        + " || (tcp.flags == 0x010 && tcp.seq == 1 && tcp.ack == 1))",
                "-T",
                "fields",
                "-e",
                "tcp.analysis.ack_rtt"));
        List<Long> theirs = out.lines()
                .filter(l -> !l.isBlank())
                .map(l -> Math.round(Double.parseDouble(l.strip()) * 1e9))
                .toList();
        assertThat(theirs)
                .as("tshark on %s (%d bytes): %s", pcap, Files.size(pcap), out)
                .hasSize(2 * CONNECTIONS);
        assertThat(ours).hasSize(2 * CONNECTIONS);
        List<Long> left = new ArrayList<>(ours);
        for (long want : theirs) {
            Long match = left.stream()
                    .filter(v -> Math.abs(v - want) <= Math.max(1, want / 100))
                    .findFirst()
                    .orElse(null);
            assertThat(match)
                    .as("tshark ack_rtt %d ns has a match within 1%% in %s", want, ours)
                    .isNotNull();
            left.remove(match);
        }
    }

    /** Waits until tcpdump reports "listening on" (its handle is open and filtering) on stderr. */
    private static void awaitListening(Process dump) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(dump.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null && !line.contains("listening on")) {
            // tcpdump's banner lines
        }
        assertThat(line).as("tcpdump did not start capturing").isNotNull();
        Thread.ofVirtual().start(() -> {
            try {
                err.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // tcpdump exited
            }
        });
    }
}
