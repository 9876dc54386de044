package dev.nethergaze.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code [services]} section: extra names for ports, e.g. {@code "8081" = "api"}.
 *
 * @param names port (1..65535) → service name, sorted by port
 */
public record ServicesConfig(SortedMap<Integer, String> names) {

    public ServicesConfig {
        names = Collections.unmodifiableSortedMap(new TreeMap<>(names));
    }

    public static ServicesConfig of(Map<Integer, String> names) {
        return new ServicesConfig(new TreeMap<>(names));
    }

    /** The configured name of {@code port}, if any. */
    public Optional<String> name(int port) {
        return Optional.ofNullable(names.get(port));
    }
}
