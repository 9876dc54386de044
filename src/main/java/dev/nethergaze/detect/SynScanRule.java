package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A SYN scan seen on the wire: one IP opening connections to many distinct destination ports
 * within a window while (almost) none of its handshakes complete — the ports answer with RST or
 * not at all, or the scanner never ACKs their SYN-ACK.
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
        String reason = "SYNs to " + ports + " distinct ports in " + seconds + " s, " + done
                + " handshakes completed (threshold " + threshold + " ports, at most " + completedPercent
                + "% completed)";
        List<String> evidence = List.of(
                "last " + seconds + " s: " + syns + " SYNs, " + ports + " new destination ports, " + done
                        + " completed handshakes, " + s.unanswered.sum(sec) + " SYNs unanswered, "
                        + s.rsts.sum(sec) + " RSTs sent",
                "ports (most recent " + recent.size() + "): " + Evidence.ports(recent, PORTS_SHOWN));
        return new Finding(
                ID, Severity.MEDIUM, t.subject(), reason, ports, threshold, window, t.since(ID, now), evidence);
    }
}
