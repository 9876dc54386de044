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
     * The rules firing (or stopped within {@link #HOLD_SECONDS}) and since when, as short arrays (allocated when a rule
     * first fires): an IP has a few at most, and a judgement asks for each firing rule's start, so a
     * scan of a few entries (rule ids are constants: equal by identity) beats a hash map.
     */
    private String[] sinceRule;

    private Instant[] sinceTime;
    /** Per entry, when its rule stopped firing (held for {@link #HOLD_SECONDS}), or null while it fires. */
    private Instant[] sinceEnded;

    private int sinceCount;

    /**
     * How long an episode that stopped firing is held open: a rule that fires again within it goes on
     * with the same episode (the same {@code since}), as alerting systems hold an alert that resolves
     * and fires again (Prometheus' keep_firing_for). Traffic that sits at a threshold crosses it every
     * few seconds (an error_burst at 50 % flapped every 2 to 10 s, and history counted 52 episodes in 8
     * minutes). A fixed minute, not the rule's window: long enough for a count hovering at its
     * threshold (the shortest windows are 10 to 60 s), short enough that an attack that stopped and
     * came back minutes later is a second episode, also for the day-long slow-guess window.
     */
    static final long HOLD_SECONDS = 60;

    /** True if an episode that stopped at {@code stopped} is over at {@code now}: the hold has passed. */
    static boolean heldPast(Instant stopped, Instant now) {
        return now.getEpochSecond() - stopped.getEpochSecond() > HOLD_SECONDS;
    }

    private String subject;

    // the detector's bookkeeping, so a changed IP is queued and judged without hash lookups
    /** Queued for the next evaluation. */
    boolean dirty;
    /** Evicted or swept: a queued reference to it is skipped. */
    boolean gone;
    /**
     * The detector may remember ended findings of this IP: false only while it surely does not, so a
     * snapshot asks its earlier findings of tens of thousands of IPs without a lookup for each.
     */
    boolean mayHaveEnded;
    /** Its findings at the last evaluation (empty if none). */
    List<Finding> current = List.of();

    /**
     * True while the detector would still show {@code shown} for this IP, at any time, until it is
     * judged again: {@code shown} is its findings at that judgement (the same list), the track was not
     * dropped, and it has no ended finding to list (whose "held" mark moves with time). Findings of an
     * IPv6 prefix move with the prefix's other addresses: see {@link #ownOnly}.
     */
    @SuppressWarnings("ReferenceEquality") // the same list: a new judgement sets a new one, equal or not
    public boolean shows(List<Finding> shown) {
        return !gone && !mayHaveEnded && current == shown;
    }

    /**
     * True when none of {@code findings} is an IPv6 prefix's (whose counts move with the prefix's
     * other addresses, without this one being judged again). Asked once per view made, not at each
     * {@link #shows}: reading the findings again for every snapshot was a cache miss per flagged IP.
     */
    public static boolean ownOnly(List<Finding> findings) {
        for (int i = 0; i < findings.size(); i++) {
            if (findings.get(i).rule().endsWith(Detector.PREFIX)) {
                return false;
            }
        }
        return true;
    }
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

    /**
     * When the episode of {@code rule}, firing at {@code now}, started: now for a new one; the start of
     * one that stopped at most {@link #HOLD_SECONDS} ago, which goes on.
     */
    Instant since(String rule, Instant now) {
        for (int i = 0; i < sinceCount; i++) {
            if (sinceRule[i].equals(rule)) {
                Instant ended = sinceEnded[i];
                if (ended != null) { // it had stopped: the same episode within the hold, else a new one
                    sinceEnded[i] = null;
                    if (heldPast(ended, now)) {
                        sinceTime[i] = now;
                    }
                }
                return sinceTime[i];
            }
        }
        if (sinceRule == null) {
            sinceRule = new String[4];
            sinceTime = new Instant[4];
            sinceEnded = new Instant[4];
        } else if (sinceCount == sinceRule.length) {
            sinceRule = Arrays.copyOf(sinceRule, sinceCount * 2);
            sinceTime = Arrays.copyOf(sinceTime, sinceCount * 2);
            sinceEnded = Arrays.copyOf(sinceEnded, sinceCount * 2);
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
                sinceEnded[i] = sinceEnded[last];
                sinceRule[last] = null;
                sinceTime[last] = null;
                sinceEnded[last] = null;
                return;
            }
        }
    }

    /**
     * Notes the episodes whose rule is no longer firing at {@code now} as stopped, and forgets those
     * stopped longer than {@link #HOLD_SECONDS} ago.
     */
    void keepSince(List<Finding> firing, Instant now) {
        int kept = 0;
        for (int i = 0; i < sinceCount; i++) {
            Instant ended = sinceEnded[i];
            if (!Detector.fires(firing, sinceRule[i])) {
                ended = ended == null ? now : ended;
                if (heldPast(ended, now)) {
                    continue;
                }
            }
            sinceRule[kept] = sinceRule[i];
            sinceTime[kept] = sinceTime[i];
            sinceEnded[kept++] = ended;
        }
        for (int i = kept; i < sinceCount; i++) {
            sinceRule[i] = null;
            sinceTime[i] = null;
            sinceEnded[i] = null;
        }
        sinceCount = kept;
    }

    /** Requests seen in the last {@code seconds} ending at {@code now}. */
    long requestsWithin(Instant now) {
        return http == null ? 0 : http.total.sum(now.getEpochSecond());
    }
}
