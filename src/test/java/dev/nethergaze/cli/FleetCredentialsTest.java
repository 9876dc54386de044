package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nethergaze.fleet.NatsConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A NATS URL's password or token is never printed: in usage errors and in fleet's hints. */
class FleetCredentialsTest {

    @Test
    void passwordsAndTokensAreRedactedWhereverTheUrlIsPrinted() throws Exception {
        assertThat(NatsConnection.redacted("nats://alice:S3cret!pw@127.0.0.1:14223"))
                .isEqualTo("nats://alice:***@127.0.0.1:14223");
        assertThat(NatsConnection.redacted("nats://tok123@h:1?ca=/x@y")).isEqualTo("nats://***@h:1?ca=/x@y");
        assertThat(NatsConnection.redacted("tls://h:4222")).isEqualTo("tls://h:4222");
        assertThatThrownBy(() -> NatsConnection.parse("nats://alice:S3cretPW@127.0.0.1:x"))
                .hasMessageNotContaining("S3cretPW")
                .hasMessageContaining("nats://alice:***@127.0.0.1:x");

        CliRun bad = CliRun.of("fleet", "--nats", "nats://tok123@127.0.0.1:x", "--wait", "0");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--nats: ").contains("***@127.0.0.1:x").doesNotContain("tok123");

        String missing = dev.nethergaze.fleet.NatsServer.missing();
        org.junit.jupiter.api.Assumptions.assumeTrue(missing == null, missing);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ng-fleet-cred");
        try (dev.nethergaze.fleet.NatsServer server = dev.nethergaze.fleet.NatsServer.start(dir, "S3cretTok")) {
            PrintStream realErr = System.err;
            ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            CliRun none;
            try (PrintStream ps = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
                System.setErr(ps);
                none = CliRun.of("fleet", "--nats", server.url(), "--wait", "0.5");
            } finally {
                System.setErr(realErr);
            }
            assertThat(none.exit()).isEqualTo(1);
            String said = errBytes.toString(StandardCharsets.UTF_8) + none.err();
            assertThat(said).contains("no host published").contains("***@127.0.0.1:" + server.port());
            assertThat(said).doesNotContain("S3cretTok");
        } finally {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
