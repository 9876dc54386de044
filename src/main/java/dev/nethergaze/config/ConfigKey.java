package dev.nethergaze.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every scalar configuration key with its type, default and allowed range: the one table from
 * which defaults, validation and the environment names are derived. The {@code [services]} table
 * (port → name) is open-ended and handled on its own.
 */
public enum ConfigKey {
    GENERAL_TICK_MS("general", "tick_ms", ValueType.INT, "250", 50, 10_000),
    GENERAL_SHOW_PRIVATE_IPS("general", "show_private_ips", ValueType.BOOL, "false"),
    GENERAL_HOST("general", "host", ValueType.STRING, ""),
    GENERAL_BACKFILL_SECONDS("general", "backfill_seconds", ValueType.INT, "0", 0, 2_592_000),

    LIMITS_MAX_IPS("limits", "max_ips", ValueType.INT, "50000", 100, 10_000_000),
    LIMITS_IP_IDLE_SECONDS("limits", "ip_idle_seconds", ValueType.INT, "900", 10, 604_800),
    LIMITS_RECENT_REQUESTS_PER_IP("limits", "recent_requests_per_ip", ValueType.INT, "20", 0, 1000),
    LIMITS_EVENT_QUEUE("limits", "event_queue", ValueType.INT, "65536", 1024, 4_194_304),

    CONN_ENABLED("conn", "enabled", ValueType.BOOL, "true"),
    CONN_POLL_MS("conn", "poll_ms", ValueType.INT, "1000", 100, 60_000),
    CONN_PROC_ROOT("conn", "proc_root", ValueType.PATH, "/proc"),
    CONN_SOURCE("conn", "source", "auto", "auto", "netlink", "procfs"),
    CONN_OWNERS("conn", "owners", ValueType.BOOL, "true"),

    HTTP_ENABLED("http", "enabled", ValueType.BOOL, "true"),
    HTTP_PATHS("http", "paths", ValueType.PATH_LIST, dev.nethergaze.source.DefaultLogs.ACCESS),
    HTTP_RESCAN_SECONDS("http", "rescan_seconds", ValueType.INT, "10", 1, 3600),
    HTTP_FROM_START("http", "from_start", ValueType.BOOL, "false"),

    GEOIP_ENABLED("geoip", "enabled", ValueType.BOOL, "true"),
    GEOIP_CITY_DB("geoip", "city_db", ValueType.STRING, ""),
    GEOIP_COUNTRY_DB("geoip", "country_db", ValueType.STRING, ""),
    GEOIP_ASN_DB("geoip", "asn_db", ValueType.STRING, ""),
    GEOIP_CSV("geoip", "csv", ValueType.STRING, ""),
    GEOIP_UPDATE_URL("geoip", "update_url", ValueType.STRING, "https://download.db-ip.com/free/"),

    WHOIS_ENABLED("whois", "enabled", ValueType.BOOL, "true"),
    WHOIS_RDAP_BOOTSTRAP("whois", "rdap_bootstrap", ValueType.STRING, ""),
    WHOIS_SERVERS("whois", "servers", ValueType.STRING, ""),
    WHOIS_CONCURRENCY("whois", "concurrency", ValueType.INT, "4", 1, 64),
    WHOIS_CACHE_TTL_HOURS("whois", "cache_ttl_hours", ValueType.INT, "24", 1, 8760),
    WHOIS_CACHE_MAX_ENTRIES("whois", "cache_max_entries", ValueType.INT, "100000", 100, 10_000_000),
    WHOIS_RDNS("whois", "rdns", ValueType.BOOL, "false"),

    HISTORY_ENABLED("history", "enabled", ValueType.BOOL, "true"),
    HISTORY_PATH("history", "path", ValueType.STRING, ""),
    HISTORY_FLUSH_SECONDS("history", "flush_seconds", ValueType.INT, "60", 1, 3600),
    HISTORY_RETENTION_DAYS("history", "retention_days", ValueType.INT, "180", 1, 36_500),
    HISTORY_MAX_IPS("history", "max_ips", ValueType.INT, "1000000", 1000, 100_000_000),

