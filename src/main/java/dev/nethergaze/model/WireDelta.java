package dev.nethergaze.model;

import java.util.List;

/**
 * What one IP did on the wire during one capture tick (counts are deltas, not totals). Counters
 * describe packets the IP <em>sent</em>, except {@code rxPackets}. {@code rttNanos} holds the
 * handshake answer times measured in this tick for this IP (a SYN to it answered by its SYN-ACK, or
 * a SYN-ACK to it answered by its ACK), at most {@link #MAX_RTT_SAMPLES}. {@code synPorts} counts the
 * destination ports this IP first touched, during this tick, with a SYN that opened a new flow (a
 * connection attempt to a port it had never sent to); {@code synPortSample} names the latest {@link
 * #MAX_PORT_SAMPLES} of them, oldest first (as many as the SYN-scan evidence keeps, so the ports it
 * calls most recent are). {@code unansweredSyn} counts this IP's SYNs resolved this tick without a
 * SYN-ACK: answered by RST or by nothing within the capture's handshake timeout; {@code refusedSyn}
 * those of them the other side answered by RST (closed ports), so the rest got no reply at all.
 * {@code halfOpen} counts its SYNs answered by a SYN-ACK that was neither ACKed nor reset within the
 * timeout, {@code synAckReset} those whose SYN-ACK was answered by RST instead of the ACK (a SYN scan
 * finding an open port).
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
        int refusedSyn,
        int halfOpen,
        int synAckReset,
        int retrans,
        int sackBlocks,
        int zeroWindow,
        int newPorts,
        int synPorts,
        List<Integer> synPortSample,
        List<Long> rttNanos,
        long firstSeenNanos,
        long lastSeenNanos,
        String mac) {

    public static final int MAX_RTT_SAMPLES = 32;

    public static final int MAX_PORT_SAMPLES = 32;

    public WireDelta {
        synPortSample = List.copyOf(synPortSample);
        rttNanos = List.copyOf(rttNanos);
        mac = mac == null ? "" : mac;
    }
}
