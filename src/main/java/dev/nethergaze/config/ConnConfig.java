package dev.nethergaze.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code [conn]} section: the kernel connection-table source.
 *
 * @param enabled whether the source runs
 * @param pollMs how often the table is read, in milliseconds
 * @param procRoot the proc file system root (a fixture tree in tests)
 * @param source which reader: "auto" (netlink, else procfs), "netlink" or "procfs"
 * @param owners whether socket owners (pid, command) are resolved through /proc/PID/fd
 */
public record ConnConfig(boolean enabled, int pollMs, Path procRoot, String source, boolean owners) {

    /** The defaults for the newer keys: source "auto", owners on. */
    public ConnConfig(boolean enabled, int pollMs, Path procRoot) {
        this(enabled, pollMs, procRoot, "auto", true);
    }

    public ConnConfig {
        Objects.requireNonNull(procRoot, "procRoot");
        Objects.requireNonNull(source, "source");
    }
}
