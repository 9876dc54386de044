package dev.nethergaze.config;

import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.TrustedProxies;
import java.util.List;

/**
 * The http keys whose values the access-log code reads, {@code http.log_format} and {@code
 * http.trusted_proxies}: checked by that code when loaded, so that an error names where the value
 * came from (the file, the environment variable, the command line), as for every other key.
 */
final class HttpValues {

    private HttpValues() {}

    static Object check(ConfigKey key, Object value, String origin) {
        try {
            if (key == ConfigKey.HTTP_LOG_FORMAT) {
                AccessFormat.parse(String.valueOf(value).strip());
            } else if (key == ConfigKey.HTTP_TRUSTED_PROXIES && value instanceof List<?> l) {
                TrustedProxies.parse(l.stream().map(String::valueOf).toList());
            }
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(origin, key + ": " + e.getMessage(), e);
        }
        return value;
    }
}
