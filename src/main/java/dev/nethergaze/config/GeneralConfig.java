package dev.nethergaze.config;

import java.util.Objects;

/**
 * The {@code [general]} section.
 *
 * @param tickMs engine tick and snapshot publish period in milliseconds
 * @param showPrivateIps whether loopback, link-local and private remotes are shown
 * @param host host name shown in outputs; empty means the system host name
 */
public record GeneralConfig(int tickMs, boolean showPrivateIps, String host) {

    public GeneralConfig {
        Objects.requireNonNull(host, "host");
    }

    /** The configured host name, or {@code systemHostname} when none is configured. */
    public String hostOr(String systemHostname) {
        return host.isEmpty() ? systemHostname : host;
    }
}
