package dev.nethergaze.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Validation of string keys whose values come from a fixed set or must be a URL. */
final class Choices {

    static final List<String> FIREWALLS = List.of("auto", "ufw", "nftables", "iptables", "ipset");
    static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");

    private Choices() {}

    static String check(ConfigKey key, String value, String origin) {
        return switch (key) {
            case ACTIONS_FIREWALL -> oneOf(key, value, FIREWALLS, origin);
            case ALERTS_MIN_SEVERITY -> oneOf(key, value, SEVERITIES, origin);
            case ALERTS_WEBHOOK -> url(key, value, origin);
            default -> value;
        };
    }

    private static String oneOf(ConfigKey key, String value, List<String> allowed, String origin) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ConfigException.at(
                    origin, key + ": must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
        }
        return v;
    }

    private static String url(ConfigKey key, String value, String origin) {
        String v = value.strip();
        if (v.isEmpty()) {
            return v;
        }
        try {
            URI u = new URI(v);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return v;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw ConfigException.at(origin, key + ": must be an http:// or https:// URL, got '" + value + "'");
    }
}
