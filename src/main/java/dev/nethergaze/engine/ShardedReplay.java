package dev.nethergaze.engine;

import dev.nethergaze.detect.Findings;
import dev.nethergaze.detect.GuessedUsers;
import dev.nethergaze.detect.LoginSpray;
import dev.nethergaze.model.AuthAttempt;
import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.FirewallBlocks;
import dev.nethergaze.model.HttpHit;
import dev.nethergaze.model.InterfaceRates;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.ReplayBudget;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SourceEvent;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SynCounters;
import dev.nethergaze.model.TcpState;
import dev.nethergaze.model.Totals;
import dev.nethergaze.model.WireDelta;
import dev.nethergaze.source.EventSink;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A replay on every core: the events of one time-ordered stream are split by IP over N engines
 * (shards), each on its own thread, and their final snapshots are merged into one. Every event of an
 * IP (and of every IPv6 /48) goes to the same shard, and every shard receives every tick at the same event time as a single
 * {@link ReplayDriver} would run it, so each IP's state, windows and findings are those of one
 * engine; the merged report equals a single engine's (tested byte for byte). Past {@code
 * limits.max_ips} the IP dropped is decided here, on the emitting thread, in stream order
 * ({@link StreamLru}): the same IPs as one engine's, with the same counts, on every run. (The shards
 * once shared a count, and the one that found it full first dropped its own least recent IP: which
 * hung on how the threads ran.) What stays approximate past the cap is the detector's own bound on the
 * IPs it judges, per shard, so a shard may remember more of an IP's past than one engine would.
 *
 * <p>Events without an IP (kernel tables) go to the first shard. Not thread-safe: one thread emits.
 */
public final class ShardedReplay implements EventSink, AutoCloseable {

    private final Shard[] shards;
    /** The judge of host-wide guessing, fed here when the IPs are split across shards; null otherwise. */
    private final GuessedUsers guessedUsers;
    /** The judge of host-wide web login guessing, as {@link #guessedUsers}. */
    private final LoginSpray loginSpray;

    private final ReplayTicks ticks;
    /** The IPs held in stream order, when they are split over several shards; null with one. */
    private final StreamLru held;

    private final EngineSettings settings;
    private Instant last = Instant.EPOCH;
    /** The earliest event time (lookup answers aside). */
    private Instant first = Instant.EPOCH;
    /** No event has moved the clock: the report is of nothing, made now (not at 1970). */
    private boolean empty = true;

    private boolean finished;

    /** Starts one worker thread per engine; the engines must not be shared with anything else. */
    public ShardedReplay(List<Engine> engines, Duration tick) {
        this(engines, tick, ReplayBudget.SMALL);
    }

