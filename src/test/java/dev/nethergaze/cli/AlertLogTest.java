package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nethergaze.act.alert.AlertDispatcher;
import dev.nethergaze.config.Config;
import dev.nethergaze.config.ConfigLoader;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing alert sink is reported on stderr as it is when the failure happens: while the console
 * owns the screen it holds stderr back, so a stream captured at start would draw over the screen.
 */
class AlertLogTest {

    @Test
    void sinkFailuresGoToTheStderrOfTheMoment(@TempDir Path dir) throws Exception {
        Path toml = dir.resolve("c.toml");
        Files.writeString(toml, "[alerts]\ncommand = [\"" + dir.resolve("no-such-program") + "\"]\n");
        Config c = ConfigLoader.load(toml, Map.of(), Map.of());
        PrintStream real = System.err;
        ByteArrayOutputStream atStart = new ByteArrayOutputStream();
        ByteArrayOutputStream later = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(atStart, true, StandardCharsets.UTF_8));
            AlertDispatcher d = DetectWiring.alerts(c, () -> System.err).orElseThrow();
            System.setErr(new PrintStream(later, true, StandardCharsets.UTF_8)); // the console takes the screen
            Instant t = Instant.parse("2026-11-22T03:00:00Z");
            d.notice(
                    t,
                    "h",
                    new Finding(
                            "high_pps",
                            Severity.HIGH,
                            "192.0.2.9",
                            "9000 pkt/s",
                            9000,
                            5000,
                            Duration.ZERO,
                            t,
                            List.of()));
            d.close(Duration.ofSeconds(10));
            assertThat(d.failed()).isEqualTo(1);
        } finally {
            System.setErr(real);
        }
        assertThat(atStart.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(later.toString(StandardCharsets.UTF_8))
                .contains("alert sink")
                .contains("failed");
    }
}
