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
}
