package dev.nethergaze.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys with a fixed set of values: one mechanism (ConfigKey choices), case-insensitive, named errors. */
class ChoiceKeysTest {

    private static Config cli(String key, String value) {
        return ConfigLoader.load(null, Map.of(), Map.of(key, value), java.nio.file.Path.of("/nonexistent-home"));
    }

    @Test
    void choicesAreCaseInsensitiveAndNormalised() {
        assertThat(cli("actions.firewall", "NFTables").actions().firewall()).isEqualTo("nftables");
        assertThat(cli("alerts.min_severity", " High ").alerts().minSeverity()).isEqualTo("high");
        assertThat(cli("conn.source", "Procfs").conn().source()).isEqualTo("procfs");
    }

    @Test
    void anUnknownChoiceNamesTheKeyAndTheAllowedValues() {
        assertThatThrownBy(() -> cli("actions.firewall", "pf"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("actions.firewall")
                .hasMessageContaining("auto, ufw, nftables, iptables, ipset")
                .hasMessageContaining("'pf'");
    }
}
