package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.source.capture.Tools;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real SYN scan on the loopback interface, captured live by {@code capture --headless}: a client
 * bound to 127.0.0.77 connects to 40 closed ports (each answered by RST), round after round until
 * the capture has reported it (the first rounds may come before the capture is open). Its first
 * sighting and the syn_scan finding reach the alert file; no other traffic passes the port filter.
 */
class LiveCaptureAlertsTest {

    private static final int FIRST_PORT = 47_310;
    private static final int PORTS = 40;

    @TempDir
    Path tmp;

    @Test
    void aLoopbackScanBecomesNewIpAndSynScanAlerts() throws Exception {
        assumeTrue(Tools.isRoot(), "live capture needs root or CAP_NET_RAW (CI runs as root)");
        assumeTrue(Tools.hasLibpcap(), "libpcap not installed (Debian libpcap0.8; CI installs it)");
        Path alerts = tmp.resolve("alerts.jsonl");
        CompletableFuture<Integer> refused = CompletableFuture.supplyAsync(() -> scanUntilReported(alerts));
        CliRun r = CliRun.of(
                "capture",
                "--headless",
                "--no-socket",
                "--iface",
                "lo",
                "--port",
                FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1),
                "--duration",
                "9",
                "--alerts",
                alerts.toString(),
                "--snapshot",
                tmp.resolve("snap.json").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(refused.get()).isEqualTo(PORTS);
        List<String> lines = Files.readAllLines(alerts, StandardCharsets.UTF_8);
        assertThat(lines)
                .as(() -> r.err() + readQuietly(tmp.resolve("snap.json")))
                .anySatisfy(l -> assertThat(l).contains("\"rule\":\"new_ip\"", "\"subject\":\"127.0.0.77\""))
                .anySatisfy(l -> assertThat(l)
                        .contains("\"rule\":\"syn_scan\"", "\"subject\":\"127.0.0.77\"", "0 completed handshakes"));
    }

    /** Rounds of connections from 127.0.0.77 to each closed port until the scan is reported (8 s at most). */
    private static int scanUntilReported(Path alerts) {
        try {
            InetAddress from = InetAddress.getByName("127.0.0.77");
            InetAddress to = InetAddress.getLoopbackAddress();
            int refused = 0;
            for (int round = 0; round < 16 && !readQuietly(alerts).contains("syn_scan"); round++) {
                Thread.sleep(500);
                refused = 0;
                for (int p = FIRST_PORT; p < FIRST_PORT + PORTS; p++) {
                    try (Socket s = new Socket()) {
                        s.bind(new InetSocketAddress(from, 0));
                        s.connect(new InetSocketAddress(to, p), 1000);
                    } catch (ConnectException e) {
                        refused++;
                    }
                }
            }
            return refused;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readQuietly(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
