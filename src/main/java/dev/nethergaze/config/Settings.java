package dev.nethergaze.config;

import dev.nethergaze.detect.DetectSettings;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable, loader-private collection of validated values; each layer (file, environment,
 * command line) overwrites what it sets. Frozen into a {@link Config} at the end.
 */
final class Settings {

    private final Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    private final Map<Integer, String> services = new TreeMap<>();
    private final List<HookConfig> hooks = new java.util.ArrayList<>();

    Settings(ValueConverter converter) {
        for (ConfigKey key : ConfigKey.values()) {
            values.put(key, converter.fromText(key, key.defaultText(), "default"));
        }
    }

    void set(ConfigKey key, Object value) {
        values.put(key, value);
    }

    void hooks(List<HookConfig> all) {
        hooks.clear();
        hooks.addAll(all);
    }

    void service(int port, String name) {
        services.put(port, name);
    }

    Config toConfig() {
        return new Config(
                new GeneralConfig(
                        integer(ConfigKey.GENERAL_TICK_MS),
                        bool(ConfigKey.GENERAL_SHOW_PRIVATE_IPS),
                        string(ConfigKey.GENERAL_HOST)),
                new LimitsConfig(
                        integer(ConfigKey.LIMITS_MAX_IPS),
                        integer(ConfigKey.LIMITS_IP_IDLE_SECONDS),
                        integer(ConfigKey.LIMITS_RECENT_REQUESTS_PER_IP),
                        integer(ConfigKey.LIMITS_EVENT_QUEUE)),
                new ConnConfig(
                        bool(ConfigKey.CONN_ENABLED),
                        integer(ConfigKey.CONN_POLL_MS),
                        Path.of(string(ConfigKey.CONN_PROC_ROOT))),
                new HttpConfig(
                        bool(ConfigKey.HTTP_ENABLED),
                        list(ConfigKey.HTTP_PATHS),
                        integer(ConfigKey.HTTP_RESCAN_SECONDS),
                        bool(ConfigKey.HTTP_FROM_START)),
                ServicesConfig.of(services),
                detect(),
                new AllowlistConfig(strings(ConfigKey.ALLOWLIST_CIDRS)),
                new ActionsConfig(
                        bool(ConfigKey.ACTIONS_ENABLE_BLOCK_EXECUTION),
                        string(ConfigKey.ACTIONS_FIREWALL),
                        string(ConfigKey.ACTIONS_AUDIT_LOG),
                        integer(ConfigKey.ACTIONS_HOOK_TIMEOUT_SECONDS),
                        hooks),
                new AlertsConfig(
                        string(ConfigKey.ALERTS_JSONL),
                        string(ConfigKey.ALERTS_WEBHOOK),
                        integer(ConfigKey.ALERTS_WEBHOOK_RETRIES),
                        strings(ConfigKey.ALERTS_COMMAND),
                        integer(ConfigKey.ALERTS_COOLDOWN_SECONDS),
                        string(ConfigKey.ALERTS_MIN_SEVERITY),
                        integer(ConfigKey.ALERTS_QUEUE)));
    }

    private DetectSettings detect() {
        return new DetectSettings(
                integer(ConfigKey.DETECT_EVIDENCE_ITEMS),
                new DetectSettings.Syn(
                        integer(ConfigKey.DETECT_SYN_PER_IP),
                        integer(ConfigKey.DETECT_SYN_PER_PREFIX),
                        integer(ConfigKey.DETECT_SYN_HOST),
                        integer(ConfigKey.DETECT_SYN_COUNTER_DELTA)),
                new DetectSettings.Http(
                        integer(ConfigKey.DETECT_HTTP_BURST_REQUESTS),
                        integer(ConfigKey.DETECT_HTTP_BURST_SECONDS),
                        integer(ConfigKey.DETECT_HTTP_ERROR_MIN),
                        integer(ConfigKey.DETECT_HTTP_ERROR_PERCENT),
                        integer(ConfigKey.DETECT_HTTP_ERROR_SECONDS),
                        strings(ConfigKey.DETECT_HTTP_SCANNER_AGENTS),
                        strings(ConfigKey.DETECT_HTTP_ALLOW_PATHS),
                        integer(ConfigKey.DETECT_HTTP_WEAK_PROBE_HITS),
                        integer(ConfigKey.DETECT_HTTP_MEMORY_SECONDS)),
                new DetectSettings.Ssh(
                        integer(ConfigKey.DETECT_SSH_FAILURES),
                        integer(ConfigKey.DETECT_SSH_WINDOW_SECONDS),
                        integer(ConfigKey.DETECT_SSH_INVALID_USERS),
                        integer(ConfigKey.DETECT_SSH_SPRAY_WINDOW_SECONDS),
                        integer(ConfigKey.DETECT_SSH_SLOW_FAILURES),
                        integer(ConfigKey.DETECT_SSH_SLOW_WINDOW_SECONDS)),
                new DetectSettings.Conn(
                        integer(ConfigKey.DETECT_CONN_MANY_CONNS),
                        integer(ConfigKey.DETECT_CONN_SCAN_PORTS),
                        integer(ConfigKey.DETECT_CONN_SCAN_SECONDS),
                        integer(ConfigKey.DETECT_CONN_REQUESTLESS_SECONDS),
                        java.util.Set.copyOf(ports(ConfigKey.DETECT_CONN_WEB_PORTS))));
    }

    private List<String> strings(ConfigKey key) {
        List<?> raw = (List<?>) values.get(key);
        return raw.stream().map(String.class::cast).toList();
    }

    private List<Integer> ports(ConfigKey key) {
        List<?> raw = (List<?>) values.get(key);
        return raw.stream().map(Integer.class::cast).toList();
    }

    private int integer(ConfigKey key) {
        return (Integer) values.get(key);
    }

    private boolean bool(ConfigKey key) {
        return (Boolean) values.get(key);
    }

    private String string(ConfigKey key) {
        return (String) values.get(key);
    }

    private List<String> list(ConfigKey key) {
        List<?> raw = (List<?>) values.get(key);
        return raw.stream().map(String.class::cast).toList();
    }
}
