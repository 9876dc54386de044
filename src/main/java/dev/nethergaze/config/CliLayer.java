package dev.nethergaze.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Applies command-line overrides given by dotted key, e.g. {@code general.tick_ms=500} or {@code
 * services.8081=api}; values are text as in the environment (lists comma-separated).
 */
final class CliLayer {

    static final String ORIGIN = "command line";

    private final ValueConverter converter;

    CliLayer(ValueConverter converter) {
        this.converter = converter;
    }

    void apply(Map<String, String> overrides, Settings settings) {
        for (Map.Entry<String, String> e : new TreeMap<>(overrides).entrySet()) {
            applyOne(e.getKey(), e.getValue(), settings);
        }
    }

    private void applyOne(String dotted, String value, Settings settings) {
        int dot = dotted.lastIndexOf('.');
        String section = dot < 0 ? dotted : dotted.substring(0, dot);
        String name = dot < 0 ? "" : dotted.substring(dot + 1);
        if (section.equals(ConfigKey.SERVICES_SECTION) && !name.isEmpty()) {
            ServiceNames.put(settings, name, value, ORIGIN);
            return;
        }
        ConfigKey key = ConfigKey.find(section, name)
                .orElseThrow(() -> ConfigException.at(ORIGIN, "unknown key '" + dotted + "'"));
        settings.set(key, converter.fromText(key, value, ORIGIN));
    }
}
