package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One IP touching many distinct local ports within a window (from the kernel table). */
final class PortScanRule implements Rule {

    static final String ID = "port_scan";
    private static final int PORTS_SHOWN = 20;

    private final int threshold;
    private final int seconds;
    /** The window as findings carry it (made once: a flagged IP is judged after each of its events). */
    private final Duration window;

    PortScanRule(DetectSettings s) {
        this.threshold = s.conn().scanPorts();
        this.seconds = s.conn().scanSeconds();
        this.window = Duration.ofSeconds(this.seconds);
    }

    @Override
    public String id() {
        return ID;
    }

    /** When the threshold-th most recent port leaves the window. */
    @Override
    public long quietAt(IpTrack t, long sec) {
        return Rule.thinsOut(t.conn.localPorts, threshold, seconds);
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.conn == null) {
            return null;
        }
        Instant cutoff = now.minusSeconds(seconds);
        int n = t.conn.portsSince(cutoff);
        if (n < threshold) {
            return null;
        }
        List<Integer> ports = t.conn.localPorts.keysSince(cutoff);
        ports.sort(null);
        List<String> evidence = new ArrayList<>();
        evidence.add("local ports: " + Evidence.ports(ports, PORTS_SHOWN));
        t.conn.openRows.forEach(c -> evidence.add(Evidence.of(c)));
        t.conn.synRows.forEach(c -> evidence.add(Evidence.of(c)));
        String reason = "touched " + n + " distinct local ports in " + seconds + " s (threshold " + threshold + ")";
        return new Finding(ID, Severity.MEDIUM, t.subject(), reason, n, threshold, window, t.since(ID, now), evidence);
    }
}
