package dev.nethergaze.config;

import java.util.Objects;

/**
 * The {@code [general]} section.
 *
 * @param tickMs engine tick and snapshot publish period in milliseconds
 * @param showPrivateIps whether loopback, link-local and private remotes are shown
 * @param host host name shown in outputs; empty means the system host name
 * @param backfillSeconds live mode first replays this much of the recent past from the current and
 *     rotated logs (0: none)
 */
public record GeneralConfig(int tickMs, boolean showPrivateIps, String host, int backfillSeconds) {

    public GeneralConfig(int tickMs, boolean showPrivateIps, String host) {
        this(tickMs, showPrivateIps, host, 0);
    }

    public GeneralConfig {
        Objects.requireNonNull(host, "host");
    }

    /** The configured host name, or {@code systemHostname} when none is configured. */
    public String hostOr(String systemHostname) {
        return host.isEmpty() ? systemHostname : host;
    }
}
