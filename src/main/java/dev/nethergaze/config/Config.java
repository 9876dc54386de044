package dev.nethergaze.config;

import dev.nethergaze.detect.DetectSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The whole configuration, validated once by {@link ConfigLoader} and immutable afterwards.
 *
 * @param general engine timing and display choices
 * @param limits caps that keep memory bounded
 * @param conn the kernel connection-table source
 * @param http the access-log source
 * @param services extra port → service names
 * @param geoip offline GeoIP/ASN databases
 * @param whois RDAP/whois/rDNS lookups
 * @param history the per-IP history store
 * @param auth the SSH authentication source
 * @param detect every rule's thresholds ({@code [detect]} and {@code [detect.*]})
 * @param allowlist ranges never flagged or blocked
 * @param actions block execution, firewall choice, audit log and hooks
 * @param alerts alert sinks
 */
public record Config(
        GeneralConfig general,
        LimitsConfig limits,
        ConnConfig conn,
        HttpConfig http,
        ServicesConfig services,
        GeoipConfig geoip,
        WhoisConfig whois,
        HistoryConfig history,
        AuthConfig auth,
        DetectSettings detect,
        AllowlistConfig allowlist,
        ActionsConfig actions,
        AlertsConfig alerts) {

    public Config {
        Objects.requireNonNull(general, "general");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(conn, "conn");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(geoip, "geoip");
        Objects.requireNonNull(whois, "whois");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(detect, "detect");
        Objects.requireNonNull(allowlist, "allowlist");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(alerts, "alerts");
    }

    /** The configuration with every key at its default. */
    public static Config defaults() {
        return new Settings(new ValueConverter(Path.of("/"))).toConfig();
    }
}
