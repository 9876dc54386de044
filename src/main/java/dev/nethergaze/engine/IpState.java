package dev.nethergaze.engine;

import dev.nethergaze.detect.IpTrack;
import dev.nethergaze.detect.WindowCounter;
import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.AuthKind;
import dev.nethergaze.model.AuthSummary;
import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.CountMap;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.HistoryInfo;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.LruIndex;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.ProcessCount;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.TcpQuality;
import dev.nethergaze.model.WhoisInfo;
import dev.nethergaze.model.WireDelta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Mutable per-IP state, owned by the engine thread alone. Every structure is bounded: recent
 * requests by a ring of N, methods and user names by small caps, windows by fixed buckets.
 */
final class IpState extends LruIndex.Entry<IpState> {

    final IpKey ip;
    Instant firstSeen;
    Instant lastSeen;
    /**
     * The engine's time when an event last made this IP used: what idleness counts from. Not {@link
     * #lastSeen}: a live line stamped long ago (Apache's {@code %t} is when a 20-minute download began;
     * a syslog queue delivers late) was counted in the totals, and its IP dropped as idle at the next
     * tick, before anyone saw it.
     */
    Instant used;

    // from the latest kernel table (replaced on each table)
    ConnSummary conns = ConnSummary.NONE;
    List<ServiceCount> services = List.of();
    private TcpQuality tcp;
    private List<ProcessCount> processes = List.of();
    private WindowCounter newConns;

    // from access logs
    long requests;
    long bytes;
    // answers per status class, in fields: an array would be one more object to reach per request
    private long statusOther;
    private long status1xx;
    private long status2xx;
    private long status3xx;
    private long status4xx;
    private long status5xx;
    private final MethodCounts methods = new MethodCounts();
    private WindowCounter requestWindow;
    private final RequestRing recent;
    private List<IpKey> via = List.of(); // trusted proxies its requests came through, small and bounded

    // from auth logs
    private long authFailures;
    private long invalidUsers;
    private long accepted;
    private long preauthDisconnects;
    private long handshakeFailures;
    private Map<String, Long> users; // allocated on the first attempt with a user name

    // from enrichment and history lookups
    private GeoInfo geo;
    private WhoisInfo whois;
    private HistoryInfo history;

    // from packet capture (null until a capture sees the IP)
    private WireState wire;

    private IpView cached;
    private boolean dirty = true;
    // what the cached view was made with: a view with nothing new is found so without reading it
    private List<Finding> cachedFindings;
    private List<PastFinding> cachedEarlier;
    private long cachedRpm;
    private double cachedNcps;
    /** Its view in the engine's latest snapshot (its {@link #cached} one, or that marked blocked). */
    IpView shown;
    /** The findings the detector gave for {@link #shown}. */
    List<Finding> shownFindings;
    /** None of {@link #shownFindings} is an IPv6 prefix's ({@link IpTrack#ownOnly}). */
    boolean shownOwnOnly;
    /** Its last {@link #view} was made anew (something about it changed), not kept or given new rates. */
    boolean rebuilt;
    /** Dropped from the engine (idle or evicted): left out of the next snapshot's order. */
    boolean gone;
    // the counts its place in the order of ips[] was found with, at the last snapshot
    private int orderConns = -1;
    private long orderRequests;
    private long orderFailures;

    /**
     * The order of {@code ips[]}: most connections, then requests, then auth failures; then by address,
     * of the counts at the last {@link #reorder}.
     */
    static final java.util.Comparator<IpState> ACTIVITY = (a, b) -> Engine.activity(
            a.orderConns,
            a.orderRequests,
            a.orderFailures,
            a.ip.hi(),
            a.ip.lo(),
            b.orderConns,
            b.orderRequests,
            b.orderFailures,
            b.ip.hi(),
            b.ip.lo());

