package dev.nethergaze.config;

import java.net.URI;

/**
 * Validation of string keys beyond a fixed set of choices (those are declared on {@link ConfigKey}
 * and checked by the converter): URLs.
 */
final class Choices {

    private Choices() {}

    static String check(ConfigKey key, String value, String origin) {
        return key == ConfigKey.ALERTS_WEBHOOK ? url(key, value, origin) : value;
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
