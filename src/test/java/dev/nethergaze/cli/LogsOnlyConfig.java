package dev.nethergaze.cli;

import dev.nethergaze.config.Config;
import dev.nethergaze.config.ConfigLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A configuration for wiring tests that read only these logs: no kernel table, no journald, no
 * firewall reads, with {@code extra} keys on top.
 */
final class LogsOnlyConfig {

    private LogsOnlyConfig() {}

    static Config of(Path home, Path access, Path auth, Map<String, String> extra) {
        Map<String, String> keys = new HashMap<>(Map.of(
                "conn.enabled", "false",
                "auth.journald", "off",
                "http.paths", access.toString(),
                "auth.paths", auth.toString(),
                "actions.read_firewall_seconds", "0"));
        keys.putAll(extra);
        return ConfigLoader.load(null, Map.of(), keys, home);
    }
}
