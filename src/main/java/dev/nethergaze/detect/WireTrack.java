package dev.nethergaze.detect;

import dev.nethergaze.model.WireDelta;
import java.time.Instant;

/**
 * One IP's packet-capture activity as the wire rules need it: packets per second over the last
 * {@link #PPS_SECONDS} seconds, and — once it sends SYNs — the SYN-scan windows and the ports it
 * most recently sent connection-opening SYNs to. Time is each tick's packet time.
 */
final class WireTrack {

    /** How long a packet-rate peak is remembered (and a high-rate finding outlives the burst). */
    static final int PPS_SECONDS = 10;

    /** As many as a tick's delta names: the latest ports of the latest ticks are the most recent ones. */
    private static final int PORTS_KEPT = WireDelta.MAX_PORT_SAMPLES;

    final WindowCounter packets = WindowCounter.of(PPS_SECONDS, PPS_SECONDS);
    /** SYN-scan counters, allocated on the first SYN. */
    Scan scan;

    /**
     * Windows over the SYN-scan interval; {@link #ports}: SYN port → when last sent to. The answers
     * its SYNs got: {@link #unanswered} (no SYN-ACK), of them {@link #refused} by RST; {@link
     * #halfOpen} SYN-ACKs it never ACKed, left half-open or reset by it (with {@link #handshakes}: the
     * SYNs answered by SYN-ACK).
     */
    static final class Scan {
        final WindowCounter synPorts;
        final WindowCounter syns;
        final WindowCounter handshakes;
        final WindowCounter unanswered;
        final WindowCounter refused;
        final WindowCounter halfOpen;
        final WindowCounter rsts;
        /** Destination ports first touched by any packet (a SYN flood's SYNs go to few of them). */
        final WindowCounter anyPorts;

        final LastSeen<Integer> ports = new LastSeen<>(PORTS_KEPT);

        Scan(int seconds) {
            synPorts = WindowCounter.of(seconds, 12);
            syns = WindowCounter.of(seconds, 12);
            handshakes = WindowCounter.of(seconds, 12);
            unanswered = WindowCounter.of(seconds, 12);
            refused = WindowCounter.of(seconds, 12);
            halfOpen = WindowCounter.of(seconds, 12);
            rsts = WindowCounter.of(seconds, 12);
            anyPorts = WindowCounter.of(seconds, 12);
        }
    }

    void delta(WireDelta d, Instant t, DetectSettings s) {
        long sec = t.getEpochSecond();
        packets.add(sec, d.packets());
        if (scan == null && d.syn() == 0) {
            return;
        }
        if (scan == null) {
            scan = new Scan(s.wire().scanSeconds());
        }
        scan.synPorts.add(sec, d.synPorts());
        scan.syns.add(sec, d.syn());
        scan.handshakes.add(sec, d.handshakes());
        scan.unanswered.add(sec, d.unansweredSyn());
        scan.refused.add(sec, d.refusedSyn());
        scan.halfOpen.add(sec, d.halfOpen() + d.synAckReset()); // a SYN scan resets the open ports' SYN-ACKs
        scan.rsts.add(sec, d.rst());
        scan.anyPorts.add(sec, d.newPorts());
        for (int port : d.synPortSample()) {
            scan.ports.touch(port, t);
        }
    }
}
