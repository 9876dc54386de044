package dev.nethergaze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigFileErrorsTest {

    @TempDir
    Path home;

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("unknown-key.toml", "unknown key 'general.tik_ms'"),
                Arguments.of("unknown-section.toml", "unknown section 'genral'"),
                Arguments.of("bad-type.toml", "conn.enabled: expected a boolean, got string \"yes\""),
                Arguments.of("out-of-range.toml", "general.tick_ms: must be between 50 and 10000, got 5"),
                Arguments.of("malformed.toml", "line 3: invalid TOML: Newline not permitted here"),
                Arguments.of("bad-port.toml", "services.70000: port must be between 1 and 65535, got 70000"),
                Arguments.of("empty-service-name.toml", "services.8081: name must not be empty"),
                Arguments.of(
                        "list-not-array.toml",
                        "http.paths: expected an array of strings, got string" + " \"/var/log/nginx/access.log\""),
                Arguments.of("section-not-table.toml", "general: expected a table, got integer"),
                Arguments.of("float-for-int.toml", "general.tick_ms: expected an integer, got float"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void invalidFileGivesOneLineNamingFileAndKey(String fixture, String detail) {
        Path file = Fixtures.file(fixture);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> Fixtures.loadFile(fixture, home));

        assertThat(e).hasMessage("config error: " + file + ": " + detail);
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
    }
}