    /**
     * True when a view made now, in the second of its last one, would be {@link #shown} itself: nothing
     * happened to the IP since (so its windows' rates are those of that second too), no capture
     * figures (whose rates move within the second), and the detector still shows the same findings.
     * The caller knows the second and the firewall's blocks are the same.
     */
    boolean quiet() {
        return !dirty && shown != null && wire == null && shownOwnOnly && track != null && track.shows(shownFindings);
    }

    /** Notes its counts for the order of {@code ips[]}; true when they changed since the last time. */
    boolean reorder() {
        int c = conns.total();
        if (c == orderConns && requests == orderRequests && authFailures == orderFailures) {
            return false;
        }
        orderConns = c;
        orderRequests = requests;
        orderFailures = authFailures;
        return true;
    }

    /** The detector's track of this IP, handed back with each event (null until the first). */
    IpTrack track;

    // firstSeen and lastSeen as numbers too: an event compares its time with them without reaching
    // the Instants, which were made by events long gone and sit wherever those left them
    private long firstSecond;
    private int firstNano;
    private long lastSecond;
    private int lastNano;

    IpState(IpKey ip, Instant now, int recentCap) {
        this.ip = ip;
        this.firstSeen = now;
        this.lastSeen = now;
        this.used = now;
        this.firstSecond = now.getEpochSecond();
        this.firstNano = now.getNano();
        this.lastSecond = firstSecond;
        this.lastNano = firstNano;
        this.recent = new RequestRing(recentCap);
    }

    void seen(Instant t) {
        long sec = t.getEpochSecond();
        int nano = t.getNano();
        if (sec < firstSecond || (sec == firstSecond && nano < firstNano)) {
            firstSeen = t;
            firstSecond = sec;
            firstNano = nano;
        }
        if (sec > lastSecond || (sec == lastSecond && nano > lastNano)) {
            lastSeen = t;
            lastSecond = sec;
            lastNano = nano;
        }
        dirty = true;
    }

    void newConnections(long epochSecond, int n) {
        if (newConns == null) {
            newConns = WindowCounter.perMinute();
        }
        newConns.add(epochSecond, n);
        dirty = true;
    }

    void setConnections(ConnSummary summary, List<ServiceCount> svc) {
        setConnections(summary, svc, null, List.of());
    }

    void setConnections(ConnSummary summary, List<ServiceCount> svc, TcpQuality q, List<ProcessCount> procs) {
        if (!summary.equals(conns) || !svc.equals(services) || !Objects.equals(q, tcp) || !procs.equals(processes)) {
            conns = summary;
            services = svc;
            tcp = q;
            processes = procs;
            dirty = true;
        }
    }

    void hit(HttpHit h) {
        requests++;
        bytes += Math.max(0, h.bytes());
        int st = h.status();
        switch (st >= 100 && st <= 599 ? st / 100 : 0) {
            case 1 -> status1xx++;
            case 2 -> status2xx++;
            case 3 -> status3xx++;
            case 4 -> status4xx++;
            case 5 -> status5xx++;
            default -> statusOther++;
        }
        methods.add(h.method().isEmpty() ? "-" : h.method());
        if (requestWindow == null) {
            requestWindow = WindowCounter.perMinute();
        }
        requestWindow.add(h.time().getEpochSecond(), 1);
        recent.add(h);
        for (IpKey proxy : h.via()) {
            if (via.size() >= EngineSettings.MAX_VIA_PER_IP) {
                break;
            }
            if (!via.contains(proxy)) {
                List<IpKey> next = new ArrayList<>(via);
                next.add(proxy);
                via = List.copyOf(next);
            }
        }
        seen(h.time());
    }

    void auth(AuthAttempt a) {
        AuthKind k = a.kind();
        if (k.isFailure()) {
            authFailures++;
        }
        switch (k) {
            case INVALID_USER -> invalidUsers++;
            case ACCEPTED -> accepted++;
            case PREAUTH_DISCONNECT -> preauthDisconnects++;
            case NEGOTIATION_FAILURE -> handshakeFailures++;
            default -> {}
        }
        if (!a.user().isEmpty()) {
            if (users == null) {
                users = new LinkedHashMap<>();
            }
            if (users.containsKey(a.user()) || users.size() < EngineSettings.MAX_USERS_PER_IP) {
                users.merge(a.user(), 1L, Long::sum);
            }
        }
        seen(a.time());
    }

