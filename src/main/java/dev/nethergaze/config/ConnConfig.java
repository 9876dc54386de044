package dev.nethergaze.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code [conn]} section: the kernel connection-table source.
 *
 * @param enabled whether the source runs
 * @param pollMs how often the table is read, in milliseconds
 * @param procRoot the proc file system root (a fixture tree in tests)
 */
public record ConnConfig(boolean enabled, int pollMs, Path procRoot) {

    public ConnConfig {
        Objects.requireNonNull(procRoot, "procRoot");
    }
}
