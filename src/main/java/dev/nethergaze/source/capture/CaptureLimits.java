package dev.nethergaze.source.capture;

import java.time.Duration;

/**
 * Caps that bound the capture's memory, and the handshake timeout.
 *
 * @param maxIps IPs tracked at once (least recently seen evicted)
 * @param maxFlows TCP flows tracked at once (least recently seen evicted)
 * @param handshakeTimeout a SYN without SYN-ACK (or SYN-ACK without ACK) this old is counted as unanswered
 */
public record CaptureLimits(int maxIps, int maxFlows, Duration handshakeTimeout) {

    public static final CaptureLimits DEFAULTS = new CaptureLimits(65_536, 262_144, Duration.ofSeconds(3));

    public CaptureLimits {
        if (maxIps < 1 || maxFlows < 1 || handshakeTimeout.isNegative()) {
            throw new IllegalArgumentException("capture limits must be positive");
        }
    }
}