    void enriched(Enriched e) {
        if (e.geo() != null) {
            geo = e.geo();
        }
        if (e.whois() != null) {
            whois = e.whois();
        }
        if (e.history() != null) {
            history = e.history();
        }
        dirty = true;
    }

    /** Drops the capture's figures (after a capture reset). */
    void forgetWire() {
        if (wire != null) {
            wire = null;
            dirty = true;
        }
    }

    void wire(long epochSecond, WireDelta d) {
        if (wire == null) {
            wire = new WireState();
        }
        wire.add(epochSecond, d);
        dirty = true;
    }

    long authFailures() {
        return authFailures;
    }

    boolean hasLiveConnections() {
        return conns.total() > 0;
    }

    /** {@code wireStale}: the capture counts nothing now, so the wire rates are unknown (NaN). */
    IpView view(long nowSecond, boolean wireStale, List<Finding> findings, List<PastFinding> earlier) {
        long rpm = requestWindow == null ? 0 : requestWindow.within(nowSecond, 60);
        double ncps = newConns == null ? 0 : newConns.within(nowSecond, 10) / 10.0;
        // Nothing new about the IP since its last view: that view, with its windows' rates as they
        // are now (a busy host's IPs mostly sit between two requests at each tick; building each view
        // anew was most of a live tick's cost). What is compared is in this object's own fields
        // (the lists mostly the same objects as last time), not read back from the view.
        if (cached != null
                && !dirty
                && (wire == null
                        || (!wire.active(nowSecond)
                                && (cached.wire() == null
                                        || (wireStale
                                                ? Double.isNaN(cached.wire().pps60s())
                                                : cached.wire().pps60s() == 0))))
                && findings.equals(cachedFindings) // the same list mostly: equals looks at that first
                && earlier.equals(cachedEarlier)) {
            if (rpm != cachedRpm || ncps != cachedNcps) {
                cached = cached.withRates(rpm, ncps);
                cachedRpm = rpm;
                cachedNcps = ncps;
            }
            rebuilt = false;
            return cached;
        }
        rebuilt = true;
        cachedFindings = findings;
        cachedEarlier = earlier;
        cachedRpm = rpm;
        cachedNcps = ncps;
        cached = new IpView(
                ip,
                firstSeen,
                lastSeen,
                conns,
                services,
                requests,
                bytes,
                statusMap(),
                methods.toMap(),
                rpm,
                ncps,
                recent.toList(),
                authSummary(),
                geo,
                whois,
                history,
                findings,
                wire == null ? null : wire.summary(nowSecond, wireStale),
                tcp,
                processes,
                via,
                earlier,
                null,
                List.of());
        dirty = false;
        return cached;
    }

    private AuthSummary authSummary() {
        if (authFailures == 0 && accepted == 0 && preauthDisconnects == 0 && handshakeFailures == 0) {
            return AuthSummary.NONE;
        }
        if (users == null) {
            return new AuthSummary(
                    authFailures, invalidUsers, accepted, preauthDisconnects, handshakeFailures, List.of());
        }
        List<Map.Entry<String, Long>> e = new ArrayList<>(users.entrySet());
        e.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        List<String> top = e.stream().limit(5).map(Map.Entry::getKey).toList();
        return new AuthSummary(authFailures, invalidUsers, accepted, preauthDisconnects, handshakeFailures, top);
    }

    /** The status classes as JSON names them, in ascending order (as {@link CountMap} keeps them). */
    private static final String[] STATUS_KEYS = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};

    /** Answers per status class, those with any. */
    private Map<String, Long> statusMap() {
        return CountMap.nonZero(STATUS_KEYS, status1xx, status2xx, status3xx, status4xx, status5xx, statusOther);
    }
}
