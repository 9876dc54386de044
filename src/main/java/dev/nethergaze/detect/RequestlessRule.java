package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.Severity;
import java.time.Duration;
import java.time.Instant;

/**
 * A web connection (ESTABLISHED to a web port) held for a long time without a single access-log
 * line. Only judged once access logs are known to flow (at least one hit seen from anyone).
 */
final class RequestlessRule implements Rule {

    static final String ID = "requestless";

    private final int seconds;
    /** The window as findings carry it (made once: a flagged IP is judged after each of its events). */
    private final Duration window;

    private final java.util.function.BooleanSupplier logsFlowing;

    RequestlessRule(DetectSettings s, java.util.function.BooleanSupplier logsFlowing) {
        this.seconds = s.conn().requestlessSeconds();
        this.window = Duration.ofSeconds(this.seconds);
        this.logsFlowing = logsFlowing;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Finding evaluate(IpTrack t, Instant now) {
        if (t.conn == null || t.conn.webSince == null || !logsFlowing.getAsBoolean()) {
            return null;
        }
        Instant from = t.conn.webSince;
        if (t.http != null && t.http.lastRequest != null && t.http.lastRequest.isAfter(from)) {
            from = t.http.lastRequest;
        }
        long held = Duration.between(from, now).toSeconds();
        if (held < seconds) {
            return null;
        }
        String reason =
                "held a web connection for " + held + " s without an access-log line (threshold " + seconds + " s)";
        return new Finding(
                ID,
                Severity.LOW,
                t.subject(),
                reason,
                held,
                seconds,
                window,
                t.since(ID, now),
                t.conn.openRows.stream().map(Evidence::of).toList());
    }
}
