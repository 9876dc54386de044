package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Many open connections (ESTABLISHED or SYN_RECV; TIME_WAIT does not count) but fewer requests in
 * the last window than connections: a connection hog or slow-loris, not a busy client.
 */
final class ConnHogRule implements Rule {

    static final String ID = "conn_hog";

    private final int threshold;
    private final int windowSeconds;

    ConnHogRule(DetectSettings s) {
        this.threshold = s.conn().manyConns();
        this.windowSeconds = s.http().errorSeconds();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.conn == null) {
            return null;
        }
        int open = t.conn.established + t.conn.synRecv;
        long requests = t.requestsWithin(now);
        if (open < threshold || requests >= open) {
            return null;
        }
        String reason = open + " open connections (ESTABLISHED/SYN_RECV) but only " + requests + " requests in "
                + windowSeconds + " s (threshold " + threshold + " connections)";
        List<String> evidence = new ArrayList<>();
        t.conn.openRows.forEach(c -> evidence.add(Evidence.of(c)));
        t.conn.synRows.forEach(c -> evidence.add(Evidence.of(c)));
        return new Finding(
                ID,
                Severity.MEDIUM,
                t.subject(),
                reason,
                open,
                threshold,
                Duration.ofSeconds(windowSeconds),
                t.since(ID, now),
                evidence);
    }
}
