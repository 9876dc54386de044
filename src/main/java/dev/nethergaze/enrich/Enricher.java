package dev.nethergaze.enrich;

import dev.nethergaze.enrich.geo.GeoLookup;
import dev.nethergaze.enrich.geo.Lru;
import dev.nethergaze.model.Enriched;
import dev.nethergaze.model.GeoInfo;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.model.SpecialAddress;
import dev.nethergaze.model.WhoisInfo;
import dev.nethergaze.source.EventSink;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Subscribes to snapshots and answers with {@link Enriched} events. {@link #accept} runs on the
 * engine thread and only stores the snapshot; one dispatcher thread scans it (most active IPs
 * first), answers geo from local databases at once, and hands whois lookups to virtual threads,
 * at most {@code concurrency} at a time and one per IP, from a bounded queue that drops the least
 * active IPs under a flood. Cached whois answers are emitted without waiting for a slot.
 */
public final class Enricher implements java.util.function.Consumer<Snapshot>, AutoCloseable {

    private static final String SOURCE = "enrich";
    private static final int REMEMBERED = 65_536;

    private final GeoLookup geo;
    private final WhoisLookup whois;
    private final EventSink sink;
    private final InstantSource clock;
    private final RequestQueue queue;
    private final Semaphore slots;
    private final int scanLimit;
    private final int concurrency;
    private final java.time.Duration totalTimeout;
    private final long negativeNanos;
    private final AtomicReference<Pending> latest = new AtomicReference<>();
    private final AtomicLong acceptedSeq = new AtomicLong();
    private final AtomicLong scannedSeq = new AtomicLong();
    private final Set<IpKey> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Lru<IpKey, Long> whoisDone = new Lru<>(REMEMBERED);
    private final Lru<IpKey, Boolean> geoDone = new Lru<>(REMEMBERED);
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong geoAnswered = new AtomicLong();
    private final AtomicLong emitted = new AtomicLong();
    private final Thread dispatcher;
    private volatile boolean closed;
    private boolean owned;

    /** A snapshot waiting for the dispatcher, numbered so callers can wait for its scan. */
    private record Pending(Snapshot snapshot, long seq) {}

    /**
     * @param geo local databases, or null when geo is off
     * @param whois the online lookup, or null when whois is off or offline
     */
    public Enricher(GeoLookup geo, WhoisLookup whois, NetOptions net, EventSink sink, InstantSource clock) {
        this.geo = geo;
        this.whois = whois;
        this.sink = sink;
        this.clock = clock;
        this.queue = new RequestQueue(net.queueCapacity());
        this.slots = new Semaphore(net.concurrency());
        this.concurrency = net.concurrency();
        this.totalTimeout = net.totalTimeout();
        this.scanLimit = Math.max(net.queueCapacity() * 2, 256);
        this.negativeNanos = net.negativeTtl().toNanos();
        this.dispatcher = Thread.ofPlatform().daemon().name("nethergaze-enrich").unstarted(this::dispatchLoop);
    }

    /**
     * Builds and starts the enrichment a run's options ask for. With {@code offline} (or whois off)
     * no network client is built at all, so no socket can be opened.
     *
     * @param problems receives one line per database or bootstrap file that cannot be used
     */
    public static Enricher create(
            EnrichOptions options, EventSink sink, InstantSource clock, java.util.function.Consumer<String> problems) {
        GeoLookup g = options.geoip() ? GeoLookup.open(options.geo(), 50_000, problems) : null;
        WhoisLookup w = null;
        if (options.whoisActive()) {
            try {
                w = WhoisLookup.create(options, clock);
            } catch (dev.nethergaze.enrich.rdap.RdapException e) {
                problems.accept(e.getMessage() + "; whois lookups off");
            }
        }
        Enricher e = new Enricher(g != null && g.isEmpty() ? null : g, w, options.net(), sink, clock);
        e.owned = true;
        return e.start();
    }

    /** Starts the dispatcher thread; returns this. */
    public Enricher start() {
        dispatcher.start();
        return this;
    }

    /** Called by the engine on its own thread for each published snapshot: stores it and returns. */
    @Override
    public void accept(Snapshot snapshot) {
        latest.set(new Pending(snapshot, acceptedSeq.incrementAndGet()));
        LockSupport.unpark(dispatcher);
    }

    /**
     * Waits (at most {@code max}) until the latest snapshot handed to {@link #accept} has been
     * scanned, so its local geo answers are already in the sink. Never waits for whois lookups.
     *
     * @return whether the scan finished in time
     */
    public boolean awaitScanned(java.time.Duration max) throws InterruptedException {
        long target = acceptedSeq.get();
        long deadline = System.nanoTime() + max.toNanos();
        while (scannedSeq.get() < target) {
            if (System.nanoTime() - deadline > 0 || closed) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    /** How many {@link Enriched} events went to the sink so far (geo and whois). */
    public long emitted() {
        return emitted.get();
    }

    public EnrichStats stats() {
        synchronized (queue) {
            return new EnrichStats(
                    running.get(),
                    maxRunning.get(),
                    queue.size(),
                    queue.dropped(),
                    answered.get(),
                    failed.get(),
                    geoAnswered.get());
        }
    }

    private void dispatchLoop() {
        try {
            while (!closed) {
                Pending p = latest.getAndSet(null);
                if (p != null) {
                    scan(p.snapshot().ips());
                    scannedSeq.set(p.seq());
                }
                startReady();
                long wait;
                synchronized (queue) {
                    wait = queue.size() == 0 ? 1_000_000_000L : queue.nanosUntilReady(System.nanoTime());
                }
                if (latest.get() == null) {
                    LockSupport.parkNanos(this, Math.clamp(wait, 1_000_000L, 1_000_000_000L));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scan(List<IpView> ips) throws InterruptedException {
        long now = System.nanoTime();
        int limit = Math.min(ips.size(), scanLimit);
        for (int rank = 0; rank < limit && !closed; rank++) {
            IpView v = ips.get(rank);
            IpKey ip = v.ip();
            if (ip.isNonPublic()) {
                continue;
            }
            if (geo != null && v.geo() == null && geoDone.get(ip) == null) {
                geoDone.put(ip, Boolean.TRUE);
                Optional<GeoInfo> g = geo.lookup(ip);
                if (g.isPresent()) {
                    geoAnswered.incrementAndGet();
                    sink.emit(new Enriched(SOURCE, clock.instant(), ip, g.get(), null, null));
                    emitted.incrementAndGet();
                }
            }
            // an address no registry holds (documentation, benchmarking, reserved) is never asked about
            if (whois != null
                    && v.whois() == null
                    && !inFlight.contains(ip)
                    && SpecialAddress.of(ip).isEmpty()) {
                Long until = whoisDone.get(ip);
                if (until == null || until - now < 0) {
                    offerWhois(ip, rank);
                }
            }
        }
    }

    private void offerWhois(IpKey ip, int rank) throws InterruptedException {
        Optional<Outcome> cached = whois.cached(ip);
        if (cached.isPresent()) {
            finish(ip, cached.get());
            return;
        }
        synchronized (queue) {
            queue.offer(ip, rank, System.nanoTime());
        }
    }

    private void startReady() throws InterruptedException {
        while (!closed && slots.tryAcquire()) {
            IpKey ip;
            synchronized (queue) {
                ip = queue.pollReady(System.nanoTime());
            }
            if (ip == null || !inFlight.add(ip)) {
                slots.release();
                return;
            }
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.ofVirtual().name("enrich-lookup").start(() -> runLookup(ip));
        }
    }

    private void runLookup(IpKey ip) {
        try {
            Outcome out = whois.lookup(ip);
            if (out instanceof Outcome.Deferred d) {
                synchronized (queue) {
                    queue.offer(ip, Integer.MAX_VALUE - 1, System.nanoTime() + d.nanos());
                }
            } else {
                finish(ip, out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.remove(ip);
            running.decrementAndGet();
            slots.release();
            LockSupport.unpark(dispatcher);
        }
    }

    private void finish(IpKey ip, Outcome out) throws InterruptedException {
        long now = System.nanoTime();
        switch (out) {
            case Outcome.Answer a -> {
                whoisDone.put(ip, now + negativeNanos);
                answered.incrementAndGet();
                emitWhois(ip, a.info());
            }
            case Outcome.Failure f -> {
                whoisDone.put(ip, now + negativeNanos);
                failed.incrementAndGet();
            }
            case Outcome.Deferred d -> whoisDone.put(ip, now + d.nanos());
        }
    }

    private void emitWhois(IpKey ip, WhoisInfo info) throws InterruptedException {
        if (!closed) {
            sink.emit(new Enriched(SOURCE, clock.instant(), ip, null, info, null));
            emitted.incrementAndGet();
        }
    }

    /** Stops the dispatcher and waits briefly for it; running lookups end at their own timeouts. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        dispatcher.interrupt();
        dispatcher.join(2000);
        // running lookups end at their own timeouts; wait for them so nothing writes after close
        if (slots.tryAcquire(concurrency, totalTimeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            slots.release(concurrency);
        }
        if (owned) {
            if (whois != null) {
                whois.close();
            }
            if (geo != null) {
                try {
                    geo.close();
                } catch (java.io.IOException ignored) {
                    // closing read-only memory maps; nothing to report
                }
            }
        }
    }

    /** IPs whose lookups are running now (for tests: never more than the cap). */
    Set<IpKey> inFlightNow() {
        return new HashSet<>(inFlight);
    }
}
