package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A SYN scan seen on the wire: one IP opening connections to many distinct destination ports
 * within a window while (almost) none of its handshakes complete — the ports answer with RST or
 * not at all, or the scanner never ACKs their SYN-ACK. Its reason and evidence tell these apart: a
 * SYN refused by RST is a closed port, one with no reply a drop (a firewall, a flood's lost
 * packets), one answered by SYN-ACK an open port.
 */
final class SynScanRule implements Rule {

    static final String ID = "syn_scan";
    private static final int PORTS_SHOWN = 20;

    private final int threshold;
    private final int seconds;
    /** The window as findings carry it (made once: a flagged IP is judged after each of its events). */
    private final Duration window;

    private final int completedPercent;

    SynScanRule(DetectSettings s) {
        this.threshold = s.wire().scanPorts();
        this.seconds = s.wire().scanSeconds();
        this.window = Duration.ofSeconds(this.seconds);
        this.completedPercent = s.wire().scanCompletedPercent();
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * When too few new ports are left in the window, or sooner when, as old SYNs leave it, the
     * handshakes completed become more than the share it allows (the windows share their buckets).
     */
    @Override
    public long quietAt(IpTrack t, long sec) {
        WireTrack.Scan s = t.wire.scan;
        long end = s.synPorts.belowAt(threshold, sec);
        for (long at = s.syns.nextStep(sec); at < end; at = s.syns.nextStep(at)) {
            if (s.handshakes.sumAt(at) * 100 > s.syns.sumAt(at) * completedPercent) {
                return at;
            }
        }
        return end;
    }

    /**
     * What the SYNs of the window got back: no reply at all within the capture's handshake timeout,
     * an RST (a closed port), a SYN-ACK (an open port: completed, reset by the scanner or left half-open); the rest were
     * resent or are still waiting.
     */
    record Answers(long silent, long refused, long synAcked, long waiting) {

        static Answers of(WireTrack.Scan s, long sec, long syns, long done) {
            long refused = s.refused.sum(sec);
            long silent = Math.max(0, s.unanswered.sum(sec) - refused);
            long synAcked = done + s.halfOpen.sum(sec);
            return new Answers(silent, refused, synAcked, Math.max(0, syns - silent - refused - synAcked));
        }
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        WireTrack.Scan s = t.wire == null ? null : t.wire.scan;
        if (s == null) {
            return null;
        }
        long sec = now.getEpochSecond();
        long ports = s.synPorts.sum(sec);
        if (ports < threshold) {
            return null;
        }
        long syns = s.syns.sum(sec);
        long done = s.handshakes.sum(sec);
        if (done * 100 > syns * completedPercent) {
            return null;
        }
        List<Integer> recent = s.ports.keysSince(now.minusSeconds(seconds));
        recent.sort(null);
        Answers a = Answers.of(s, sec, syns, done);
        String reason = "SYNs to " + ports + " distinct ports in " + seconds + " s: " + a.silent + " got no reply, "
                + a.refused + " refused by RST, " + a.synAcked + " answered by SYN-ACK; " + done
                + " handshakes completed (threshold " + threshold + " ports, at most " + completedPercent
                + "% completed)";
        List<String> evidence = List.of(
                "last " + seconds + " s: " + syns + " SYNs, " + ports + " new destination ports, " + done
                        + " completed handshakes, " + a.silent + " SYNs with no reply (dropped or filtered), "
                        + a.refused + " refused by RST (closed ports), " + a.synAcked
                        + " answered by SYN-ACK (open ports), "
                        + (a.waiting > 0 ? a.waiting + " resent or awaiting an answer, " : "")
                        + s.rsts.sum(sec) + " RSTs sent",
                "ports (most recent " + recent.size() + "): " + Evidence.ports(recent, PORTS_SHOWN));
        return new Finding(
                ID, Severity.MEDIUM, t.subject(), reason, ports, threshold, window, t.since(ID, now), evidence);
    }
}
