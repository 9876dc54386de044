package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control socket of a live session without capture ({@code watch}, run in-process on its own
 * thread): status, top and snapshot answer; the capture commands are refused with a reply that says
 * why; a second run does not take over the live socket; {@code ctl stop} ends the watch and removes
 * the socket.
 */
class SessionControlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void ctlAgainstAWatchWithoutCapture() throws Exception {
        Path sock = tmp.resolve("ng.sock");
        Path config = Files.writeString(tmp.resolve("config.toml"), "");
        StringWriter watchErr = new StringWriter();
        CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(
                () -> Main.run(session("watch", config, sock, "--interval", "30"), new PrintWriter(watchErr, true)));
        awaitSocket(sock, watch);

        CliRun status = ctl(sock, "status");
        assertThat(status.exit()).as(status.err()).isZero();
        JsonNode data = JSON.readTree(status.out()).path("data");
        assertThat(data.has("generated_at")).as(status.out()).isTrue();
        assertThat(data.has("capture")).as("no capture, no capture status").isFalse();
        assertThat(ctl(sock, "top", "5").exit()).isZero();
        CliRun snapshot = ctl(sock, "snapshot");
        assertThat(snapshot.exit()).isZero();
        assertThat(JSON.readTree(snapshot.out())
                        .path("data")
                        .path("schema_version")
                        .asInt())
                .isEqualTo(1);

        CliRun set = ctl(sock, "set", "--port", "443");
        assertThat(set.exit()).isEqualTo(1);
        assertThat(JSON.readTree(set.out()).path("error").asText())
                .isEqualTo(CaptureControlHandler.NO_CAPTURE)
                .contains("--capture");
        for (String cmd : new String[] {"pause", "resume", "reset"}) {
            CliRun r = ctl(sock, cmd);
            assertThat(r.exit()).as(cmd).isEqualTo(1);
            assertThat(r.out()).as(cmd).contains("\"ok\":false", "no packet capture");
        }

        StringWriter secondErr = new StringWriter();
        int second = Main.run(session("watch", config, sock, "--count", "1"), new PrintWriter(secondErr, true));
        assertThat(second).isEqualTo(2);
        assertThat(secondErr.toString()).contains("--socket " + sock, "already listening");
        assertThat(ctl(sock, "status").exit())
                .as("the first run still owns its socket")
                .isZero();

