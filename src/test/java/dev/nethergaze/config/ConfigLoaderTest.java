package dev.nethergaze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path home;

    @Test
    void noFileNoEnvNoCliGivesDefaults() {
        Config config = ConfigLoader.load(null, Map.of(), Map.of(), home);

        assertThat(config).isEqualTo(Config.defaults());
        assertThat(config.general().tickMs()).isEqualTo(250);
        assertThat(config.general().showPrivateIps()).isFalse();
        assertThat(config.limits()).isEqualTo(new LimitsConfig(50_000, 900, 20, 65_536));
        assertThat(config.conn()).isEqualTo(new ConnConfig(true, 1000, Path.of("/proc")));
        assertThat(config.http().paths())
                .containsExactly(
                        "/var/log/nginx/access.log",
                        "/var/log/nginx/*access*.log",
                        "/var/log/apache2/*access*.log",
                        "/var/log/httpd/*access_log",
                        "/var/log/caddy/*access*.log");
        assertThat(config.services().names()).isEmpty();
    }

    @Test
    void validFileSetsEverySectionAndExpandsHome() {
        Config config = Fixtures.loadFile("valid.toml", home);

        assertThat(config.general()).isEqualTo(new GeneralConfig(500, true, "edge-1"));
        assertThat(config.limits()).isEqualTo(new LimitsConfig(1000, 60, 0, 4096));
        assertThat(config.conn()).isEqualTo(new ConnConfig(false, 2000, home.resolve("fixtures/proc")));
        assertThat(config.http())
                .isEqualTo(new HttpConfig(
                        true, List.of(home.resolve("logs/access.log").toString(), "/srv/www/*access*.log"), 30, true));
        assertThat(config.services().names()).containsExactly(Map.entry(8081, "api"), Map.entry(9000, "metrics"));
        assertThat(config.services().name(8081)).contains("api");
        assertThat(config.services().name(80)).isEmpty();
    }

    @Test
    void emptyOrCommentOnlyFileGivesDefaults() {
        assertThat(Fixtures.loadFile("empty.toml", home)).isEqualTo(Config.defaults());
        assertThat(Fixtures.loadFile("comments-only.toml", home)).isEqualTo(Config.defaults());
    }

    @Test
    void missingExplicitFileIsAnError() {
        Path missing = home.resolve("nope.toml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), Map.of(), home))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config error: " + missing + ": file not found");
    }

    @Test
    void explicitFileMayStartWithTilde() throws IOException {
        Files.writeString(home.resolve("mine.toml"), "[general]\ntick_ms = 100\n");

        Config config = ConfigLoader.load(Path.of("~/mine.toml"), Map.of(), Map.of(), home);

        assertThat(config.general().tickMs()).isEqualTo(100);
    }

    @Test
    void missingDefaultFileIsFine() {
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", home.resolve("xdg").toString());

        assertThat(ConfigLoader.load(null, env, Map.of(), home)).isEqualTo(Config.defaults());
    }

    @Test
    void defaultFileIsReadFromXdgConfigHome() throws IOException {
        Path xdg = home.resolve("xdg");
        write(xdg.resolve("nethergaze/config.toml"), "[general]\ntick_ms = 700\n");
        write(home.resolve(".config/nethergaze/config.toml"), "[general]\ntick_ms = 800\n");

        Config config = ConfigLoader.load(null, Map.of("XDG_CONFIG_HOME", xdg.toString()), Map.of(), home);

        assertThat(config.general().tickMs()).isEqualTo(700);
    }

    @Test
    void defaultFileFallsBackToDotConfigWhenXdgUnsetOrRelative() throws IOException {
        write(home.resolve(".config/nethergaze/config.toml"), "[general]\ntick_ms = 800\n");

        assertThat(ConfigLoader.load(null, Map.of(), Map.of(), home).general().tickMs())
                .isEqualTo(800);
        assertThat(ConfigLoader.load(null, Map.of("XDG_CONFIG_HOME", "rel"), Map.of(), home)
                        .general()
                        .tickMs())
                .isEqualTo(800);
    }

    @Test
    void explicitFileWinsOverDefaultFile() throws IOException {
        write(home.resolve(".config/nethergaze/config.toml"), "[general]\ntick_ms = 800\n");

        assertThat(Fixtures.loadFile("valid.toml", home).general().tickMs()).isEqualTo(500);
    }

    @Test
    void configIsImmutable() {
        Config config = Fixtures.loadFile("valid.toml", home);

        assertThatThrownBy(() -> config.http().paths().add("/x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.services().names().put(1, "x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyHostMeansSystemHostname() {
        assertThat(Config.defaults().general().hostOr("box")).isEqualTo("box");
        assertThat(new GeneralConfig(250, false, "edge").hostOr("box")).isEqualTo("edge");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