    HTTP_LOG_FORMAT("http", "log_format", ValueType.STRING, "auto"),
    HTTP_TRUSTED_PROXIES("http", "trusted_proxies", ValueType.PATH_LIST, ""),
    HTTP_LOG_TIME_ZONE("http", "log_time_zone", ValueType.STRING, ""),

    AUTH_ENABLED("auth", "enabled", ValueType.BOOL, "true"),
    AUTH_PATHS("auth", "paths", ValueType.PATH_LIST, dev.nethergaze.source.DefaultLogs.AUTH),
    AUTH_JOURNALD("auth", "journald", ValueType.STRING, "auto"),
    AUTH_JOURNAL_DIRECTORY("auth", "journal_directory", ValueType.STRING, ""),

    DETECT_EVIDENCE_ITEMS("detect", "evidence_items", ValueType.INT, "5", 1, 50),
    DETECT_IPV6_PREFIX("detect", "ipv6_prefix", ValueType.INT, "64", 48, 128),
    DETECT_SYN_PER_IP("detect.syn", "per_ip", ValueType.INT, "10", 1, 1_000_000),
    DETECT_SYN_PER_PREFIX("detect.syn", "per_prefix", ValueType.INT, "30", 1, 1_000_000),
    DETECT_SYN_HOST("detect.syn", "host", ValueType.INT, "256", 1, 10_000_000),
    DETECT_SYN_COUNTER_DELTA("detect.syn", "counter_delta", ValueType.INT, "100", 1, 1_000_000_000),
    DETECT_SYN_PREFIX_V4("detect.syn", "prefix_v4", ValueType.INT, "24", 8, 31),
    DETECT_SYN_PREFIX_V6("detect.syn", "prefix_v6", ValueType.INT, "64", 16, 127),
    DETECT_HTTP_BURST_REQUESTS("detect.http", "burst_requests", ValueType.INT, "100", 1, 10_000_000),
    DETECT_HTTP_BURST_SECONDS("detect.http", "burst_seconds", ValueType.INT, "10", 1, 3600),
    DETECT_HTTP_ERROR_MIN("detect.http", "error_min", ValueType.INT, "20", 1, 10_000_000),
    DETECT_HTTP_ERROR_PERCENT("detect.http", "error_percent", ValueType.INT, "50", 1, 100),
    DETECT_HTTP_ERROR_SECONDS("detect.http", "error_seconds", ValueType.INT, "60", 1, 3600),
    DETECT_HTTP_SCANNER_AGENTS("detect.http", "scanner_agents", ValueType.STRING_LIST, ""),
    DETECT_HTTP_ALLOW_PATHS("detect.http", "allow_paths", ValueType.STRING_LIST, ""),
    DETECT_HTTP_WEAK_PROBE_HITS("detect.http", "weak_probe_hits", ValueType.INT, "5", 1, 1_000_000),
    DETECT_HTTP_MEMORY_SECONDS("detect.http", "memory_seconds", ValueType.INT, "3600", 1, 604_800),
    DETECT_HTTP_LOGIN_ATTEMPTS("detect.http", "login_attempts", ValueType.INT, "6", 1, 10_000_000),
    DETECT_HTTP_LOGIN_SECONDS("detect.http", "login_seconds", ValueType.INT, "60", 1, 3600),
    DETECT_HTTP_LOGIN_PATHS("detect.http", "login_paths", ValueType.STRING_LIST, ""),
    DETECT_HTTP_LOGIN_SPRAY_IPS("detect.http", "login_spray_ips", ValueType.INT, "20", 0, 4096),
    DETECT_HTTP_LOGIN_SPRAY_PERCENT("detect.http", "login_spray_percent", ValueType.INT, "80", 0, 100),
    DETECT_HTTP_LOGIN_SPRAY_SECONDS("detect.http", "login_spray_seconds", ValueType.INT, "600", 1, 86_400),
    DETECT_HTTP_SLOW_LOGIN_FAILURES("detect.http", "slow_login_failures", ValueType.INT, "10", 1, 1_000_000),
    DETECT_HTTP_SLOW_LOGIN_WINDOW_SECONDS(
            "detect.http", "slow_login_window_seconds", ValueType.INT, "86400", 60, 2_592_000),
    DETECT_HTTP_SLOW_LOGIN_SPRAY_IPS("detect.http", "slow_login_spray_ips", ValueType.INT, "50", 0, 4096),
    DETECT_SSH_FAILURES("detect.ssh", "failures", ValueType.INT, "5", 1, 1_000_000),
    DETECT_SSH_WINDOW_SECONDS("detect.ssh", "window_seconds", ValueType.INT, "600", 1, 86_400),
    DETECT_SSH_INVALID_USERS("detect.ssh", "invalid_users", ValueType.INT, "3", 1, 1000),
    DETECT_SSH_SPRAY_WINDOW_SECONDS("detect.ssh", "spray_window_seconds", ValueType.INT, "3600", 1, 604_800),
    DETECT_SSH_SLOW_FAILURES("detect.ssh", "slow_failures", ValueType.INT, "10", 1, 1_000_000),
    DETECT_SSH_SLOW_WINDOW_SECONDS("detect.ssh", "slow_window_seconds", ValueType.INT, "86400", 60, 2_592_000),
    DETECT_SSH_HANDSHAKE_FAILURES("detect.ssh", "handshake_failures", ValueType.INT, "5", 1, 1_000_000),
    DETECT_SSH_DISTRIBUTED_IPS("detect.ssh", "distributed_ips", ValueType.INT, "10", 2, 256),
    DETECT_CONN_MANY_CONNS("detect.conn", "many_conns", ValueType.INT, "20", 1, 1_000_000),
    DETECT_CONN_SCAN_PORTS("detect.conn", "scan_ports", ValueType.INT, "10", 2, 128),
    DETECT_CONN_SCAN_SECONDS("detect.conn", "scan_seconds", ValueType.INT, "60", 1, 3600),
    DETECT_CONN_REQUESTLESS_SECONDS("detect.conn", "requestless_seconds", ValueType.INT, "120", 1, 86_400),
    DETECT_CONN_WEB_PORTS("detect.conn", "web_ports", ValueType.PORT_LIST, "80,443,8080,8443", 1, 65_535),
    DETECT_WIRE_HIGH_PPS("detect.wire", "high_pps", ValueType.INT, "5000", 1, 100_000_000),
    DETECT_WIRE_SYN_SCAN_PORTS("detect.wire", "syn_scan_ports", ValueType.INT, "20", 2, 65_536),
    DETECT_WIRE_SYN_SCAN_SECONDS("detect.wire", "syn_scan_seconds", ValueType.INT, "60", 1, 3600),
    DETECT_WIRE_SYN_SCAN_COMPLETED_PERCENT("detect.wire", "syn_scan_completed_percent", ValueType.INT, "10", 0, 100),
    DETECT_WIRE_SYN_FLOOD_SYNS("detect.wire", "syn_flood_syns", ValueType.INT, "200", 1, 100_000_000),
    DETECT_WIRE_SYN_FLOOD_HOST_RATE("detect.wire", "syn_flood_host_rate", ValueType.INT, "100", 1, 100_000_000),
    DETECT_WIRE_SYN_FLOOD_HOST_SECONDS("detect.wire", "syn_flood_host_seconds", ValueType.INT, "10", 1, 3600),
    DETECT_WIRE_SYN_FLOOD_COMPLETED_PERCENT("detect.wire", "syn_flood_completed_percent", ValueType.INT, "10", 0, 100),