        CliRun stop = ctl(sock, "stop");
        assertThat(stop.exit()).isZero();
        assertThat(watch.get(10, TimeUnit.SECONDS)).as(watchErr.toString()).isZero();
        assertThat(Files.exists(sock, LinkOption.NOFOLLOW_LINKS)).isFalse();
        CliRun gone = ctl(sock, "status");
        assertThat(gone.exit()).isEqualTo(2);
        assertThat(gone.err()).contains("no running Nethergaze at " + sock);
    }

    /**
     * A run that lists no private addresses (the default) is asked to explain one it read: the reply
     * says it was hidden ({@code private_hidden}), and {@code explain} says so rather than "not seen"
     * (before: "10.0.0.5: not seen" of an address whose requests the run had counted); asked without
     * {@code --socket}, explain judges here instead, where private addresses are listed, and says why.
     */
    @Test
    void explainOfAPrivateAddressTheRunDoesNotListSaysSo() throws Exception {
        Path sock = tmp.resolve("nethergaze.sock");
        Path config = Files.writeString(tmp.resolve("config.toml"), "");
        String now = java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ROOT)
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        Path log = Files.writeString(
                tmp.resolve("access.log"),
                "10.0.0.5 - - [" + now + "] \"GET /admin HTTP/1.1\" 200 5 \"-\" \"curl\"\n" + "203.0.113.9 - - [" + now
                        + "] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\"\n");
        StringWriter watchErr = new StringWriter();
        String[] args = {
            "watch",
            "--config",
            config.toString(),
            "--no-conn",
            "--no-auth",
            "--no-history",
            "--offline",
            "--access-log",
            log.toString(),
            "--from-start",
            "--socket",
            sock.toString(),
            "--interval",
            "30"
        };
        CompletableFuture<Integer> watch =
                CompletableFuture.supplyAsync(() -> Main.run(args, new PrintWriter(watchErr, true)));
        try {
            awaitSocket(sock, watch);
            JsonNode pub = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) { // until the run has read the log
                pub = JSON.readTree(ctl(sock, "explain", "203.0.113.9").out()).path("data");
                if (pub.path("seen").asBoolean()) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(pub.path("seen").asBoolean()).as(pub.toString()).isTrue();
            assertThat(pub.path("private_hidden").asBoolean()).isFalse();

            JsonNode hidden =
                    JSON.readTree(ctl(sock, "explain", "10.0.0.5").out()).path("data");
            assertThat(hidden.path("seen").asBoolean()).isFalse();
            assertThat(hidden.path("private_hidden").asBoolean()).isTrue();

            CliRun asked = CliRun.of("explain", "10.0.0.5", "--socket", sock.toString());
            assertThat(asked.exit()).as(asked.err()).isZero();
            assertThat(asked.out())
                    .isEqualTo("10.0.0.5: not listed: the Nethergaze running at " + sock + " lists no private"
                            + " addresses (start it with --show-private-ips, or explain without --socket to judge"
                            + " here)\n");

            CliRun judged = ExplainRunningTest.explainWithRuntimeDir(tmp, "10.0.0.5");
            assertThat(judged.exit()).as(judged.err()).isZero();
            assertThat(judged.err())
                    .contains("nethergaze: explain: the Nethergaze running at " + sock
                            + " lists no private addresses (general.show_private_ips is off): judged the last 1h");
        } finally {
            ctl(sock, "stop");
            assertThat(watch.get(10, TimeUnit.SECONDS)).as(watchErr.toString()).isZero();
        }
    }

    @Test
    void filterOptionsWithoutCaptureAreAUsageError() {
        StringWriter err = new StringWriter();
        int rc = Main.run(new String[] {"watch", "--no-socket", "--port", "443", "--count", "1"}, new PrintWriter(err));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("add --capture");
    }

    @Test
    void captureWithoutHeadlessOpensTheConsoleAndRefusesHeadlessOnlyOptions() {
        CliRun read = CliRun.of("capture", "--read", tmp.resolve("x.pcap").toString());
        assertThat(read.exit()).isEqualTo(2);
        assertThat(read.err()).contains("--read", "needs --headless", "nethergaze --capture");
        java.io.PrintStream realErr = System.err;
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        CliRun console;
        try {
            System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
            console = CliRun.of("capture", "--no-socket", "--iface", "lo");
        } finally {
            System.setErr(realErr);
        }
        assertThat(console.exit()).isEqualTo(2);
        assertThat(console.err()).isEmpty();
        assertThat(stderr.toString(java.nio.charset.StandardCharsets.UTF_8))
                .as("the console, refusing a non-terminal")
                .contains("needs a terminal");
    }

    static String[] session(String command, Path config, Path sock, String... more) {
        String[] base = {
            command,
            "--config",
            config.toString(),
            "--no-conn",
            "--no-http",
            "--no-auth",
            "--no-history",
            "--offline",
            "--socket",
            sock.toString()
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    static CliRun ctl(Path sock, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "ctl";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--socket";
        all[args.length + 2] = sock.toString();
        return CliRun.isolated(all);
    }

    /** Waits (10 s at most) until the run's socket exists; fails early if the run ended. */
    static void awaitSocket(Path sock, CompletableFuture<Integer> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(sock, LinkOption.NOFOLLOW_LINKS)) {
            assertThat(run).as("the run ended before opening its socket").isNotDone();
            assertThat(System.nanoTime()).as("socket %s within 10 s", sock).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
