package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;

/** A vulnerability scanner's user agent on any of the IP's recent requests (not just the last). */
final class ScannerAgentRule implements Rule {

    static final String ID = "scanner_agent";

    private final int memorySeconds;

    ScannerAgentRule(DetectSettings s) {
        this.memorySeconds = s.http().memorySeconds();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        HttpTrack h = t.http;
        if (h == null
                || h.lastAgent == null
                || h.lastAgent.plusSeconds(memorySeconds).isBefore(now)) {
            return null;
        }
        String reason =
                "scanner user agent '" + h.agent + "' on " + h.agentHits + " request" + (h.agentHits == 1 ? "" : "s");
        return new Finding(
                ID,
                Severity.MEDIUM,
                t.subject(),
                reason,
                h.agentHits,
                1,
                Duration.ofSeconds(memorySeconds),
                t.since(ID, now),
                h.agentEvidence(t.subject()));
    }
}
