package dev.nethergaze.source.capture;

import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.Plural;
import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.SourceStats;
import dev.nethergaze.source.StatusReporter;
import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The part live capture and replay share: the aggregator, pause and reset requests handed over
 * from other threads, the JSONL export, the health line and the published {@link CaptureStatus}.
 * Everything but the request flags and the published status is touched by the capture thread only.
 */
final class CaptureCore implements FrameHandler {

    static final int TOP = 100;

    final String name;
    final String mode;
    final String input;
    /** A live capture on a loopback interface, where the kernel's count holds each packet twice. */
    private final boolean loopback;

    final WireAggregator agg;
    final SourceStats stats;
    private final CaptureJsonl jsonl;
    private final CaptureAlerts alerts;
    private final long tickNanos;
    /** A reset asked for and not yet applied: completes once it is. */
    private final AtomicReference<CompletableFuture<Void>> resetRequested = new AtomicReference<>();

    private volatile boolean paused;
    private volatile String filterText;
    private volatile CaptureStatus status;
    private long pausedDropped;
    private LiveHandle.KernelStats lastKernel = LiveHandle.KernelStats.UNKNOWN;
    private long rateFrames;
    private long rateNanos = Long.MIN_VALUE;

    CaptureCore(String name, String mode, String input, CaptureOptions o, PacketFilter software, StatusReporter r) {
        this.name = name;
        this.mode = mode;
        this.input = input;
        this.loopback = mode.equals("live") && loopback(input);
        this.agg = new WireAggregator(o.limits(), software);
        this.stats = new SourceStats(name, "capture", r);
        this.jsonl = o.jsonl();
        this.alerts = o.alerts();
        this.tickNanos = o.tick().toNanos();
        this.filterText = o.filter().bpf();
        if (jsonl != null && jsonl.level() == CaptureJsonl.Level.PACKET) {
            agg.packetLog(jsonl);
        }
        publish(LiveHandle.KernelStats.UNKNOWN);
    }

    @Override
    public boolean frame(long tsNanos, int linkType, MemorySegment data, long off, int capLen, int wireLen) {
        if (paused) {
            pausedDropped++;
            return true;
        }
        return agg.frame(tsNanos, linkType, data, off, capLen, wireLen);
    }

    /**
     * Applies a pending reset; call on the capture thread between packets, after the tick that
     * carries the packets before it. The status then shows the counters afresh.
     */
    void housekeeping() {
        CompletableFuture<Void> done = resetRequested.getAndSet(null);
        if (done != null) {
            agg.reset();
            pausedDropped = 0;
            rateFrames = 0;
            publish(lastKernel);
            done.complete(null);
        }
    }

    /** True while a reset is asked for and not yet applied. */
    boolean resetPending() {
        return resetRequested.get() != null;
    }

    void emit(EventSink sink, PacketTick t, LiveHandle.KernelStats k) throws InterruptedException {
        emit(sink, t, k, false);
    }

    /**
     * Exports, alerts, publishes and sends the tick; {@code counted}: a live capture counted every
     * packet up to it (see {@link PacketTick#live}), so it goes out even when empty.
     */
    void emit(EventSink sink, PacketTick t, LiveHandle.KernelStats k, boolean counted) throws InterruptedException {
        if (jsonl != null) {
            if (jsonl.level() == CaptureJsonl.Level.SECOND) {
                jsonl.second(t);
            }
            jsonl.flush();
        }
        if (alerts != null) {
            alerts.tick(t, agg.drainNewMacs(), tickNanos);
        }
        publish(k);
        if (counted && !paused) {
            sink.emit(t.counted());
        } else if (!t.ips().isEmpty() || t.reset()) { // a reset tick goes out even with no packets in it
            sink.emit(t);
        }
    }

    void publish(LiveHandle.KernelStats k) {
        lastKernel = k;
        CaptureCounters c = agg.counters();
        stats.lines(c.frames() - stats.lineCount());
        status = new CaptureStatus(
                name,
                mode,
                input,
                filterText,
                paused,
                k.received(),
                k.dropped(),
                k.ifDropped(),
                pausedDropped,
                c,
                agg.top(TOP),
                agg.topMacs(20));
    }

    void ok(LiveHandle.KernelStats k) {
        ok(k, Long.MIN_VALUE);
    }

    /**
     * The health line: live, the packet rate since the previous call at {@code nowNanos} (clock
     * time; {@link Long#MIN_VALUE} for none) and the kernel's counters; replay, the packets read.
     */
    void ok(LiveHandle.KernelStats k, long nowNanos) {
        long frames = agg.counters().frames();
        String rate = "";
        if (nowNanos != Long.MIN_VALUE) {
            if (rateNanos != Long.MIN_VALUE && nowNanos > rateNanos) {
                long pps = Math.round(Math.max(0, frames - rateFrames) * 1e9 / (nowNanos - rateNanos));
                rate = pps + " pkt/s, ";
            }
            rateFrames = frames;
            rateNanos = nowNanos;
        }
        String detail = k.received() < 0
                ? input + ": " + rate + Plural.of(frames, "packet")
                : input + ": " + rate + "kernel received " + k.received() + ", dropped " + k.dropped() + " (if "
                        + k.ifDropped() + ")"
                        + (loopback ? "; on loopback it counts each packet twice, out and in" : "");
        stats.status(stats.status() == SourceStatus.DONE ? SourceStatus.DONE : SourceStatus.OK, detail);
    }

    private static boolean loopback(String iface) {
        try {
            java.net.NetworkInterface n = java.net.NetworkInterface.getByName(iface);
            return n != null ? n.isLoopback() : "lo".equals(iface);
        } catch (java.net.SocketException | RuntimeException e) {
            return "lo".equals(iface);
        }
    }

    void filterText(String text) {
        filterText = text;
    }

    void pause(boolean p) {
        paused = p;
    }

    /** Asks the capture thread for a reset (see {@link #resetDone}). */
    void requestReset() {
        resetRequested.updateAndGet(f -> f != null ? f : new CompletableFuture<>());
    }

    /** Completes once the reset asked for is applied (at once when none is pending). */
    CompletableFuture<Void> resetDone() {
        CompletableFuture<Void> f = resetRequested.get();
        return f != null ? f : CompletableFuture.completedFuture(null);
    }

    /**
     * The status of the latest tick, with a pause or resume asked for and a filter installed since
     * then already shown.
     */
    CaptureStatus status() {
        CaptureStatus s = status;
        boolean p = paused;
        String f = filterText;
        return s.paused() == p && s.filter().equals(f)
                ? s
                : new CaptureStatus(
                        s.name(),
                        s.mode(),
                        s.input(),
                        f,
                        p,
                        s.kernelReceived(),
                        s.kernelDropped(),
                        s.interfaceDropped(),
                        s.pausedDropped(),
                        s.counters(),
                        s.top(),
                        s.macs());
    }

    SourceHealth health() {
        return stats.health();
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
