package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.LruIndex;
import dev.nethergaze.model.RttSamples;
import dev.nethergaze.model.WireDelta;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * One IP's counters on the capture thread: totals since first seen, plus the part of them gathered
 * in the current tick (turned into a {@link WireDelta} and cleared at each tick). The set of
 * destination ports it touched (not those its answers went to, {@link Frame#reply}) is a bit set (at
 * most 8 KiB); a port first touched by a SYN that
 * opened a new flow is also counted as a SYN port (what a SYN scan leaves behind).
 */
final class IpCounters extends LruIndex.Entry<IpCounters> {

    final IpKey ip;
    // totals
    long packets;
    long bytes;
    long rxPackets;
    long syn;
    long synAck;
    long rst;
    long handshakes;
    long unanswered;
    long refused;
    long halfOpen;
    long synAckReset;
    long retrans;
    long sack;
    long zeroWindow;
    long firstNanos;
    long lastNanos;
    long mac = -1;
    private BitSet ports;
    private int portCount;

    // this tick
    boolean touched;
    private long dPackets;
    private long dBytes;
    private long dRx;
    private int dSyn;
    private int dSynAck;
    private int dRst;
    private int dHandshakes;
    private int dUnanswered;
    private int dRefused;
    private int dHalfOpen;
    private int dSynAckReset;
    private int dRetrans;
    private int dSack;
    private int dZero;
    private int dPorts;
    private int dSynPorts;
    private int[] synSample; // allocated on the first SYN port
    private int synSampleCount;
    private final long[] rtt = new long[WireDelta.MAX_RTT_SAMPLES];
    private int rttCount;
    /** The samples the deltas carried, as the engine keeps them for the snapshot; made on the first. */
    private RttSamples rttTotals;

    IpCounters(IpKey ip, long nowNanos) {
        this.ip = ip;
        this.firstNanos = nowNanos;
    }

    /** A packet this IP sent; {@code opensFlow}: a TCP packet that started a flow not tracked before. */
    void sent(Frame f, boolean opensFlow) {
        packets++;
        dPackets++;
        bytes += f.wireLen;
        dBytes += f.wireLen;
        lastNanos = f.tsNanos;
        if (f.srcMac >= 0) {
            mac = f.srcMac;
        }
        if (f.ports && !f.reply && (ports == null || !ports.get(f.dstPort))) {
            if (ports == null) {
                ports = new BitSet();
            }
            ports.set(f.dstPort);
            portCount++;
            dPorts++;
            if (opensFlow && f.has(Frame.SYN) && !f.has(Frame.ACK)) {
                synPort(f.dstPort);
            }
        }
        if (f.tcp()) {
            tcpFlags(f);
        }
    }

    private void tcpFlags(Frame f) {
        boolean isSyn = f.has(Frame.SYN);
        boolean isAck = f.has(Frame.ACK);
        boolean isRst = f.has(Frame.RST);
        if (isSyn && !isAck) {
            syn++;
            dSyn++;
        } else if (isSyn) {
            synAck++;
            dSynAck++;
        }
        if (isRst) {
            rst++;
            dRst++;
        }
        if (f.sackBlocks > 0) {
            sack += f.sackBlocks;
            dSack += f.sackBlocks;
        }
        if (f.window == 0 && !isSyn && !isRst && !f.has(Frame.FIN)) {
            zeroWindow++;
            dZero++;
        }
    }

    private void synPort(int port) {
        dSynPorts++;
        if (synSample == null) {
            synSample = new int[WireDelta.MAX_PORT_SAMPLES];
        }
        // the tick's latest ports: once the sample is full, each new one replaces the oldest
        synSample[synSampleCount % synSample.length] = port;
        synSampleCount++;
    }

    void received(long tsNanos) {
        rxPackets++;
        dRx++;
        lastNanos = Math.max(lastNanos, tsNanos);
    }

    void retransmission() {
        retrans++;
        dRetrans++;
    }

    void handshake(long rttNanos) {
        handshakes++;
        dHandshakes++;
        answered(rttNanos);
    }

    /** A handshake step this IP answered, {@code rttNanos} after the packet it answers. */
    void answered(long rttNanos) {
        if (rttCount < rtt.length) {
            long ns = Math.max(0, rttNanos);
            rtt[rttCount++] = ns;
            if (rttTotals == null) {
                rttTotals = new RttSamples();
            }
            rttTotals.add(ns);
        }
    }

    /** The median handshake answer time in milliseconds, as the snapshot gives it; NaN when none. */
    double rttMedianMillis() {
        return rttTotals == null ? Double.NaN : rttTotals.medianMillis();
    }

    void unanswered() {
        unanswered++;
        dUnanswered++;
    }

    /** A SYN of this IP the other side answered by RST (counted unanswered too, when it resolves). */
    void refused() {
        refused++;
        dRefused++;
    }

    /** A SYN-ACK this IP's SYN got that was neither ACKed nor reset within the timeout. */
    void halfOpen() {
        halfOpen++;
        dHalfOpen++;
    }

    /** A SYN-ACK this IP's SYN got that was answered by RST instead of the ACK (a SYN scan's open port). */
    void synAckReset() {
        synAckReset++;
        dSynAckReset++;
    }

    int portsTouched() {
        return portCount;
    }

    /** The tick's delta, then clears it. */
    WireDelta drain() {
        WireDelta d = new WireDelta(
                ip,
                dPackets,
                dBytes,
                dRx,
                dSyn,
                dSynAck,
                dRst,
                dHandshakes,
                dUnanswered,
                dRefused,
                dHalfOpen,
                dSynAckReset,
                dRetrans,
                dSack,
                dZero,
                dPorts,
                dSynPorts,
                synSampleList(),
                rttList(),
                firstNanos,
                lastNanos,
                Frame.mac(mac));
        dPackets = 0;
        dBytes = 0;
        dRx = 0;
        dSyn = 0;
        dSynAck = 0;
        dRst = 0;
        dHandshakes = 0;
        dUnanswered = 0;
        dRefused = 0;
        dHalfOpen = 0;
        dSynAckReset = 0;
        dRetrans = 0;
        dSack = 0;
        dZero = 0;
        dPorts = 0;
        dSynPorts = 0;
        synSampleCount = 0;
        rttCount = 0;
        touched = false;
        return d;
    }

    /** The sampled ports, oldest first. */
    private List<Integer> synSampleList() {
        if (synSampleCount <= WireDelta.MAX_PORT_SAMPLES) {
            return synSampleCount == 0
                    ? List.of()
                    : Arrays.stream(synSample, 0, synSampleCount).boxed().toList();
        }
        int start = synSampleCount % synSample.length;
        List<Integer> ports = new ArrayList<>(synSample.length);
        for (int i = 0; i < synSample.length; i++) {
            ports.add(synSample[(start + i) % synSample.length]);
        }
        return ports;
    }

    private List<Long> rttList() {
        return rttCount == 0
                ? List.of()
                : Arrays.stream(rtt, 0, rttCount).boxed().toList();
    }
}
