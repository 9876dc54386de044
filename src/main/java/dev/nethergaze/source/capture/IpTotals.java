package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;

/** One IP's capture totals at a moment (for tests, {@code top} and the top-talkers CSV). */
public record IpTotals(
        IpKey ip,
        long packets,
        long bytes,
        long rxPackets,
        long syn,
        long synAck,
        long rst,
        long handshakes,
        long unansweredSyn,
        long halfOpen,
        long retrans,
        long sackBlocks,
        long zeroWindow,
        int portsTouched,
        long firstNanos,
        long lastNanos) {

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
                c.halfOpen,
                c.retrans,
                c.sack,
                c.zeroWindow,
                c.portsTouched(),
                c.firstNanos,
                c.lastNanos);
    }
}
