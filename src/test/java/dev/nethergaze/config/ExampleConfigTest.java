package dev.nethergaze.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented example at the repository root can never drift from the defaults. */
class ExampleConfigTest {

    private static final Path EXAMPLE = Path.of("config.example.toml");

    @TempDir
    Path home;

    @Test
    void exampleParsesToTheDefaults() {
        assertThat(ConfigLoader.load(EXAMPLE, Map.of(), Map.of(), home)).isEqualTo(Config.defaults());
    }

    @Test
    void exampleSetsEveryKeyAndSection() throws IOException {
        JsonNode root = new TomlMapper().readTree(Files.readString(EXAMPLE));

        for (ConfigKey key : ConfigKey.values()) {
            assertThat(root.at("/" + key.section().replace('.', '/') + "/" + key.shortName())
                            .isMissingNode())
                    .as("config.example.toml documents %s", key)
                    .isFalse();
        }
        assertThat(root.has(ConfigKey.SERVICES_SECTION)).isTrue();
    }

    @Test
    void exampleDocumentsTheEnvironmentMapping() throws IOException {
        assertThat(Files.readString(EXAMPLE))
                .contains(ConfigKey.GENERAL_TICK_MS.envName())
                .contains(ConfigKey.HTTP_PATHS.envName())
                .contains("NETHERGAZE_HOME");
    }
}
