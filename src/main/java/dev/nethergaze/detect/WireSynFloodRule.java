package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A SYN flood from one IP seen on the wire: at least {@code syn_flood_syns} SYNs within the SYN-scan
 * window to fewer new ports than a scan takes (new ports touched by any packet count too; a scan is
 * {@link SynScanRule}'s, so one IP is never flagged as both), while at most {@code syn_flood_completed_percent} of them completed a handshake.
 * The kernel table may show none of it (SYN cookies leave no SYN_RECV row); the wire does.
 */
final class WireSynFloodRule implements Rule {

    static final String ID = "syn_flood_wire";
    private static final int PORTS_SHOWN = 20;

    private final int threshold;
    private final int scanPorts;
    private final int seconds;
    private final int completedPercent;
    private final Duration window;

    WireSynFloodRule(DetectSettings s) {
        this.threshold = s.wire().floodSyns();
        this.scanPorts = s.wire().scanPorts();
        this.seconds = s.wire().scanSeconds();
        this.completedPercent = s.wire().floodCompletedPercent();
        this.window = Duration.ofSeconds(seconds);
    }

    @Override
    public String id() {
        return ID;
    }

    /** When too few SYNs are left in the window (a scan's ports or completed handshakes end it sooner, re-judged then). */
    @Override
    public long quietAt(IpTrack t, long sec) {
        return t.wire.scan.syns.belowAt(threshold, sec);
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        WireTrack.Scan s = t.wire == null ? null : t.wire.scan;
        if (s == null) {
            return null;
        }
        long sec = now.getEpochSecond();
        long syns = s.syns.sum(sec);
        if (syns < threshold) {
            return null;
        }
        long ports = s.synPorts.sum(sec);
        long done = s.handshakes.sum(sec);
        if (Math.max(ports, s.anyPorts.sum(sec)) >= scanPorts || done * 100 > syns * completedPercent) {
            return null;
        }
        List<Integer> recent = s.ports.keysSince(now.minusSeconds(seconds));
        recent.sort(null);
        long[] perBucket = s.syns.buckets(sec);
        SynScanRule.Answers a = SynScanRule.Answers.of(s, sec, syns, done);
        String reason = syns + " SYNs in " + seconds + " s to " + Plural.of(ports, "new destination port") + ", "
                + done + " handshakes completed (threshold " + threshold + " SYNs, at most " + completedPercent
                + "% completed)";
        List<String> evidence = new ArrayList<>(3);
        Collections.addAll(
                evidence,
                "last " + seconds + " s: " + syns + " SYNs, " + done + " completed handshakes, " + a.silent()
                        + " SYNs with no reply (dropped or filtered), " + a.refused()
                        + " refused by RST (closed ports), " + a.synAcked() + " answered by SYN-ACK (open ports)"
                        + (a.waiting() > 0 ? ", " + a.waiting() + " resent or awaiting an answer" : ""),
                "SYNs per " + Math.max(1, seconds / perBucket.length) + " s, last " + seconds + " s up to " + now + ": "
                        + Evidence.counts(perBucket),
                "ports (most recent " + recent.size() + "): " + Evidence.ports(recent, PORTS_SHOWN));
        return new Finding(ID, Severity.HIGH, t.subject(), reason, syns, threshold, window, t.since(ID, now), evidence);
    }
}
