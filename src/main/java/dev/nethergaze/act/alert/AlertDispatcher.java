package dev.nethergaze.act.alert;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpView;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns snapshots into alerts: each finding (rule + subject) is emitted once, and again only after
 * the cool-down if it is still (or again) present. Findings that are events rather than state (a
 * capture's first sight of an IP or MAC) come in through {@link #notice} and share the same
 * cool-down. {@link #accept} runs on the engine thread, {@link #notice} on a source's; both only
 * enqueue (bounded; when full, alerts are dropped and counted). One worker thread delivers to every
 * sink whose minimum severity the alert reaches, and a failing sink never stops the others.
 */
public final class AlertDispatcher implements Consumer<Snapshot>, AutoCloseable {

    private static final int MAX_REMEMBERED = 10_000;

    /** A sink and the least severe finding it is sent. */
    public record Route(AlertSink sink, Severity minSeverity) {}

    private final List<Route> routes;
    private final Severity minSeverity; // the least of the routes' minimums
    private final Duration cooldown;
    private final BlockingQueue<Alert> queue;
    private final Map<String, Instant> lastSent = new LinkedHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Consumer<String> log;
    private final boolean waitWhenFull;
    private final Thread worker;
    private volatile boolean closing;

    public AlertDispatcher(List<AlertSink> sinks, Duration cooldown, int queueCapacity, Consumer<String> log) {
        this(sinks, cooldown, queueCapacity, Severity.INFO, log);
    }

    /** @param minSeverity less severe findings are not sent */
    public AlertDispatcher(
            List<AlertSink> sinks, Duration cooldown, int queueCapacity, Severity minSeverity, Consumer<String> log) {
        this(
                cooldown,
                queueCapacity,
                sinks.stream().map(k -> new Route(k, minSeverity)).toList(),
                false,
                log);
    }

    /**
     * Each route receives the alerts at or above its own minimum severity.
     *
     * @param waitWhenFull a full queue makes the caller wait instead of dropping the alert (a
     *     replay, where nothing runs in real time, should lose nothing)
     */
    public static AlertDispatcher routed(
            List<Route> routes, Duration cooldown, int queueCapacity, boolean waitWhenFull, Consumer<String> log) {
        return new AlertDispatcher(cooldown, queueCapacity, routes, waitWhenFull, log);
    }

    private AlertDispatcher(
            Duration cooldown, int queueCapacity, List<Route> routes, boolean waitWhenFull, Consumer<String> log) {
        this.waitWhenFull = waitWhenFull;
        this.routes = List.copyOf(routes);
        this.minSeverity =
                routes.stream().map(Route::minSeverity).min(Severity::compareTo).orElse(Severity.CRITICAL);
        this.cooldown = cooldown;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.log = log;
        this.worker = Thread.ofVirtual().name("alerts").start(this::deliver);
    }

    @Override
    public synchronized void accept(Snapshot s) {
        Instant now = s.generatedAt();
        for (Finding f : s.findings()) {
            offer(now, s.host(), f, List.of());
        }
        for (IpView v : s.ips()) {
            for (Finding f : v.findings()) {
                offer(now, s.host(), f, v.blocked());
            }
        }
    }

    /**
     * An event-like finding (e.g. a new source IP on the wire) at {@code time} — packet time in a
     * replay — deduplicated with the same cool-down as the snapshots' findings.
     */
    public synchronized void notice(Instant time, String host, Finding f) {
        offer(time, host, f, List.of());
    }

    private void offer(Instant now, String host, Finding f, List<dev.nethergaze.model.Block> blocked) {
        if (f.severity().compareTo(minSeverity) < 0) {
            return;
        }
        String key = f.rule() + "|" + f.subject();
        Instant last = lastSent.get(key);
        if (last != null && now.isBefore(last.plus(cooldown))) {
            return;
        }
        lastSent.remove(key);
        lastSent.put(key, now);
        if (lastSent.size() > MAX_REMEMBERED) {
            Iterator<String> eldest = lastSent.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        Alert a = new Alert(now, host, f, blocked);
        if (waitWhenFull) {
            try {
                queue.put(a);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dropped.incrementAndGet();
            }
        } else if (!queue.offer(a)) {
            dropped.incrementAndGet();
        }
    }

    private void deliver() {
        while (!closing || !queue.isEmpty()) {
            Alert a;
            try {
                a = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (a == null) {
                continue;
            }
            for (Route route : routes) {
                if (a.finding().severity().compareTo(route.minSeverity()) < 0) {
                    continue;
                }
                AlertSink sink = route.sink();
                try {
                    sink.send(a);
                    sent.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    failed.incrementAndGet();
                    log.accept("alert sink " + sink.name() + " failed: " + e.getMessage());
                }
            }
        }
    }

    public long sent() {
        return sent.get();
    }

    public long failed() {
        return failed.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Waits (up to {@code wait}) for queued alerts to be delivered, then stops the worker. */
    public void close(Duration wait) throws InterruptedException {
        closing = true;
        worker.join(wait);
        worker.interrupt();
    }

    @Override
    public void close() {
        try {
            close(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
