package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;

/** Many half-open (SYN_RECV) connections from one IP: the handshake never completes, no request arrives. */
final class SynFloodRule implements Rule {

    static final String ID = "syn_flood";

    private final int threshold;

    SynFloodRule(DetectSettings s) {
        this.threshold = s.syn().perIp();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.conn == null || t.conn.synRecv < threshold) {
            return null;
        }
        int n = t.conn.synRecv;
        String reason =
                n + " half-open connections (SYN_RECV) from " + t.ip + ", none completed (threshold " + threshold + ")";
        return new Finding(
                ID,
                Severity.HIGH,
                t.subject(),
                reason,
                n,
                threshold,
                Duration.ZERO,
                t.since(ID, now),
                t.conn.synRows.stream().map(Evidence::of).toList());
    }
}