    /** As above, with this many events in flight per shard. */
    public ShardedReplay(List<Engine> engines, Duration tick, ReplayBudget budget) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("no engines");
        }
        this.ticks = new ReplayTicks(tick);
        this.shards = new Shard[engines.size()];
        this.settings = engines.get(0).settings();
        if (settings.ipIdle() != null) {
            throw new IllegalArgumentException("a replay drops no idle IPs: ipIdle must be null");
        }
        this.held = shards.length > 1 ? new StreamLru(settings.maxIps()) : null;
        GuessedUsers users = null;
        LoginSpray spray = null;
        if (shards.length > 1) { // host-wide judgement needs every IP: it moves here, before the split
            for (Engine e : engines) { // (before the shard threads start, which then own the engines)
                GuessedUsers own = e.detector().handOverGuessedUsers();
                users = users == null ? own : users;
                LoginSpray ownSpray = e.detector().handOverLoginSpray();
                spray = spray == null ? ownSpray : spray;
            }
        }
        this.guessedUsers = users;
        this.loginSpray = spray;
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(engines.get(i), i, budget);
        }
    }

    @Override
    public void emit(SourceEvent event) throws InterruptedException {
        if (finished) {
            throw new IllegalStateException("replay already finished");
        }
        Instant t = event.time();
        if (ticks.crossed(event)) {
            Instant quiet = ticks.beforeQuiet();
            for (Shard s : shards) {
                if (quiet != null) {
                    s.add(new Tick(quiet, false));
                }
                s.add(new Tick(t, quiet != null));
            }
        }
        if (!(event instanceof Enriched)) { // as Engine.apply: answers do not move the clock
            if (empty || t.isAfter(last)) {
                last = t;
            }
            if (empty || t.isBefore(first)) {
                first = t;
            }
            empty = false;
        }
        switch (event) {
            case HttpHit h -> {
                use(h.client());
                shard(h.client()).add(loginSpray == null ? h : loginSpray.observe(h));
                if (loginSpray != null) {
                    for (LoginSpray.Joined j : loginSpray.takeJoined()) { // IPs that failed before the guess was found
                        shard(j.ip()).add(j);
                    }
                }
            }
            case AuthAttempt a -> {
                use(a.ip());
                shard(a.ip()).add(guessedUsers == null ? a : guessedUsers.observe(a));
            }
            case Enriched e -> shard(e.ip()).add(e);
            case PacketTick p -> split(p);
            case ConnTable c -> shards[0].add(c);
            case FirewallBlocks f -> {
                for (Shard s : shards) { // each shard's rows are looked up in it
                    s.add(f);
                }
            }
        }
    }

    /**
     * Waits for every shard to apply what it was sent and to build its snapshot at the stream's last
     * event time (in parallel), and returns them merged. With no event at all, the snapshot is dated
     * now.
     */
    public Snapshot finish(List<SourceHealth> sources) throws InterruptedException {
        return finish(sources, InstantSource.system());
    }

    /** As {@link #finish(List)}, with the clock that dates a report of no event. */
    Snapshot finish(List<SourceHealth> sources, InstantSource clock) throws InterruptedException {
        if (finished) {
            throw new IllegalStateException("replay already finished");
        }
        finished = true;
        Instant end = empty ? clock.instant() : last;
        for (Shard s : shards) {
            s.add(new End(end, List.copyOf(sources)));
            s.flush();
        }
        List<Snapshot> parts = new ArrayList<>(shards.length);
        for (Shard s : shards) {
            s.thread.join();
            if (s.failure != null) {
                throw new IllegalStateException("replay shard " + s.index + " failed", s.failure);
            }
            parts.add(s.result);
        }
        EngineFaults faults = new EngineFaults();
        for (Shard s : shards) {
            faults.add(s.faults);
        }
        return faults.into(merge(parts));
    }

    /**
     * The time of the earliest event replayed (lookup answers aside), or null when there was none: where
     * the replayed stretch of time starts, as the report's time ({@link #finish}) is where it ends.
     */
    public Instant first() {
        return empty ? null : first;
    }

    /** Stops the workers without a report (after a failure or an interrupt). */
    @Override
    public void close() {
        for (Shard s : shards) {
            s.thread.interrupt();
        }
    }

    /**
     * Notes that the engine of {@code ip} uses its state now (as {@code Engine.state} does, for an IP
     * shown); when that passes the cap, the least recent IP's engine is told to drop it first.
     */
    private void use(IpKey ip) throws InterruptedException {
        if (held == null || !settings.shows(ip)) {
            return;
        }
        IpKey gone = held.use(ip);
        if (gone != null) {
            shard(gone).add(new Evict(gone));
        }
    }

    private Shard shard(IpKey ip) {
        return shards[shardOf(ip, shards.length)];
    }

    /**
     * The shard of an IP's events: IPv6 addresses by their /48, so every prefix the detector judges as
     * one client ({@code detect.ipv6_prefix}, 48 or longer) is on one shard whole.
     */
    static int shardOf(IpKey ip, int shards) {
        int h = ip.isV4() ? ip.hashCode() : Long.hashCode((ip.hi() >>> 16) * 0x9E3779B97F4A7C15L);
        return Math.floorMod(h, shards);
    }

    /** A capture's tick carries deltas for many IPs: each shard gets its own IPs' deltas. */
    private void split(PacketTick p) throws InterruptedException {
        if (shards.length == 1) {
            shards[0].add(p);
            return;
        }
        List<List<WireDelta>> parts = new ArrayList<>(shards.length);
        for (int i = 0; i < shards.length; i++) {
            parts.add(new ArrayList<>());
        }
        for (WireDelta d : p.ips()) {
            use(d.ip());
            parts.get(shardOf(d.ip(), shards.length)).add(d);
        }
        for (int i = 0; i < shards.length; i++) {
            if (!parts.get(i).isEmpty() || i == 0) {
                shards[i].add(new PacketTick(p.source(), p.time(), parts.get(i), p.reset()));
            }
        }
    }

    /** Joins the shards' snapshots: per-IP views in the single engine's order, totals summed. */
    static Snapshot merge(List<Snapshot> parts) {
        Snapshot first = parts.get(0);
        if (parts.size() == 1) {
            return first;
        }
        List<IpView> views = new ArrayList<>();
        List<Finding> host = new ArrayList<>();
        List<PastFinding> hostEarlier = new ArrayList<>();
        Map<TcpState, Integer> byState = new EnumMap<>(TcpState.class);
        int connections = 0;
        int established = 0;
        int hidden = 0;
        int tracked = 0;
        int shown = 0;
        long evicted = 0;
        long hiddenRequests = 0;
        long requests = 0;
        long perMin = 0;
        long bytes = 0;
        long authFailures = 0;
        SynCounters syn = null;
        List<InterfaceRates> interfaces = List.of();
        Instant generated = first.generatedAt();
        for (Snapshot s : parts) {
            Totals t = s.totals();
            views.addAll(s.ips());
            host.addAll(s.findings());
            hostEarlier.addAll(s.earlierFindings());
            t.byState().forEach((k, v) -> byState.merge(k, v, Integer::sum));
            connections += t.connections();
            established += t.established();
            hidden += t.hiddenConnections();
            tracked += t.ipsTracked();
            shown += t.ipsShown();
            evicted += t.evictedIps();
            hiddenRequests += t.hiddenRequests();
            requests += t.requests();
            perMin += t.requestsPerMin();
            bytes += t.bytes();
            authFailures += t.authFailures();
            syn = syn != null ? syn : t.syn();
            interfaces = !interfaces.isEmpty() ? interfaces : t.interfaces();
            generated = s.generatedAt().isAfter(generated) ? s.generatedAt() : generated;
        }
        Engine.sortByActivity(views);
        host.sort(Findings.MOST_SEVERE_FIRST);
        Totals totals = new Totals(
                connections,
                established,
                byState,
                hidden,
                tracked,
                shown,
                evicted,
                requests,
                perMin,
                bytes,
                authFailures,
                syn,
                interfaces,
                hiddenRequests);
        return new Snapshot(
                generated, first.host(), first.sources(), totals, views, first.listeners(), host, hostEarlier);
    }

    /**
     * A tick boundary crossed at this event time: the shard runs maintenance before what follows;
     * after a quiet spell ({@code catchUp}), first the re-judgements that fell due in it.
     */
    private record Tick(Instant time, boolean catchUp) {}

    /** The least recently used IP past {@code limits.max_ips}: its shard drops it. */
    private record Evict(IpKey ip) {}

    /** The end of the stream: the shard moves its clock to the last event time and takes its snapshot. */
    private record End(Instant last, List<SourceHealth> sources) {}

    private static final class Shard {
        final int index;
        final BlockingQueue<Object[]> queue;
        final Thread thread;
        final int max;
        final long maxBytes;
        Object[] batch;
        int n;
        long bytes;
        volatile Throwable failure;
        Snapshot result; // written by the worker before it ends, read after join
        /** What this shard stepped over (its worker's; read after join). */
        final EngineFaults faults = new EngineFaults();

        Shard(Engine engine, int index, ReplayBudget budget) {
            this.index = index;
            this.max = budget.batch();
            this.maxBytes = budget.batchBytes();
            this.queue = new ArrayBlockingQueue<>(budget.shardQueue());
            this.batch = new Object[max];
            this.thread =
                    Thread.ofPlatform().daemon().name("replay shard " + index).start(() -> work(engine));
        }

        void add(Object item) throws InterruptedException {
            batch[n++] = item;
            if (item instanceof SourceEvent e) {
                bytes += e.weight();
            }
            if (n == max || bytes >= maxBytes) {
                flush();
            }
        }

        void flush() throws InterruptedException {
            if (n == 0) {
                return;
            }
            put(n == max ? batch : Arrays.copyOf(batch, n));
            batch = new Object[max];
            n = 0;
            bytes = 0;
        }

        /** Hands a batch over; a shard that died does not leave the producer blocked forever. */
        void put(Object[] items) throws InterruptedException {
            while (!queue.offer(items, 100, TimeUnit.MILLISECONDS)) {
                if (failure != null || !thread.isAlive()) {
                    throw new IllegalStateException("replay shard " + index + " stopped", failure);
                }
            }
        }

        private void work(Engine engine) {
            try {
                while (true) {
                    for (Object o : queue.take()) {
                        if (o instanceof Tick tick) {
                            try {
                                if (tick.catchUp()) {
                                    engine.catchUp(tick.time());
                                }
                                engine.maintain(tick.time());
                            } catch (RuntimeException x) {
                                faults.tick(x);
                            }
                        } else if (o instanceof Evict x) {
                            engine.evict(x.ip());
                        } else if (o instanceof LoginSpray.Joined j) { // failed before a web guess was found
                            engine.detector().joinLoginSpray(j);
                        } else if (o instanceof End end) {
                            engine.advanceTo(end.last()); // one clock for all shards
                            result = engine.snapshot(end.sources());
                            return;
                        } else {
                            SourceEvent e = (SourceEvent) o;
                            try {
                                engine.apply(e);
                            } catch (RuntimeException x) { // one event does not cost the whole report
                                faults.event(e, x);
                            }
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }
    }
}
