package dev.nethergaze.config;

import dev.nethergaze.source.httplog.AccessFormat;
import dev.nethergaze.source.httplog.TrustedProxies;
import dev.nethergaze.source.tail.PathPattern;
import java.util.List;

/**
 * The keys whose values the log-reading code reads, {@code http.log_format}, {@code
 * http.trusted_proxies}, {@code http.log_time_zone} and the log paths ({@code http.paths}, {@code auth.paths}: globs in the file
 * name only): checked by that code when loaded, so that an error names where the value
 * came from (the file, the environment variable, the command line), as for every other key.
 */
final class HttpValues {

    private HttpValues() {}

    static Object check(ConfigKey key, Object value, String origin) {
        try {
            if (key == ConfigKey.HTTP_LOG_FORMAT) {
                AccessFormat.parse(String.valueOf(value).strip());
            } else if (key == ConfigKey.HTTP_LOG_TIME_ZONE) {
                AccessFormat.timeZone(String.valueOf(value));
            } else if (key == ConfigKey.HTTP_TRUSTED_PROXIES && value instanceof List<?> l) {
                TrustedProxies.parse(l.stream().map(String::valueOf).toList());
            } else if ((key == ConfigKey.HTTP_PATHS || key == ConfigKey.AUTH_PATHS) && value instanceof List<?> l) {
                for (Object p : l) { // "-" (standard input) is no path; a glob's wildcards in its file name only
                    if (!"-".equals(p)) {
                        PathPattern.parse(String.valueOf(p));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(origin, key + ": " + e.getMessage(), e);
        }
        return value;
    }
}
