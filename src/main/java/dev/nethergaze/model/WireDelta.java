package dev.nethergaze.model;

import java.util.List;

/**
 * What one IP did on the wire during one capture tick (counts are deltas, not totals). Counters
 * describe packets the IP <em>sent</em>, except {@code rxPackets}. {@code rttNanos} holds the
 * handshake answer times measured in this tick for this IP (a SYN to it answered by its SYN-ACK, or
 * a SYN-ACK to it answered by its ACK), at most {@link #MAX_RTT_SAMPLES}.
 */
public record WireDelta(
        IpKey ip,
        long packets,
        long bytes,
        long rxPackets,
        int syn,
        int synAck,
        int rst,
        int handshakes,
        int unansweredSyn,
        int halfOpen,
        int retrans,
        int sackBlocks,
        int zeroWindow,
        int newPorts,
        List<Long> rttNanos,
        long lastSeenNanos,
        String mac) {

    public static final int MAX_RTT_SAMPLES = 32;

    public WireDelta {
        rttNanos = List.copyOf(rttNanos);
        mac = mac == null ? "" : mac;
    }
}
