package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.LruIndex;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The detection state of one IP, owned by the engine thread. Parts are allocated on first use.
 * Public only as an opaque handle: the engine keeps the one of each IP it holds and hands it back
 * with the next event, so the detector finds it without a lookup.
 */
public final class IpTrack extends LruIndex.Entry<IpTrack> {

    /** The IP, or the network address of a prefix's track. */
    final IpKey ip;
    /** A prefix's track (of many addresses), not one IP's. */
    final boolean prefix;

    Instant lastSeen;
    HttpTrack http;
    AuthTrack auth;
    ConnTrack conn;
    WireTrack wire;
    /**
     * The rules firing without a break and since when, as two short arrays (allocated when a rule
     * first fires): an IP has a few at most, and a judgement asks for each firing rule's start, so a
     * scan of a few entries (rule ids are constants: equal by identity) beats a hash map.
     */
    private String[] sinceRule;

    private Instant[] sinceTime;
    private int sinceCount;

    private String subject;

    // the detector's bookkeeping, so a changed IP is queued and judged without hash lookups
    /** Queued for the next evaluation. */
    boolean dirty;
    /** Evicted or swept: a queued reference to it is skipped. */
    boolean gone;
    /** Its findings at the last evaluation (empty if none). */
    List<Finding> current = List.of();
    /**
     * Per rule in {@link #current}, the finding at its episode's peak (the highest observed value, the
     * latest of equal ones): what an ended episode reports, not the thinned-out count it had just
     * before it ended. The same list as {@link #current} while every count is at its peak.
     */
    List<Finding> peaks = List.of();
    /**
     * A prefix's track: per rule id of {@link #current} ({@code ssh_bruteforce_prefix}), the addresses
     * that took part in it, on which that finding is shown; empty otherwise.
     */
    java.util.Map<String, java.util.Set<IpKey>> contributors = java.util.Map.of();

    /** When it is next re-judged without new events (epoch second), or 0: only flagged IPs are. */
    long recheckAt;

    IpTrack(IpKey ip, Instant now) {
        this.ip = ip;
        this.lastSeen = now;
        this.prefix = false;
    }

    /** The track of a whole IPv6 prefix ({@link V6Prefixes}), named {@code subject} (2001:db8::/64). */
    IpTrack(IpKey network, Instant now, String subject) {
        this.ip = network;
        this.lastSeen = now;
        this.subject = subject;
        this.prefix = true;
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
            http = new HttpTrack(s, prefix);
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
        for (int i = 0; i < sinceCount; i++) {
            if (sinceRule[i].equals(rule)) {
                return sinceTime[i];
            }
        }
        if (sinceRule == null) {
            sinceRule = new String[4];
            sinceTime = new Instant[4];
        } else if (sinceCount == sinceRule.length) {
            sinceRule = Arrays.copyOf(sinceRule, sinceCount * 2);
            sinceTime = Arrays.copyOf(sinceTime, sinceCount * 2);
        }
        sinceRule[sinceCount] = rule;
        sinceTime[sinceCount++] = now;
        return now;
    }

    /** Forgets when {@code rule}'s episode started (it fired, but is not taken as firing). */
    void forgetSince(String rule) {
        for (int i = 0; i < sinceCount; i++) {
            if (sinceRule[i].equals(rule)) {
                int last = --sinceCount;
                sinceRule[i] = sinceRule[last];
                sinceTime[i] = sinceTime[last];
                sinceRule[last] = null;
                sinceTime[last] = null;
                return;
            }
        }
    }

    /** Forgets the start of every episode whose rule is no longer firing. */
    void keepSince(List<Finding> firing) {
        int kept = 0;
        for (int i = 0; i < sinceCount; i++) {
            if (Detector.fires(firing, sinceRule[i])) {
                sinceRule[kept] = sinceRule[i];
                sinceTime[kept++] = sinceTime[i];
            }
        }
        for (int i = kept; i < sinceCount; i++) {
            sinceRule[i] = null;
            sinceTime[i] = null;
        }
        sinceCount = kept;
    }

    /** Requests seen in the last {@code seconds} ending at {@code now}. */
    long requestsWithin(Instant now) {
        return http == null ? 0 : http.total.sum(now.getEpochSecond());
    }
}
