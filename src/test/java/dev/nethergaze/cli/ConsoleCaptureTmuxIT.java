package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nethergaze.source.capture.Tools;
import dev.nethergaze.ui.tui.TmuxPane;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real console with live capture on {@code lo} ({@code nethergaze --capture lo}), in a tmux
 * pane: a bounded burst of SYNs from 127.0.0.78 to 40 closed ports shows up as wire data (the
 * capture's health in the header, the PKT/S column, the IP's SYNs over {@code ctl top}); {@code ctl
 * status/top/pause/resume/set} round-trip against the console and {@code ctl stop} ends it with the
 * terminal restored and the socket removed. Needs root (CAP_NET_RAW) and tmux; skips otherwise.
 */
class ConsoleCaptureTmuxIT {

    private static final int FIRST_PORT = 47_510;
    private static final int PORTS = 40;
    private static final String SCANNER = "127.0.0.78";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private TmuxPane pane;

    @AfterEach
    void closePane() throws Exception {
        if (pane != null) {
            pane.close();
        }
    }

    @Test
    void consoleCapturesLoopbackAndObeysCtl() throws Exception {
        assumeTrue(TmuxPane.available(), "tmux is not installed");
        assumeTrue(Tools.isRoot(), "live capture needs root or CAP_NET_RAW (CI runs as root)");
        Path sock = tmp.resolve("ng.sock");
        Files.createDirectories(tmp.resolve("cfg"));
        String args = "--capture lo --port " + FIRST_PORT + "-" + (FIRST_PORT + PORTS - 1)
                + " --show-private-ips --no-conn --no-http --no-auth --no-history --offline --socket " + sock;
        pane = TmuxPane.open(200, 40);
        pane.typeLine("XDG_CONFIG_HOME=" + tmp.resolve("cfg") + " "
                + TmuxPane.javaCommand(Main.class.getName(), args, tmp.resolve("console.err")));

        String header = pane.waitFor(
                s -> s.contains("◉ nethergaze") && (s.contains("capture lo:") || s.contains("libpcap")), 20);
        assumeTrue(!header.contains("libpcap"), () -> "libpcap not available: " + header);
        assertThat(header).doesNotContain("permission");
        SessionControlTest.awaitSocket(sock, new java.util.concurrent.CompletableFuture<>());

        assertThat(scan()).as("every connection refused by the kernel").isEqualTo(PORTS);
        java.util.regex.Pattern health =
                java.util.regex.Pattern.compile("capture lo: \\d+ pkt/s, kernel received [1-9]\\d*, dropped 0");
        pane.waitFor(
                s -> s.contains(SCANNER)
                        && s.contains("PKT/S")
                        && health.matcher(s).find(),
                10);

        JsonNode top = ok(ctl(sock, "top", "5"));
        JsonNode scanner = row(top, SCANNER);
        assertThat(scanner.path("syn").asLong()).as(top.toString()).isGreaterThanOrEqualTo(PORTS);
        assertThat(scanner.path("synack").asLong()).isZero();
        assertThat(scanner.path("ports_touched").asLong()).isEqualTo(PORTS);

        JsonNode status = ok(ctl(sock, "status"));
        JsonNode capture = status.path("data").path("capture");
        assertThat(capture.path("input").asText()).isEqualTo("lo");
        assertThat(capture.path("paused").asBoolean()).isFalse();
        assertThat(capture.path("filter").asText()).contains("portrange " + FIRST_PORT);

        long synBefore = scanner.path("syn").asLong();
        ok(ctl(sock, "pause"));
        assertThat(capture(sock).path("paused").asBoolean()).isTrue();
        scan();
        Thread.sleep(1500); // more than a capture tick: counted SYNs would have reached the engine
        assertThat(row(ok(ctl(sock, "top", "5")), SCANNER).path("syn").asLong())
                .as("paused: nothing counted")
                .isEqualTo(synBefore);
        ok(ctl(sock, "resume"));
        assertThat(capture(sock).path("paused").asBoolean()).isFalse();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        long synAfter = synBefore;
        while (synAfter < synBefore + PORTS && System.nanoTime() < deadline) {
            scan();
            Thread.sleep(1200);
            synAfter = row(ok(ctl(sock, "top", "5")), SCANNER).path("syn").asLong();
        }
        assertThat(synAfter).as("resumed: counted again").isGreaterThanOrEqualTo(synBefore + PORTS);
        ok(ctl(sock, "set", "--port", "443"));
        CliRun bad = ctl(sock, "set", "--port", "notaport");
        assertThat(bad.exit()).as(bad.out()).isEqualTo(1);

        ProcessHandle console = pane.program().orElseThrow(() -> new AssertionError("no console process"));
        ok(ctl(sock, "stop"));
        console.onExit().get(15, TimeUnit.SECONDS);
        pane.waitFor(TmuxPane::promptIsBack, 10);
        assertThat(pane.sttyFlags()).contains("icanon", "echo").doesNotContain("-icanon", "-echo");
        assertThat(pane.screen(false)).doesNotContain("◉ nethergaze");
        assertThat(Files.exists(sock, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    /** One connection from {@link #SCANNER} to each closed port (SYN, answered by RST); the refused count. */
    private static int scan() throws IOException {
        InetAddress from = InetAddress.getByName(SCANNER);
        InetAddress to = InetAddress.getLoopbackAddress();
        int refused = 0;
        for (int p = FIRST_PORT; p < FIRST_PORT + PORTS; p++) {
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(from, 0));
                s.connect(new InetSocketAddress(to, p), 1000);
            } catch (ConnectException e) {
                refused++;
            } catch (SocketTimeoutException e) {
                // counted as not refused
            }
        }
        return refused;
    }

    private static JsonNode capture(Path sock) throws IOException {
        return ok(ctl(sock, "status")).path("data").path("capture");
    }

    private static CliRun ctl(Path sock, String... args) {
        return SessionControlTest.ctl(sock, args);
    }

    private static JsonNode ok(CliRun r) throws IOException {
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode reply = JSON.readTree(r.out());
        assertThat(reply.path("ok").asBoolean()).isTrue();
        return reply;
    }

    private static JsonNode row(JsonNode top, String ip) {
        for (JsonNode r : top.path("data")) {
            if (r.path("ip").asText().equals(ip)) {
                return r;
            }
        }
        throw new AssertionError(ip + " not in " + top);
    }
}