    ALLOWLIST_CIDRS("allowlist", "cidrs", ValueType.CIDR_LIST, ""),

    ACTIONS_ENABLE_BLOCK_EXECUTION("actions", "enable_block_execution", ValueType.BOOL, "false"),
    ACTIONS_FIREWALL("actions", "firewall", "auto", "auto", "ufw", "nftables", "iptables", "ipset"),
    ACTIONS_AUDIT_LOG("actions", "audit_log", ValueType.STRING, ""),
    ACTIONS_HOOK_TIMEOUT_SECONDS("actions", "hook_timeout_seconds", ValueType.INT, "10", 1, 3600),
    ACTIONS_READ_FIREWALL_SECONDS("actions", "read_firewall_seconds", ValueType.INT, "5", 0, 3600),

    ALERTS_JSONL("alerts", "jsonl", ValueType.STRING, ""),
    ALERTS_WEBHOOK("alerts", "webhook", ValueType.STRING, ""),
    ALERTS_WEBHOOK_RETRIES("alerts", "webhook_retries", ValueType.INT, "3", 0, 10),
    ALERTS_COMMAND("alerts", "command", ValueType.STRING_LIST, ""),
    ALERTS_COOLDOWN_SECONDS("alerts", "cooldown_seconds", ValueType.INT, "600", 0, 604_800),
    ALERTS_MIN_SEVERITY("alerts", "min_severity", "medium", "info", "low", "medium", "high", "critical"),
    ALERTS_QUEUE("alerts", "queue", ValueType.INT, "1000", 1, 1_000_000);

