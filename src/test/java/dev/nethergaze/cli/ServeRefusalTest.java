package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** serve beyond loopback without a token is refused in one line, before any source starts. */
class ServeRefusalTest {

    @Test
    void aRefusedServeStartsNothingAndSaysOneLine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getenv(WebListen.TOKEN_ENV) == null, "needs no token in the environment");
        PrintStream realErr = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        CliRun r;
        try (PrintStream capture = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            System.setErr(capture); // what the sources would report goes here
            r = CliRun.of("serve", "--web", "198.51.100.1:0", "--offline", "--no-history");
        } finally {
            System.setErr(realErr);
        }
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines())
                .singleElement()
                .asString()
                .startsWith("nethergaze: --web 198.51.100.1:0: refusing to serve beyond loopback without a token");
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .as("no source was started")
                .isEmpty();
    }
}
