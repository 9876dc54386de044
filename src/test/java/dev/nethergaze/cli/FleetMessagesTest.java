package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nethergaze.fleet.NatsServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --nats help text is not eaten by picocli's markup; fleet --wait 0 without JetStream says why it saw nothing. */
class FleetMessagesTest {

    @TempDir
    Path tmp;

    @Test
    void theNatsHelpTextIsWhole() {
        for (String command : java.util.List.of("watch", "serve", "fleet")) {
            String help = CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
            assertThat(help).as(command).contains("nats://[user:pass@ or token@]");
            assertThat(help).as(command).doesNotContain("passAlso").doesNotContain("@|");
        }
    }

    @Test
    void waitZeroWithoutJetStreamSaysSoNotThatTheStreamIsEmpty() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        try (NatsServer server = NatsServer.start(tmp, null)) {
            PrintStream realErr = System.err;
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            CliRun r;
            try (PrintStream ps = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
                System.setErr(ps);
                r = CliRun.of("fleet", "--nats", server.url(), "--wait", "0");
            } finally {
                System.setErr(realErr);
            }
            assertThat(r.exit()).isEqualTo(1);
            assertThat(errBytes.toString(StandardCharsets.UTF_8))
                    .contains("no JetStream stream, and --wait 0 listens to nothing")
                    .doesNotContain("stream is empty");
        }
    }

    /**
     * fleet --wait with no host publishing: it says first what it waits for (the subject, the server),
     * and prints no table header over no rows. Before, an empty header, then after the wait "no host
     * published" on stderr.
     */
    @Test
    void waitingSaysWhatForAndPrintsNoEmptyTable() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        try (NatsServer server = NatsServer.start(tmp, "s3cret")) {
            CliRun r = CliRun.withStderr("fleet", "--nats", server.url(), "--wait", "0.5");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines().toList())
                    .containsExactly(
                            "nethergaze: fleet: waiting 0.5 s for hosts on nethergaze.*.snapshot at nats://***@127.0.0.1:"
                                    + server.port(),
                            "nethergaze: fleet: no host published in 0.5 s (run serve, watch or console with --nats"
                                    + " nats://***@127.0.0.1:" + server.port() + ")");
        }
    }

    /**
     * The server lost while fleet listens: the hosts heard before are shown, the loss said, exit 2.
     * Before, "nats: connection lost while listening: ..." alone, exit 2, and the hosts already
     * received were dropped (the fleet helper's drill).
     */
    @Test
    void aServerLostWhileListeningLeavesTheHostsHeardBeforeShown() throws Exception {
        String missing = NatsServer.missing();
        assumeTrue(missing == null, missing);
        try (NatsServer server = NatsServer.start(tmp, null)) {
            java.util.concurrent.atomic.AtomicReference<CliRun> run =
                    new java.util.concurrent.atomic.AtomicReference<>();
            PrintStream realErr = System.err;
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            try (PrintStream ps = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
                System.setErr(ps);
                Thread fleet = Thread.ofPlatform()
                        .start(() -> run.set(CliRun.of("fleet", "--nats", server.url(), "--wait", "3", "--json")));
                String doc = "{\"schema_version\":1,\"host\":\"alpha\",\"generated_at\":\"" + java.time.Instant.now()
                        + "\",\"totals\":{},\"ips\":[],\"findings\":[]}";
                long until = System.nanoTime() + 2_000_000_000L;
                try (dev.nethergaze.fleet.NatsConnection pub = dev.nethergaze.fleet.NatsConnection.connect(
                        server.url(), "test publisher", java.time.Duration.ofSeconds(5))) {
                    while (System.nanoTime() < until) { // until fleet has surely subscribed
                        pub.publish(
                                dev.nethergaze.fleet.FleetPublisher.subject("alpha"),
                                doc.getBytes(StandardCharsets.UTF_8));
                        pub.flush();
                        Thread.sleep(100);
                    }
                }
                server.stop();
                fleet.join();
            } finally {
                System.setErr(realErr);
            }
            CliRun r = run.get();
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).contains("\"host\":\"alpha\"");
            assertThat(errBytes.toString(StandardCharsets.UTF_8))
                    .contains("connection lost while listening")
                    .contains("shown: the 1 host heard before, others may be missing");
        }
    }
}
