package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.LruIndex;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The detection state of one IP, owned by the engine thread. Parts are allocated on first use.
 * Public only as an opaque handle: the engine keeps the one of each IP it holds and hands it back
 * with the next event, so the detector finds it without a lookup.
 */
public final class IpTrack extends LruIndex.Entry<IpTrack> {

    final IpKey ip;
    Instant lastSeen;
    HttpTrack http;
    AuthTrack auth;
    ConnTrack conn;
    WireTrack wire;
    /** Rule id → since when it has been firing without a break. */
    private Map<String, Instant> since; // allocated when a rule first fires

    private String subject;

    // the detector's bookkeeping, so a changed IP is queued and judged without hash lookups
    /** Queued for the next evaluation. */
    boolean dirty;
    /** Evicted or swept: a queued reference to it is skipped. */
    boolean gone;
    /** Its findings at the last evaluation (empty if none). */
    List<Finding> current = List.of();
    /** When it is next re-judged without new events (epoch second), or 0: only flagged IPs are. */
    long recheckAt;

    IpTrack(IpKey ip, Instant now) {
        this.ip = ip;
        this.lastSeen = now;
    }

    void seen(Instant t) {
        if (t.isAfter(lastSeen)) {
            lastSeen = t;
        }
    }

    /** The IP as findings name it (formatted once). */
    String subject() {
        if (subject == null) {
            subject = ip.toString();
        }
        return subject;
    }

    HttpTrack http(DetectSettings s) {
        if (http == null) {
            http = new HttpTrack(s);
        }
        return http;
    }

    AuthTrack auth(DetectSettings s) {
        if (auth == null) {
            auth = new AuthTrack(s);
        }
        return auth;
    }

    ConnTrack conn() {
        if (conn == null) {
            conn = new ConnTrack();
        }
        return conn;
    }

    WireTrack wire() {
        if (wire == null) {
            wire = new WireTrack();
        }
        return wire;
    }

    Instant since(String rule, Instant now) {
        if (since == null) {
            since = new HashMap<>(4);
        }
        Instant s = since.get(rule); // not computeIfAbsent: its capturing lambda is an allocation per call under C1
        if (s == null) {
            s = now;
            since.put(rule, s);
        }
        return s;
    }

    /** Forgets the start of every episode whose rule is no longer firing. */
    void keepSince(List<Finding> firing) {
        if (since == null || since.isEmpty()) {
            return;
        }
        int kept = 0;
        for (int i = 0; i < firing.size(); i++) {
            if (since.containsKey(firing.get(i).rule())) {
                kept++;
            }
        }
        if (kept != since.size()) { // some rule stopped firing (rare): only then walk the map
            since.keySet().removeIf(rule -> !Detector.fires(firing, rule));
        }
    }

    /** Requests seen in the last {@code seconds} ending at {@code now}. */
    long requestsWithin(Instant now) {
        return http == null ? 0 : http.total.sum(now.getEpochSecond());
    }
}
