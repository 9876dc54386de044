package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;

/** A vulnerability scanner's user agent on any of the IP's recent requests (not just the last). */
final class ScannerAgentRule implements Rule {

    static final String ID = "scanner_agent";

    private final int memorySeconds;
    private final Duration window;

    ScannerAgentRule(DetectSettings s) {
        this.memorySeconds = s.http().memorySeconds();
        this.window = Duration.ofSeconds(memorySeconds);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public long quietAt(IpTrack t, long sec) {
        return Rule.endOf(t.http.lastAgent, memorySeconds);
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        HttpTrack h = t.http;
        if (h == null || h.lastAgent == null || !Rule.within(h.lastAgent, memorySeconds, now)) {
            return null;
        }
        if (h.agentReason == null || h.agentReasonHits != h.agentHits) { // re-judged often, changed rarely
            h.agentReason = "scanner user agent '" + h.agent + "' on " + h.agentHits + " request"
                    + (h.agentHits == 1 ? "" : "s");
            h.agentReasonHits = h.agentHits;
        }
        String reason = h.agentReason;
        return new Finding(
                ID,
                Severity.MEDIUM,
                t.subject(),
                reason,
                h.agentHits,
                1,
                window,
                t.since(ID, now),
                h.agentEvidence(t.subject()));
    }
}
