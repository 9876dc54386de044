package dev.nethergaze.config;

import java.util.List;

/**
 * The {@code [auth]} section: the SSH authentication source.
 *
 * @param enabled whether the source runs
 * @param paths auth log files ({@code /var/log/auth.log} on Debian, {@code /var/log/secure} on Red Hat)
 * @param journald {@code auto} (journald when no auth file is readable), {@code on} or {@code off}
 * @param journalDirectory the journal's directory when it is not this host's own (a host's {@code
 *     /var/log/journal} mounted into a container: {@code journalctl --directory}); empty for journald's
 */
public record AuthConfig(boolean enabled, List<String> paths, Journald journald, String journalDirectory) {

    /** When the journald reader is used. */
    public enum Journald {
        AUTO,
        ON,
        OFF
    }

    public AuthConfig {
        paths = List.copyOf(paths);
    }

    /** With journald's own directories. */
    public AuthConfig(boolean enabled, List<String> paths, Journald journald) {
        this(enabled, paths, journald, "");
    }
}
