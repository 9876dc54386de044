package dev.nethergaze.config;

import java.util.List;

/**
 * The {@code [auth]} section: the SSH authentication source.
 *
 * @param enabled whether the source runs
 * @param paths auth log files ({@code /var/log/auth.log} on Debian, {@code /var/log/secure} on Red Hat)
 * @param journald {@code auto} (journald when no auth file is readable), {@code on} or {@code off}
 */
public record AuthConfig(boolean enabled, List<String> paths, Journald journald) {

    /** When the journald reader is used. */
    public enum Journald {
        AUTO,
        ON,
        OFF
    }

    public AuthConfig {
        paths = List.copyOf(paths);
    }
}
