package dev.nethergaze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code conn.source} takes auto, netlink or procfs only; {@code conn.owners} is a switch. */
class ConnSourceConfigTest {

    private static final Path HOME = Path.of("/home/u");

    @Test
    void defaultsToAutoWithOwners() {
        Config c = Config.defaults();
        assertThat(c.conn().source()).isEqualTo("auto");
        assertThat(c.conn().owners()).isTrue();
    }

    @Test
    void environmentAndCommandLineChooseTheReader() {
        Config env = ConfigLoader.load(
                null, Map.of("NETHERGAZE_CONN_SOURCE", "procfs", "NETHERGAZE_CONN_OWNERS", "false"), Map.of(), HOME);
        assertThat(env.conn().source()).isEqualTo("procfs");
        assertThat(env.conn().owners()).isFalse();
        Config cli = ConfigLoader.load(null, Map.of(), Map.of("conn.source", " netlink "), HOME);
        assertThat(cli.conn().source()).isEqualTo("netlink");
    }

    @Test
    void anyOtherValueIsAnErrorNamingTheChoices() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("NETHERGAZE_CONN_SOURCE", "ss"), Map.of(), HOME))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config error: environment NETHERGAZE_CONN_SOURCE: conn.source: must be one of auto,"
                        + " netlink, procfs, got 'ss'");
    }
}
