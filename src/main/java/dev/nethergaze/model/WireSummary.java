package dev.nethergaze.model;

/**
 * One IP as seen on the wire (packet capture), immutable. Counters are totals since the IP was first
 * seen and describe what it sent; rates are packets per second (sent and received) over the last
 * second, 10 s and 60 s (NaN while the live capture counts nothing: ended, stalled, paused or
 * waiting for its interface); {@code peakPps}/{@code lowPps} are over whole seconds while active.
 * {@code handshakeRttMsP50} is the median time the IP took to answer a handshake step (NaN: none).
 * {@code unansweredSyn}: its SYNs that got no SYN-ACK, of which {@code refusedSyn} were answered by
 * RST (closed ports) and the rest got no reply at all within the capture's handshake timeout;
 * {@code halfOpen}: its SYNs whose SYN-ACK was neither ACKed nor reset within it; {@code synAckReset}:
 * those whose SYN-ACK was answered by RST instead of the ACK (a SYN scan finding an open port).
 */
public record WireSummary(
        long packets,
        long bytes,
        long rxPackets,
        double pps,
        double pps10s,
        double pps60s,
        double peakPps,
        double lowPps,
        long syn,
        long synAck,
        long rst,
        long handshakes,
        long unansweredSyn,
        long refusedSyn,
        long halfOpen,
        long synAckReset,
        double handshakeRttMsP50,
        long retrans,
        long sackBlocks,
        long zeroWindow,
        long portsTouched,
        long firstSeenNanos,
        long lastSeenNanos,
        String mac) {}
