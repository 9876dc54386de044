package dev.nethergaze.config;

import java.util.List;

/**
 * The {@code [allowlist]} section.
 *
 * @param cidrs addresses and prefixes no rule flags and no block may touch
 */
public record AllowlistConfig(List<String> cidrs) {

    public AllowlistConfig {
        cidrs = List.copyOf(cidrs);
    }
}
