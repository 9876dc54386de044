package dev.nethergaze.source.conn;

import java.util.Locale;

/** Which kernel interface reads the connection table ({@code conn.source} / {@code --conn-source}). */
public enum ConnSourceMode {
    /**
     * netlink sock_diag, falling back to procfs when it cannot be used; procfs under a proc root other
     * than /proc (netlink reads this host's own kernel, never a directory).
     */
    AUTO,
    /** netlink sock_diag only; its failures show as the source's health. */
    NETLINK,
    /** {@code /proc/net/tcp} and {@code tcp6} only. */
    PROCFS;

    /** Parses "auto", "netlink" or "procfs" (any case). */
    public static ConnSourceMode parse(String s) {
        for (ConnSourceMode m : values()) {
            if (m.name().equalsIgnoreCase(s.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("conn source must be auto, netlink or procfs, not '" + s + "'");
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