    /** The section holding the open-ended port → service name table. */
    public static final String SERVICES_SECTION = "services";

    /** The array of tables holding action hooks ({@code [[actions.hooks]]}), handled on its own. */
    public static final String HOOKS_SECTION = "actions";

    public static final String HOOKS_KEY = "hooks";

    /** Prefix of every environment variable that configures Nethergaze. */
    public static final String ENV_PREFIX = "NETHERGAZE_";

    private final String section;
    private final String name;
    private final ValueType type;
    private final String defaultText;
    private final long min;
    private final long max;
    private final String choices; // comma-separated; empty: any text (a List would be a mutable enum field)

    /** A {@link ValueType#STRING} key that takes one of {@code choices} only. */
    ConfigKey(String section, String name, String defaultText, String... choices) {
        this(section, name, ValueType.STRING, defaultText, Long.MIN_VALUE, Long.MAX_VALUE, String.join(",", choices));
    }

    ConfigKey(String section, String name, ValueType type, String defaultText) {
        this(section, name, type, defaultText, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    ConfigKey(String section, String name, ValueType type, String defaultText, long min, long max) {
        this(section, name, type, defaultText, min, max, "");
    }

    ConfigKey(String section, String name, ValueType type, String defaultText, long min, long max, String choices) {
        this.choices = choices;
        this.section = section;
        this.name = name;
        this.type = type;
        this.defaultText = defaultText;
        this.min = min;
        this.max = max;
    }

    /** The key named {@code section.name}, if there is one. */
    public static Optional<ConfigKey> find(String section, String name) {
        for (ConfigKey key : values()) {
            if (key.section.equals(section) && key.name.equals(name)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code section} is a known section (including {@code services}). */
    public static boolean isSection(String section) {
        return section.equals(SERVICES_SECTION) || Arrays.stream(values()).anyMatch(k -> k.section.equals(section));
    }

    public String section() {
        return section;
    }

    /** The key's name inside its section, e.g. {@code tick_ms}. */
    public String shortName() {
        return name;
    }

    /** The dotted name used in messages and on the command line, e.g. {@code general.tick_ms}. */
    public String dotted() {
        return section + "." + name;
    }

    /** The environment variable, e.g. {@code NETHERGAZE_GENERAL_TICK_MS}. */
    public String envName() {
        return envName(section, name);
    }

    static String envName(String section, String name) {
        return ENV_PREFIX + (section.replace('.', '_') + "_" + name).toUpperCase(Locale.ROOT);
    }

    public ValueType type() {
        return type;
    }

    /** The default in the text form the environment and command line use (lists comma-separated). */
    public String defaultText() {
        return defaultText;
    }

    /** Smallest allowed value of an {@link ValueType#INT} key. */
    public long min() {
        return min;
    }

    /** Largest allowed value of an {@link ValueType#INT} key. */
    public long max() {
        return max;
    }

    /** The only values a {@link ValueType#STRING} key accepts; empty when any text goes. */
    public List<String> choices() {
        return choices.isEmpty() ? List.of() : List.of(choices.split(","));
    }

    @Override
    public String toString() {
        return dotted();
    }
}
