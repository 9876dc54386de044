package dev.nethergaze.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defaults < file < environment < command line, for the same key. */
class PrecedenceTest {

    private static final Map<String, String> ENV = Map.of("NETHERGAZE_GENERAL_TICK_MS", "600");
    private static final Map<String, String> CLI = Map.of("general.tick_ms", "700");

    @TempDir
    Path home;

    @Test
    void defaultWhenNothingSetsIt() {
        assertThat(tickMs(null, Map.of(), Map.of())).isEqualTo(250);
    }

    @Test
    void fileBeatsDefault() {
        assertThat(tickMs(Fixtures.file("valid.toml"), Map.of(), Map.of())).isEqualTo(500);
    }

    @Test
    void environmentBeatsFile() {
        assertThat(tickMs(Fixtures.file("valid.toml"), ENV, Map.of())).isEqualTo(600);
    }

    @Test
    void commandLineBeatsEnvironmentAndFile() {
        assertThat(tickMs(Fixtures.file("valid.toml"), ENV, CLI)).isEqualTo(700);
        assertThat(tickMs(null, Map.of(), CLI)).isEqualTo(700);
    }

    @Test
    void layersOnlyOverrideWhatTheySet() {
        Config config = ConfigLoader.load(Fixtures.file("valid.toml"), ENV, CLI, home);

        assertThat(config.general().host()).isEqualTo("edge-1");
        assertThat(config.limits().maxIps()).isEqualTo(1000);
    }

    @Test
    void servicesMergePerPort() {
        Config config = ConfigLoader.load(
                Fixtures.file("valid.toml"),
                Map.of("NETHERGAZE_SERVICES_9000", "prom", "NETHERGAZE_SERVICES_22", "ssh"),
                Map.of("services.22", "sshd"),
                home);

        assertThat(config.services().names())
                .containsExactly(Map.entry(22, "sshd"), Map.entry(8081, "api"), Map.entry(9000, "prom"));
    }

    private int tickMs(Path file, Map<String, String> env, Map<String, String> cli) {
        return ConfigLoader.load(file, env, cli, home).general().tickMs();
    }
}
