package dev.nethergaze.engine;

import dev.nethergaze.detect.Allowlist;
import dev.nethergaze.detect.DetectSettings;
import dev.nethergaze.detect.Detector;
import dev.nethergaze.detect.IpTrack;
import dev.nethergaze.detect.WindowCounter;
import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.BlockTable;
import dev.nethergaze.model.ConnSummary;
import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.FirewallBlocks;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.InterfaceRates;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Listener;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.ServiceCount;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SynCounters;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.Totals;
import dev.nethergaze.model.WireDelta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The single writer: the only code that mutates per-IP state. Not thread-safe by design — one
 * thread (the live runner's engine thread, or the replay driver) calls {@link #apply}, {@link
 * #maintain} and {@link #snapshot}. Time comes only from the callers (tick time or event time).
 */
public final class Engine {

    /**
     * Puts views in the order of {@code ips[]}: most connections, then requests, then auth failures;
     * then by address. The keys are copied into small objects made one after another, so the sort
     * reads one compact array rather than each view and the objects it points to (a big replay sorts
     * tens of thousands, and most ties on the counts fall through to the address).
     */
    static void sortByActivity(List<IpView> views) {
        ActivityKey[] keys = new ActivityKey[views.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new ActivityKey(views.get(i));
        }
        Arrays.sort(keys);
        for (int i = 0; i < keys.length; i++) {
            views.set(i, keys[i].view);
        }
    }

    private static final class ActivityKey implements Comparable<ActivityKey> {
        final int connections;
        final long requests;
        final long failures;
        final long hi;
        final long lo;
        final IpView view;

        ActivityKey(IpView v) {
            connections = v.connections().total();
            requests = v.requests();
            failures = v.auth().failures();
            hi = v.ip().hi();
            lo = v.ip().lo();
            view = v;
        }

        @Override
        public int compareTo(ActivityKey o) {
            return activity(connections, requests, failures, hi, lo, o.connections, o.requests, o.failures, o.hi, o.lo);
        }
    }

    /**
     * The order of {@code ips[]} on two IPs' counts: most connections, then requests, then auth failures;
     * then by address. Written out, not chained: C1 calls each link of a comparator chain through an
     * interface. Both the full sort ({@link #sortByActivity}) and the kept order ({@link IpState#ACTIVITY})
     * compare with it.
     */
    @SuppressWarnings("TooManyParameters") // two keys of five numbers each, no object made per comparison
    static int activity(
            int connsA,
            long requestsA,
            long failuresA,
            long hiA,
            long loA,
            int connsB,
            long requestsB,
            long failuresB,
            long hiB,
            long loB) {
        int c = Integer.compare(connsB, connsA);
        if (c == 0) {
            c = Long.compare(requestsB, requestsA);
        }
        if (c == 0) {
            c = Long.compare(failuresB, failuresA);
        }
        return c != 0 ? c : IpKey.compare(hiA, loA, hiB, loB);
    }

    /**
     * The IPs in the order of the last snapshot's {@code ips[]} (some gone since). The next snapshot
     * visits them in it: those whose counts did not change are still in order, so only the few that
     * changed, and those in {@link #fresh}, are sorted and merged in (a live tick on a busy host: a few
     * thousand of tens of thousands), and one IP's state is reached once, in an order kept from tick to
     * tick.
     */
    private IpState[] order = new IpState[0];
    /** IPs made since the last snapshot, not in {@link #order} yet (some gone since). */
    private final List<IpState> fresh = new ArrayList<>();
    // peek's working lists (see there)
    private final List<IpState> scratchKept = new ArrayList<>();
    private final List<IpState> scratchMoved = new ArrayList<>();
    private final List<IpView> scratchChanged = new ArrayList<>();
    private final List<IpView> scratchViews = new ArrayList<>();

    private final EngineSettings settings;
    private final Detector detector;
    private final IpIndex ips = new IpIndex();
    private final Set<IpKey> withConnections = new HashSet<>();
    private final ConnTableApplier tables = new ConnTableApplier();
    private final WindowCounter globalRequests = WindowCounter.of(60, 60);

    private Instant now = Instant.EPOCH;
    private List<Listener> listeners = List.of();
    /** What the firewall blocked at its last read: each view is looked up in it. */
    private BlockTable blocks = BlockTable.EMPTY;
    /** Snapshots made so far: each is numbered ({@link Snapshot#sequence}). */
    private long snapshots;

    /** Off only in the test that compares snapshots made with and without skipping quiet IPs. */
    boolean skipQuiet = true;

    /** The second and blocks of the last {@link #peek}: one in the same second may skip quiet IPs. */
    private long peekedSecond = Long.MIN_VALUE;

    private BlockTable peekedBlocks;

    private int connTotal;
    private int connEstablished;
    private int connHidden;
    private Map<TcpState, Integer> connByState = Map.of();
    private SynCounters syn;
    private List<InterfaceRates> interfaces = List.of();
    private long requests;
    private long bytes;
    private long authFailures;
    private long evicted;
    private long hiddenRequests;

    /** An engine with the default detection thresholds and no allowlist. */
    public Engine(EngineSettings settings) {
        this(settings, new Detector(DetectSettings.defaults(), Allowlist.EMPTY, settings.maxIps()));
    }

    /** An engine whose detector runs on every tick and snapshot. */
    public Engine(EngineSettings settings, Detector detector) {
        this.settings = settings;
        this.detector = detector;
    }

    /** The detector fed by this engine (engine thread only). */
    public Detector detector() {
        return detector;
    }

    public EngineSettings settings() {
        return settings;
    }

    /**
     * How long after a live capture's last counted tick its rates stand: it ticks 4 times a second,
     * so a capture quiet for this long has stopped counting (ended, stalled, paused, or waiting for
     * its interface) and the rates of its IPs say nothing of now (see {@link IpState#view}).
     */
    static final java.time.Duration WIRE_STALE = java.time.Duration.ofSeconds(2);

    /** The time of the latest tick of a live capture that counted every packet up to it; null: none. */
    private Instant wireCounted;
    /** At the snapshot being made: a live capture has counted nothing for {@link #WIRE_STALE}. */
    private boolean wireStale;

    /** The engine's notion of now: the latest tick or event time it has seen. */
    public Instant now() {
        return now;
    }

    public void apply(SourceEvent event) {
        if (!(event instanceof Enriched)) { // lookup answers carry wall-clock time, not traffic time
            advance(event.time());
        }
        switch (event) {
            case ConnTable t -> applyTable(t);
            case HttpHit h -> {
                observe(h, applyHit(h));
                return;
            }
            case AuthAttempt a -> {
                observe(a, applyAuth(a));
                return;
            }
            case Enriched en -> applyEnriched(en);
            case PacketTick p -> applyPackets(p);
            case FirewallBlocks f -> blocks = f.table();
        }
        detector.observe(event);
    }

    /** The detector sees the event too, handed the IP's detection track it returned last time. */
    private void observe(SourceEvent event, IpState s) {
        IpTrack t = detector.observe(event, s == null ? null : s.track);
        if (s != null) {
            s.track = t;
        }
    }

    /** Moves time forward (never back) and drops idle IPs. Call on every tick. */
    public void maintain(Instant tick) {
        advance(tick);
        detector.evaluate(now);
        if (settings.ipIdle() == null) {
            return;
        }
        Instant cutoff = now.minus(settings.ipIdle());
        for (IpState s = ips.eldest(); s != null; ) {
            IpState next = s.newer();
            if (!s.used.isBefore(cutoff)) {
                // least recently used first, and an IP is used at the engine's time, which never goes
                // back, so the rest were used later too (a full pass per tick cost a 3-hour backfill
                // 10,800 passes)
                break;
            }
            if (!s.hasLiveConnections()) {
                ips.remove(s);
                s.gone = true;
            }
            s = next;
        }
    }

    /**
     * Before a replay's tick that follows a quiet spell: the re-judgements that fell due in it, each at
     * its own time (see {@link Detector#catchUp}).
     */
    public void catchUp(Instant until) {
        detector.catchUp(until);
    }

    /** Judges what changed since the last tick at the engine's now, then {@link #peek}s. */
    public Snapshot snapshot(List<SourceHealth> sources) {
        detector.evaluate(now);
        return peek(sources);
    }

    /**
     * Makes {@code s}'s view of this snapshot ({@link IpState#shown}); true when its place in the
     * order may have changed (its counts did).
     */
    private boolean visit(IpState s, long sec, List<IpView> changed) {
        List<Finding> findings = detector.findings(s.ip, s.track);
        IpView v = s.view(sec, wireStale, findings, detector.earlier(s.ip, s.track, now));
        s.shownFindings = findings;
        s.shownOwnOnly = IpTrack.ownOnly(findings);
        if (blocks.size() > 0) {
            List<dev.nethergaze.model.Block> by = blocks.find(s.ip);
            if (!by.isEmpty()) {
                v = v.withBlocked(by);
            }
        }
        s.shown = v;
        if (s.rebuilt) {
            changed.add(v);
        }
        return s.reorder();
    }

    /**
     * {@code kept} (in order) and {@code moved} (sorted) merged into one order; their views are added
     * to {@code views} in it.
     */
    private static IpState[] merge(List<IpState> kept, List<IpState> moved, List<IpView> views) {
        IpState[] out = new IpState[kept.size() + moved.size()];
        int n = 0;
        int m = 0;
        for (int k = 0; k < kept.size(); k++) {
            IpState s = kept.get(k);
            while (m < moved.size() && IpState.ACTIVITY.compare(moved.get(m), s) < 0) {
                out[n++] = moved.get(m++);
            }
            out[n++] = s;
        }
        while (m < moved.size()) {
            out[n++] = moved.get(m++);
        }
        for (IpState s : out) {
            views.add(s.shown);
        }
        return out;
    }

    /**
     * The state now, judging nothing: findings are those of the last judgement. For a replay asked
     * between its ticks (ctl top), so that looking does not judge IPs earlier than the replay would
     * and so change what it finds.
     */
    Snapshot peek(List<SourceHealth> sources) {
        long sec = now.getEpochSecond();
        // a snapshot in the second of the last one (the console's 250 ms ticks: three of every four)
        // keeps the view and place of each IP that is quiet since: most of them, and no visit of each
        // (several objects apart in the heap) to find that nothing changed
        boolean sameSecond = skipQuiet && sec == peekedSecond && blocks == peekedBlocks;
        // numbered first: one that fails halfway (its views made, not published) leaves a gap, so
        // that no reader takes the next one's changed views for all that is new
        long number = ++snapshots;
        wireStale = wireCounted != null && now.isAfter(wireCounted.plus(WIRE_STALE));
        peekedSecond = sec;
        peekedBlocks = blocks;
        // the same lists each time, emptied (the snapshot copies what it keeps): grown anew for each
        // one, they were ~5 % of a live engine thread at 20k IPs
        List<IpState> kept = scratchKept;
        List<IpState> moved = scratchMoved;
        List<IpView> changed = scratchChanged;
        List<IpView> views = scratchViews;
        kept.clear();
        moved.clear();
        changed.clear();
        views.clear();
        for (IpState s : order) {
            if (s.gone) {
                continue;
            }
            if (sameSecond && s.quiet()) {
                kept.add(s);
            } else {
                (visit(s, sec, changed) ? moved : kept).add(s);
            }
        }
        for (IpState s : fresh) {
            if (!s.gone) {
                visit(s, sec, changed);
                moved.add(s);
            }
        }
        fresh.clear();
        moved.sort(IpState.ACTIVITY);
        order = merge(kept, moved, views);
        Totals totals = new Totals(
                connTotal,
                connEstablished,
                connByState,
                connHidden,
                ips.size(),
                views.size(),
                evicted,
                requests,
                globalRequests.sum(sec),
                bytes,
                authFailures,
                syn,
                interfaces,
                hiddenRequests);
        Snapshot out = new Snapshot(
                now,
                settings.host(),
                sources,
                totals,
                views,
                listeners,
                detector.hostFindings(),
                detector.earlierHostFindings(now),
                number,
                changed);
        kept.clear(); // no IP or view held here until the next one
        moved.clear();
        changed.clear();
        views.clear();
        return out;
    }

    private void applyTable(ConnTable t) {
        ConnTableApplier.Result r = tables.apply(t, settings);
        listeners = t.listeners();
        connTotal = r.total();
        connEstablished = r.established();
        connHidden = r.hidden();
        connByState = Map.copyOf(r.byState());
        if (t.syn() != null) {
            syn = t.syn();
        }
        if (!t.interfaces().isEmpty()) {
            interfaces = t.interfaces();
        }
        for (IpKey gone : withConnections) {
            if (!r.summaries().containsKey(gone)) {
                IpState s = ips.peek(gone); // losing its connections is no use of it
                if (s != null) {
                    s.setConnections(ConnSummary.NONE, List.of());
                }
            }
        }
        withConnections.clear();
        long sec = t.time().getEpochSecond();
        for (Map.Entry<IpKey, ConnSummary> e : r.summaries().entrySet()) {
            IpState s = state(e.getKey(), t.time());
            List<ServiceCount> svc = r.services().get(e.getKey());
            s.setConnections(
                    e.getValue(), svc, r.tcp().get(e.getKey()), r.processes().getOrDefault(e.getKey(), List.of()));
            s.seen(t.time());
            Integer fresh = r.newConnections().get(e.getKey());
            if (fresh != null) {
                s.newConnections(sec, fresh);
            }
            withConnections.add(e.getKey());
        }
    }

    /** Counts a request; returns the client's state, or null when the client is not shown. */
    private IpState applyHit(HttpHit h) {
        requests++;
        bytes += Math.max(0, h.bytes());
        globalRequests.add(h.time().getEpochSecond(), 1);
        if (!visible(h.client())) {
            hiddenRequests++;
            return null;
        }
        IpState s = state(h.client(), h.time());
        s.hit(h);
        return s;
    }

    private IpState applyAuth(AuthAttempt a) {
        if (a.kind().isFailure()) {
            authFailures++;
        }
        if (!visible(a.ip())) {
            return null;
        }
        IpState s = state(a.ip(), a.time());
        s.auth(a);
        return s;
    }

    /** Per-tick wire aggregates from a capture: each delta is added to its IP's wire state. */
    private void applyPackets(PacketTick p) {
        if (p.live()) {
            wireCounted = p.time();
        }
        if (p.reset()) { // the capture forgot its counters: so does every IP's wire view
            for (IpState s = ips.eldest(); s != null; s = s.newer()) {
                s.forgetWire();
            }
        }
        long sec = p.time().getEpochSecond();
        for (WireDelta d : p.ips()) {
            if (visible(d.ip())) {
                IpState s = state(d.ip(), p.time());
                s.wire(sec, d);
                s.seen(p.time());
            }
        }
    }

    /** Lookups answer for IPs we track; an IP evicted meanwhile is not resurrected by its answer. */
    private void applyEnriched(Enriched e) {
        IpState s = ips.peek(e.ip()); // an answer about an IP is no use of it: its recency stays
        if (s != null) {
            s.enriched(e);
        }
    }

    private boolean visible(IpKey ip) {
        return settings.shows(ip);
    }

    private IpState state(IpKey ip, Instant t) {
        IpState s = ips.get(ip);
        if (s == null) {
            s = new IpState(ip, t, settings.recentRequestsPerIp());
            ips.add(s);
            fresh(s);
            if (ips.size() > settings.maxIps()) {
                drop(ips.eldest());
            }
        }
        s.used = now; // idle from the engine's time, not the event's: a late line keeps its IP shown
        return s;
    }

    /**
     * Drops this IP as {@code limits.max_ips} drops the least recently used one, when a replay over
     * several engines decides it in stream order ({@link ShardedReplay}); an IP not held is let be.
     */
    void evict(IpKey ip) {
        IpState s = ips.peek(ip);
        if (s != null) {
            drop(s);
        }
    }

    private void drop(IpState victim) {
        ips.remove(victim);
        victim.gone = true;
        withConnections.remove(victim.ip);
        evicted++;
    }

    /**
     * Notes a new IP for the next snapshot. A replay that takes none for long (or ever) drops the gone
     * from the list whenever it has grown to twice the IPs held, so the list stays bounded by them.
     */
    private void fresh(IpState s) {
        fresh.add(s);
        if (fresh.size() > 2 * ips.size() + 1024) {
            fresh.removeIf(f -> f.gone);
        }
    }

    /** Moves time forward to {@code t} without judging or evicting (a replay's shards end on one clock). */
    public void advanceTo(Instant t) {
        advance(t);
    }

    private void advance(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
    }
}
