package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.RttSamples;

/**
 * One IP's capture totals at a moment (for tests, {@code ctl status} and the top-talkers CSV). The
 * components are named as the snapshot JSON's {@code ips[].wire} names them ({@code synack}, {@code
 * syn_unanswered}, {@code first_seen_ns}, ...), so {@code ctl status} says what the snapshot says;
 * {@code handshakeRttMsP50} is null while the IP answered no handshake step.
 */
public record IpTotals(
        IpKey ip,
        long packets,
        long bytes,
        long rxPackets,
        long syn,
        long synack,
        long rst,
        long handshakes,
        long synUnanswered,
        long synRefused,
        long halfOpen,
        long synackReset,
        Double handshakeRttMsP50,
        long retrans,
        long sackBlocks,
        long zeroWindow,
        int portsTouched,
        long firstSeenNs,
        long lastSeenNs) {

    static IpTotals of(IpCounters c) {
        return new IpTotals(
                c.ip,
                c.packets,
                c.bytes,
                c.rxPackets,
                c.syn,
                c.synAck,
                c.rst,
                c.handshakes,
                c.unanswered,
                c.refused,
                c.halfOpen,
                c.synAckReset,
                RttSamples.json(c.rttMedianMillis()),
                c.retrans,
                c.sack,
                c.zeroWindow,
                c.portsTouched(),
                c.firstNanos,
                c.lastNanos);
    }
}
