package dev.nethergaze.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigErrorsCliTest {

    @Test
    void unknownKeyExitsTwoWithOneLineNamingKeyAndFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.toml");
        Files.writeString(f, "[general]\ntik_ms = 5\n");
        CliRun r = CliRun.of("snapshot", "--json", "--config", f.toString(), "--no-conn", "--no-http");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("nethergaze: config error: " + f + ": unknown key 'general.tik_ms'\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badValueOnTheCommandLine() {
        CliRun r = CliRun.of("snapshot", "--tick-ms", "5", "--no-conn", "--no-http");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .contains("general.tick_ms")
                .contains("between 50 and 10000")
                .doesNotContain("Exception");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun r = CliRun.of("snapshot", "--frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--frobnicate'");
    }
}
