package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One IP sending at least {@code high_pps} packets within one second of packet time (nettop's
 * high-rate alert). The finding lasts while the busiest second of the last {@value
 * WireTrack#PPS_SECONDS} s is at or above the threshold; its evidence is those seconds' counts.
 */
final class HighPpsRule implements Rule {

    static final String ID = "high_pps";

    private final int threshold;

    HighPpsRule(DetectSettings s) {
        this.threshold = s.wire().highPps();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.wire == null) {
            return null;
        }
        long sec = now.getEpochSecond();
        long peak = t.wire.packets.max(sec);
        if (peak < threshold) {
            return null;
        }
        String reason = "sent " + peak + " packets in one second (threshold " + threshold + " pps)";
        return new Finding(
                ID,
                Severity.MEDIUM,
                t.subject(),
                reason,
                peak,
                threshold,
                Duration.ofSeconds(WireTrack.PPS_SECONDS),
                t.since(ID, now),
                List.of("packets per second, last " + WireTrack.PPS_SECONDS + " s up to " + now + ": "
                        + Evidence.counts(t.wire.packets.buckets(sec))));
    }
}
