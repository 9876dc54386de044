package dev.nethergaze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvAndCliTest {

    @TempDir
    Path home;

    @Test
    void envNameIsPrefixSectionAndKeyUpperCased() {
        assertThat(ConfigKey.GENERAL_SHOW_PRIVATE_IPS.envName()).isEqualTo("NETHERGAZE_GENERAL_SHOW_PRIVATE_IPS");
        assertThat(ConfigKey.HTTP_PATHS.envName()).isEqualTo("NETHERGAZE_HTTP_PATHS");
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(key.envName())
                    .isEqualTo("NETHERGAZE_" + key.dotted().replace('.', '_').toUpperCase(Locale.ROOT));
        }
    }

    @Test
    void everyTypeIsReadFromEnvironment() {
        Config config = env(Map.of(
                "NETHERGAZE_GENERAL_SHOW_PRIVATE_IPS", "true",
                "NETHERGAZE_GENERAL_HOST", "edge-2",
                "NETHERGAZE_LIMITS_MAX_IPS", "100_000",
                "NETHERGAZE_CONN_PROC_ROOT", "~/proc",
                "NETHERGAZE_HTTP_PATHS", "/a.log, ~/b.log,,",
                "NETHERGAZE_HTTP_FROM_START", "TRUE"));

        assertThat(config.general().showPrivateIps()).isTrue();
        assertThat(config.general().host()).isEqualTo("edge-2");
        assertThat(config.limits().maxIps()).isEqualTo(100_000);
        assertThat(config.conn().procRoot()).isEqualTo(home.resolve("proc"));
        assertThat(config.http().paths())
                .containsExactly("/a.log", home.resolve("b.log").toString());
        assertThat(config.http().fromStart()).isTrue();
    }

    @Test
    void emptyListFromEnvironmentTurnsPathsOff() {
        assertThat(env(Map.of("NETHERGAZE_HTTP_PATHS", "")).http().paths()).isEmpty();
    }

    @Test
    void launcherCommandAndUnrelatedVariablesAreIgnored() {
        Config config = env(Map.of(
                "NETHERGAZE_HOME",
                "/opt/ng",
                "NETHERGAZE_JAVA",
                "/usr/bin/java",
                "NETHERGAZE_HEAP",
                "2g",
                "NETHERGAZE_WEB_TOKEN",
                "s3cret",
                "NETHERGAZE_NATS",
                "nats://t@127.0.0.1:4222",
                "PATH",
                "/bin"));

        assertThat(config).isEqualTo(Config.defaults());
    }

    @Test
    void unknownNethergazeVariableIsAnError() {
        assertThatThrownBy(() -> env(Map.of("NETHERGAZE_GENERAL_TIK_MS", "300")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config error: environment NETHERGAZE_GENERAL_TIK_MS: does not name a config key"
                        + " (expected NETHERGAZE_<SECTION>_<KEY>)");
    }

    @Test
    void badEnvironmentValueNamesVariableAndKey() {
        assertThatThrownBy(() -> env(Map.of("NETHERGAZE_CONN_ENABLED", "yes")))
                .hasMessage("config error: environment NETHERGAZE_CONN_ENABLED: conn.enabled: expected true or false,"
                        + " got 'yes'");
        assertThatThrownBy(() -> env(Map.of("NETHERGAZE_CONN_POLL_MS", "fast")))
                .hasMessage("config error: environment NETHERGAZE_CONN_POLL_MS: conn.poll_ms: expected an integer,"
                        + " got 'fast'");
        assertThatThrownBy(() -> env(Map.of("NETHERGAZE_LIMITS_MAX_IPS", "99999999999999999999")))
                .hasMessage("config error: environment NETHERGAZE_LIMITS_MAX_IPS: limits.max_ips: must be between 100"
                        + " and 10000000, got 99999999999999999999");
        assertThatThrownBy(() -> env(Map.of("NETHERGAZE_SERVICES_HTTP", "web")))
                .hasMessage("config error: environment NETHERGAZE_SERVICES_HTTP: services.HTTP: port must be a number"
                        + " between 1 and 65535");
        assertThatThrownBy(() -> env(Map.of("NETHERGAZE_CONN_PROC_ROOT", " ")))
                .hasMessage("config error: environment NETHERGAZE_CONN_PROC_ROOT: conn.proc_root: must not be empty");
    }

    @Test
    void integersMayHaveASignAndUnderscoresBetweenDigitsOnly() {
        assertThat(env(Map.of("NETHERGAZE_LIMITS_MAX_IPS", "1_000")).limits().maxIps())
                .isEqualTo(1000);
        assertThat(env(Map.of("NETHERGAZE_LIMITS_MAX_IPS", "+2000")).limits().maxIps())
                .isEqualTo(2000);
        for (String bad : List.of("", "+", "-", "_1", "+_1", "1.5", "1e3", "12a", "--1")) {
            assertThatThrownBy(() -> env(Map.of("NETHERGAZE_LIMITS_MAX_IPS", bad)))
                    .as("'%s'", bad)
                    .hasMessageContaining("limits.max_ips: expected an integer, got '" + bad + "'");
        }
        assertThatThrownBy(() -> env(Map.of("NETHERGAZE_LIMITS_MAX_IPS", "-5")))
                .hasMessageContaining("must be between 100 and 10000000, got -5");
    }

    @Test
    void commandLineUsesDottedKeys() {
        Config config =
                cli(Map.of("general.show_private_ips", "true", "http.paths", "/x.log", "services.8443", "admin"));

        assertThat(config.general().showPrivateIps()).isTrue();
        assertThat(config.http().paths()).isEqualTo(List.of("/x.log"));
        assertThat(config.services().name(8443)).contains("admin");
    }

    @Test
    void commandLineErrorsSayCommandLine() {
        assertThatThrownBy(() -> cli(Map.of("general.tik_ms", "300")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config error: command line: unknown key 'general.tik_ms'");
        assertThatThrownBy(() -> cli(Map.of("tick_ms", "300")))
                .hasMessage("config error: command line: unknown key 'tick_ms'");
        assertThatThrownBy(() -> cli(Map.of("services.0", "zero")))
                .hasMessage("config error: command line: services.0: port must be between 1 and 65535, got 0");
        assertThatThrownBy(() -> cli(Map.of("limits.event_queue", "10")))
                .hasMessage("config error: command line: limits.event_queue: must be between 1024 and 4194304, got 10");
        assertThatThrownBy(() -> cli(Map.of("http.log_format", "apache")))
                .hasMessageStartingWith("config error: command line: http.log_format: unknown log format 'apache'");
        assertThatThrownBy(() -> cli(Map.of("http.log_time_zone", "Europe/Berlinn")))
                .hasMessageStartingWith(
                        "config error: command line: http.log_time_zone: unknown time zone 'Europe/Berlinn'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void logTimeZoneIsKeptAsWritten() {
        assertThat(cli(Map.of("http.log_time_zone", "Europe/Berlin")).http().logTimeZone())
                .isEqualTo("Europe/Berlin");
        assertThat(cli(Map.of()).http().logTimeZone()).isEmpty();
    }

    private Config env(Map<String, String> env) {
        return ConfigLoader.load(null, env, Map.of(), home);
    }

    private Config cli(Map<String, String> cli) {
        return ConfigLoader.load(null, Map.of(), cli, home);
    }
}
