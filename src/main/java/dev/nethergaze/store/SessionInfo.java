package dev.nethergaze.store;

import java.util.Objects;

/**
 * What a session row records about the run that wrote it.
 *
 * @param host the host name shown in outputs
 * @param version the Nethergaze version that wrote the session
 */
public record SessionInfo(String host, String version) {

    public SessionInfo {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(version, "version");
    }
}
