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
    private final ValueConverter converter;
    private final List<HookConfig> hooks = new java.util.ArrayList<>();

    Settings(ValueConverter converter) {
        this.converter = converter;
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
                        string(ConfigKey.GENERAL_HOST),
                        integer(ConfigKey.GENERAL_BACKFILL_SECONDS)),
                new LimitsConfig(
                        integer(ConfigKey.LIMITS_MAX_IPS),
                        integer(ConfigKey.LIMITS_IP_IDLE_SECONDS),
                        integer(ConfigKey.LIMITS_RECENT_REQUESTS_PER_IP),
                        integer(ConfigKey.LIMITS_EVENT_QUEUE)),
                new ConnConfig(
                        bool(ConfigKey.CONN_ENABLED),
                        integer(ConfigKey.CONN_POLL_MS),
                        Path.of(string(ConfigKey.CONN_PROC_ROOT)),
                        string(ConfigKey.CONN_SOURCE),
                        bool(ConfigKey.CONN_OWNERS)),
                new HttpConfig(
                        bool(ConfigKey.HTTP_ENABLED),
                        list(ConfigKey.HTTP_PATHS),
                        integer(ConfigKey.HTTP_RESCAN_SECONDS),
                        bool(ConfigKey.HTTP_FROM_START),
                        string(ConfigKey.HTTP_LOG_FORMAT).strip(),
                        list(ConfigKey.HTTP_TRUSTED_PROXIES),
                        string(ConfigKey.HTTP_LOG_TIME_ZONE).strip()),
                ServicesConfig.of(services),
                new GeoipConfig(
                        bool(ConfigKey.GEOIP_ENABLED),
                        string(ConfigKey.GEOIP_CITY_DB),
                        string(ConfigKey.GEOIP_COUNTRY_DB),
                        string(ConfigKey.GEOIP_ASN_DB),
                        string(ConfigKey.GEOIP_CSV),
                        string(ConfigKey.GEOIP_UPDATE_URL)),
                new WhoisConfig(
                        bool(ConfigKey.WHOIS_ENABLED),
                        string(ConfigKey.WHOIS_RDAP_BOOTSTRAP),
                        string(ConfigKey.WHOIS_SERVERS),
                        integer(ConfigKey.WHOIS_CONCURRENCY),
                        integer(ConfigKey.WHOIS_CACHE_TTL_HOURS),
                        integer(ConfigKey.WHOIS_CACHE_MAX_ENTRIES),
                        bool(ConfigKey.WHOIS_RDNS)),
                new HistoryConfig(
                        bool(ConfigKey.HISTORY_ENABLED),
                        converter.expand(string(ConfigKey.HISTORY_PATH).strip()),
                        integer(ConfigKey.HISTORY_FLUSH_SECONDS),
                        integer(ConfigKey.HISTORY_RETENTION_DAYS),
                        integer(ConfigKey.HISTORY_MAX_IPS)),
                new AuthConfig(
                        bool(ConfigKey.AUTH_ENABLED),
                        list(ConfigKey.AUTH_PATHS),
                        journald(),
                        string(ConfigKey.AUTH_JOURNAL_DIRECTORY).strip()),
                detect(),
                new AllowlistConfig(strings(ConfigKey.ALLOWLIST_CIDRS)),
                new ActionsConfig(
                        bool(ConfigKey.ACTIONS_ENABLE_BLOCK_EXECUTION),
                        string(ConfigKey.ACTIONS_FIREWALL),
                        string(ConfigKey.ACTIONS_AUDIT_LOG),
                        integer(ConfigKey.ACTIONS_HOOK_TIMEOUT_SECONDS),
                        integer(ConfigKey.ACTIONS_READ_FIREWALL_SECONDS),
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

    private AuthConfig.Journald journald() {
        String v = string(ConfigKey.AUTH_JOURNALD).strip().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "auto" -> AuthConfig.Journald.AUTO;
            case "on", "true" -> AuthConfig.Journald.ON;
            case "off", "false" -> AuthConfig.Journald.OFF;
            default ->
                throw ConfigException.at(ConfigKey.AUTH_JOURNALD.dotted(), "expected auto, on or off, got '" + v + "'");
        };
    }

    private DetectSettings detect() {
        return new DetectSettings(
                integer(ConfigKey.DETECT_EVIDENCE_ITEMS),
                new DetectSettings.Syn(
                        integer(ConfigKey.DETECT_SYN_PER_IP),
                        integer(ConfigKey.DETECT_SYN_PER_PREFIX),
                        integer(ConfigKey.DETECT_SYN_HOST),
                        integer(ConfigKey.DETECT_SYN_COUNTER_DELTA),
                        integer(ConfigKey.DETECT_SYN_PREFIX_V4),
                        integer(ConfigKey.DETECT_SYN_PREFIX_V6)),
                new DetectSettings.Http(
                        integer(ConfigKey.DETECT_HTTP_BURST_REQUESTS),
                        integer(ConfigKey.DETECT_HTTP_BURST_SECONDS),
                        integer(ConfigKey.DETECT_HTTP_ERROR_MIN),
                        integer(ConfigKey.DETECT_HTTP_ERROR_PERCENT),
                        integer(ConfigKey.DETECT_HTTP_ERROR_SECONDS),
                        strings(ConfigKey.DETECT_HTTP_SCANNER_AGENTS),
                        strings(ConfigKey.DETECT_HTTP_ALLOW_PATHS),
                        integer(ConfigKey.DETECT_HTTP_WEAK_PROBE_HITS),
                        integer(ConfigKey.DETECT_HTTP_MEMORY_SECONDS),
                        integer(ConfigKey.DETECT_HTTP_LOGIN_ATTEMPTS),
                        integer(ConfigKey.DETECT_HTTP_LOGIN_SECONDS),
                        strings(ConfigKey.DETECT_HTTP_LOGIN_PATHS),
                        integer(ConfigKey.DETECT_HTTP_LOGIN_SPRAY_IPS),
                        integer(ConfigKey.DETECT_HTTP_LOGIN_SPRAY_PERCENT),
                        integer(ConfigKey.DETECT_HTTP_LOGIN_SPRAY_SECONDS),
                        integer(ConfigKey.DETECT_HTTP_SLOW_LOGIN_FAILURES),
                        integer(ConfigKey.DETECT_HTTP_SLOW_LOGIN_WINDOW_SECONDS),
                        integer(ConfigKey.DETECT_HTTP_SLOW_LOGIN_SPRAY_IPS)),
                new DetectSettings.Ssh(
                        integer(ConfigKey.DETECT_SSH_FAILURES),
                        integer(ConfigKey.DETECT_SSH_WINDOW_SECONDS),
                        integer(ConfigKey.DETECT_SSH_INVALID_USERS),
                        integer(ConfigKey.DETECT_SSH_SPRAY_WINDOW_SECONDS),
                        integer(ConfigKey.DETECT_SSH_SLOW_FAILURES),
                        integer(ConfigKey.DETECT_SSH_SLOW_WINDOW_SECONDS),
                        integer(ConfigKey.DETECT_SSH_HANDSHAKE_FAILURES),
                        integer(ConfigKey.DETECT_SSH_DISTRIBUTED_IPS)),
                new DetectSettings.Conn(
                        integer(ConfigKey.DETECT_CONN_MANY_CONNS),
                        integer(ConfigKey.DETECT_CONN_SCAN_PORTS),
                        integer(ConfigKey.DETECT_CONN_SCAN_SECONDS),
                        integer(ConfigKey.DETECT_CONN_REQUESTLESS_SECONDS),
                        java.util.Set.copyOf(ports(ConfigKey.DETECT_CONN_WEB_PORTS))),
                new DetectSettings.Wire(
                        integer(ConfigKey.DETECT_WIRE_HIGH_PPS),
                        integer(ConfigKey.DETECT_WIRE_SYN_SCAN_PORTS),
                        integer(ConfigKey.DETECT_WIRE_SYN_SCAN_SECONDS),
                        integer(ConfigKey.DETECT_WIRE_SYN_SCAN_COMPLETED_PERCENT),
                        integer(ConfigKey.DETECT_WIRE_SYN_FLOOD_SYNS),
                        integer(ConfigKey.DETECT_WIRE_SYN_FLOOD_HOST_RATE),
                        integer(ConfigKey.DETECT_WIRE_SYN_FLOOD_HOST_SECONDS),
                        integer(ConfigKey.DETECT_WIRE_SYN_FLOOD_COMPLETED_PERCENT)),
                integer(ConfigKey.DETECT_IPV6_PREFIX));
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
