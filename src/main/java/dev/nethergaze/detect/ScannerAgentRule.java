package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Plural;
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

    /**
     * {@code scanner user agent 'nikto' on 3 requests}; with several, each with its own count: {@code
     * scanner user agents on 14 requests: 'zgrab' 13, 'nikto' 1}.
     */
    private static String reason(HttpTrack h) {
        String requests = Plural.of(h.agentHits, "request");
        if (h.agentCounts.size() == 1) {
            return "scanner user agent '" + h.agentCounts.keySet().iterator().next() + "' on " + requests;
        }
        StringBuilder b =
                new StringBuilder("scanner user agents on ").append(requests).append(':');
        String sep = " ";
        for (java.util.Map.Entry<String, Long> e : h.agentCounts.entrySet()) {
            b.append(sep).append('\'').append(e.getKey()).append("' ").append(e.getValue());
            sep = ", ";
        }
        return b.toString();
    }

    @Override
    public boolean counts(IpTrack t, Instant now) {
        return t.http != null && t.http.lastAgent != null && Rule.within(t.http.lastAgent, memorySeconds, now);
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        HttpTrack h = t.http;
        if (h == null || h.lastAgent == null || !Rule.within(h.lastAgent, memorySeconds, now)) {
            return null;
        }
        if (h.agentReason == null || h.agentReasonHits != h.agentHits) { // re-judged often, changed rarely
            h.agentReason = reason(h);
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
