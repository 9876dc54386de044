package dev.nethergaze.engine;

import dev.nethergaze.model.RttSamples;
import dev.nethergaze.model.WireDelta;
import dev.nethergaze.model.WireSummary;
import java.util.Arrays;

/**
 * One IP's wire (packet capture) state in the engine: totals summed from per-tick deltas, a 60 s
 * ring of per-second packet counts so rates decay when traffic stops, and the last
 * {@value RttSamples#CAP} handshake answer times for the median. Fixed size per IP.
 */
final class WireState {

    private static final int WINDOW = 60;

    private final long[] perSecond = new long[WINDOW];
    private long head = Long.MIN_VALUE; // epoch second of the newest bucket
    private double peak;
    private double low = Double.NaN;
    private final RttSamples rtt = new RttSamples();

    private long packets;
    private long bytes;
    private long rxPackets;
    private long syn;
    private long synAck;
    private long rst;
    private long handshakes;
    private long unanswered;
    private long refused;
    private long halfOpen;
    private long synAckReset;
    private long retrans;
    private long sack;
    private long zeroWindow;
    private long ports;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos;
    private String mac = "";

    void add(long epochSecond, WireDelta d) {
        advance(epochSecond);
        perSecond[slot(head)] += d.packets() + d.rxPackets();
        packets += d.packets();
        bytes += d.bytes();
        rxPackets += d.rxPackets();
        syn += d.syn();
        synAck += d.synAck();
        rst += d.rst();
        handshakes += d.handshakes();
        unanswered += d.unansweredSyn();
        refused += d.refusedSyn();
        halfOpen += d.halfOpen();
        synAckReset += d.synAckReset();
        retrans += d.retrans();
        sack += d.sackBlocks();
        zeroWindow += d.zeroWindow();
        ports += d.newPorts();
        if (d.lastSeenNanos() > 0) { // the packet times of the IP's own first and latest packets
            firstNanos = Math.min(firstNanos, d.firstSeenNanos() > 0 ? d.firstSeenNanos() : d.lastSeenNanos());
            lastNanos = Math.max(lastNanos, d.lastSeenNanos());
        }
        if (!d.mac().isEmpty()) {
            mac = d.mac();
        }
        for (long ns : d.rttNanos()) {
            rtt.add(ns);
        }
    }

    /** True while some packet is inside the 60 s window ending at {@code epochSecond}. */
    boolean active(long epochSecond) {
        advance(epochSecond);
        return Arrays.stream(perSecond).anyMatch(v -> v != 0);
    }

    /**
     * Rates end at {@code epochSecond}, whose packets so far count (NaN, unknown, when {@code stale}:
     * the capture counts nothing now, so a window with no packets is not a quiet one): the second now is at least that
     * busy (a replay's report is at its last packet, and a 200-packet burst within it was "0 pps").
     */
    WireSummary summary(long epochSecond, boolean stale) {
        advance(epochSecond);
        long now = perSecond[slot(head)];
        return new WireSummary(
                packets,
                bytes,
                rxPackets,
                stale ? Double.NaN : (double) Math.max(completed(1), now),
                stale ? Double.NaN : (now + completed(9)) / 10.0,
                stale ? Double.NaN : (now + completed(WINDOW - 1)) / (double) WINDOW,
                Math.max(peak, (double) now),
                Double.isNaN(low) ? 0 : low,
                syn,
                synAck,
                rst,
                handshakes,
                unanswered,
                refused,
                halfOpen,
                synAckReset,
                rtt.medianMillis(),
                retrans,
                sack,
                zeroWindow,
                ports,
                firstNanos == Long.MAX_VALUE ? 0 : firstNanos,
                lastNanos,
                mac);
    }

    /** Sum over the last {@code n} completed seconds (the current, partial second excluded). */
    private long completed(int n) {
        long total = 0;
        for (int k = 1; k <= n; k++) {
            total += perSecond[slot(head - k)];
        }
        return total;
    }

    private void advance(long second) {
        if (head == Long.MIN_VALUE) {
            head = second;
            return;
        }
        while (head < second) {
            record(perSecond[slot(head)]);
            if (second - head > WINDOW) { // a long silence empties the whole window at once
                Arrays.fill(perSecond, 0);
                head = second;
                return;
            }
            head++;
            perSecond[slot(head)] = 0;
        }
    }

    /** A second is complete: peak and low are over seconds that carried packets. */
    private void record(long count) {
        if (count > 0) {
            peak = Math.max(peak, (double) count);
            low = Double.isNaN(low) ? (double) count : Math.min(low, (double) count);
        }
    }

    private static int slot(long second) {
        return (int) Math.floorMod(second, (long) WINDOW);
    }
}
