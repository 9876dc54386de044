package dev.nethergaze.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies {@code NETHERGAZE_<SECTION>_<KEY>} environment variables, e.g. {@code
 * NETHERGAZE_GENERAL_TICK_MS=500}; lists are comma-separated, service names are {@code
 * NETHERGAZE_SERVICES_<PORT>=name}. Any other {@code NETHERGAZE_*} variable is an error, except
 * those read elsewhere ({@link #OTHER_VARIABLES}).
 */
final class EnvLayer {

    /**
     * Variables read by the launcher script (home, java, a live run's heap) or by commands themselves:
     * secrets kept out of {@code ps} and out of config files (the web view's token, the NATS URL with its
     * credentials).
     */
    static final Set<String> OTHER_VARIABLES =
            Set.of("NETHERGAZE_HOME", "NETHERGAZE_JAVA", "NETHERGAZE_HEAP", "NETHERGAZE_WEB_TOKEN", "NETHERGAZE_NATS");

    private static final String SERVICES_PREFIX = ConfigKey.ENV_PREFIX + "SERVICES_";

    private final ValueConverter converter;

    EnvLayer(ValueConverter converter) {
        this.converter = converter;
    }

    void apply(Map<String, String> env, Settings settings) {
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String variable = e.getKey();
            if (variable.startsWith(ConfigKey.ENV_PREFIX) && !OTHER_VARIABLES.contains(variable)) {
                applyVariable(variable, e.getValue(), settings);
            }
        }
    }

    private void applyVariable(String variable, String value, Settings settings) {
        String origin = "environment " + variable;
        Optional<ConfigKey> key = byEnvName(variable);
        if (key.isPresent()) {
            settings.set(key.get(), converter.fromText(key.get(), value, origin));
        } else if (variable.startsWith(SERVICES_PREFIX)) {
            ServiceNames.put(settings, variable.substring(SERVICES_PREFIX.length()), value, origin);
        } else {
            throw ConfigException.at(origin, "does not name a config key (expected NETHERGAZE_<SECTION>_<KEY>)");
        }
    }

    private static Optional<ConfigKey> byEnvName(String variable) {
        for (ConfigKey key : ConfigKey.values()) {
            if (key.envName().equals(variable)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
