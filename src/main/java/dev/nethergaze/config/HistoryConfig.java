package dev.nethergaze.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code [history]} section: the SQLite per-IP history across sessions.
 *
 * @param enabled whether live runs read and write history
 * @param path the database file; empty means {@code $XDG_STATE_HOME/nethergaze/history.db}, else
 *     {@code ~/.local/state/nethergaze/history.db}
 * @param flushSeconds how often accumulated changes are written, in one transaction
 * @param retentionDays IPs not seen for this many days are pruned
 * @param maxIps at most this many IPs are kept; the least recently seen are pruned beyond it
 */
public record HistoryConfig(boolean enabled, String path, int flushSeconds, int retentionDays, int maxIps) {

    public HistoryConfig {
        Objects.requireNonNull(path, "path");
    }

    /** The database file: the configured path, or the XDG state location under {@code home}. */
    public Path file(Map<String, String> env, Path home) {
        if (!path.isEmpty()) {
            return Path.of(path);
        }
        String xdg = env.getOrDefault("XDG_STATE_HOME", "");
        Path base = !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/state");
        return base.resolve("nethergaze").resolve("history.db");
    }
}
