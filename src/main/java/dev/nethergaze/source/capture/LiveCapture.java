package dev.nethergaze.source.capture;

import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.StatusReporter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Live capture through libpcap on one interface (auto: the default-route interface). The capture
 * thread decodes every packet into per-IP aggregates and emits one {@link
 * dev.nethergaze.model.PacketTick} per tick, with the kernel's drop counters in the health line.
 * Without root or CAP_NET_RAW (or without libpcap) the health says so in one line and {@link #run}
 * returns: the rest of Nethergaze keeps running. The handle is read without blocking and idle
 * waits end at the next tick, so a tick (and the packets it carries) is emitted on time even when
 * the interface goes quiet. Filter changes are applied on the capture thread
 * to the open handle, so there is no capture gap. When the interface goes away (a veth deleted, a
 * VPN tunnel reconnecting), is set down ({@code ip link set IFACE down}, seen at the next tick) or is
 * missing at start, the health says it is waiting for it
 * ({@code missing}), empty ticks go on, and the capture reopens it once it is back and up.
 */
public final class LiveCapture extends CoreCapture {

    /** Whether libpcap can be loaded here (Debian: libpcap0.8), as {@code --capture} needs. */
    public static boolean libpcapAvailable() {
        return LibPcap.available();
    }

    private static final int READ_TIMEOUT_MS = 50;
    private static final int PROBE_BUFFER = 1 << 20;

    private final String iface;
    private final CaptureOptions options;
    private final InstantSource clock;
    /** How long to wait between attempts to open an interface that is gone. */
    static final Duration RETRY = Duration.ofSeconds(1);

    /** How long {@link #setFilter} waits for the capture thread to install the filter. */
    static final Duration SET_WAIT = Duration.ofSeconds(2);

    /** A filter change handed to the capture thread; {@code done} completes with null once installed, else why not. */
    private record FilterChange(String bpf, CompletableFuture<String> done) {}

    private final AtomicReference<FilterChange> pending = new AtomicReference<>();
    private String installedBpf; // capture thread only
    private volatile boolean opened;
    private volatile boolean ended;

    /** @param iface interface name, or null for the default-route interface */
    public LiveCapture(String iface, CaptureOptions options, InstantSource clock, StatusReporter reporter) {
        String resolved = iface == null || iface.isBlank() ? DefaultInterface.find(options.procRoot()) : iface;
        super(new CaptureCore("capture", "live", resolved, options, null, reporter));
        this.iface = resolved;
        this.options = options;
        this.clock = clock;
        this.installedBpf = options.filter().bpf();
    }

    public String iface() {
        return iface;
    }

    /** True once the handle is open and the filter installed (packets are being counted). */
    public boolean isCapturing() {
        return opened;
    }

    /**
     * Opens {@code iface} (null: the default-route one) as {@link #run} will and installs the filter, then closes it: null when
     * that works, else the one-line reason (no such interface, no root or CAP_NET_RAW, a filter
     * libpcap cannot compile, no libpcap). For a run whose only source is this capture, so that a
     * capture that cannot start is an error at once rather than a run that counts nothing.
     */
    public static String probe(String iface, CaptureOptions options) {
        String name = iface == null || iface.isBlank() ? DefaultInterface.find(options.procRoot()) : iface;
        try (LiveHandle h = LiveHandle.open(name, options.snaplen(), PROBE_BUFFER, READ_TIMEOUT_MS)) {
            if (!FrameDecoder.supports(h.linkType())) {
                return name + ": unsupported link type " + h.linkType();
            }
            String err = h.setFilter(options.filter().bpf());
            return err == null ? null : name + ": " + err;
        } catch (LiveHandle.OpenException e) {
            return e.getMessage();
        }
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        try {
            capture(sink);
        } finally {
            ended = true;
            refusePending();
        }
    }

    private void capture(EventSink sink) throws InterruptedException {
        boolean away = false;
        while (true) {
            LiveHandle h;
            try {
                h = LiveHandle.open(iface, options.snaplen(), options.bufferBytes(), READ_TIMEOUT_MS);
            } catch (LiveHandle.OpenException e) {
                if (!e.absent) {
                    core.stats.status(
                            e.permission ? SourceStatus.PERMISSION_DENIED : SourceStatus.ERROR, e.getMessage());
                    return;
                }
                away = true;
                awaitInterface(sink);
                continue;
            }
            try (h) {
                if (h.interfaceDown()) {
                    away = true;
                    awaitInterface(sink);
                    continue;
                }
                if (!FrameDecoder.supports(h.linkType())) {
                    core.stats.status(SourceStatus.ERROR, iface + ": unsupported link type " + h.linkType());
                    return;
                }
                if (!applyFilter(h)) {
                    return;
                }
                applyPending(h);
                if (away) {
                    String back = iface + " is back: capturing again";
                    core.stats.status(SourceStatus.OK, back);
                    core.stats.reportPart(SourceStatus.OK, back);
                    away = false;
                }
                opened = true;
                if (!loop(h, sink)) {
                    return;
                }
            } finally {
                opened = false;
            }
            away = true;
            awaitInterface(sink);
        }
    }

    /**
     * While {@link #iface} is gone (or down): says so once, keeps emitting empty ticks on time (so
     * rates fall to zero rather than leaping when it returns) and returns after {@link #RETRY}, when
     * the caller tries to open it again.
     */
    private void awaitInterface(EventSink sink) throws InterruptedException {
        core.stats.status(
                SourceStatus.MISSING,
                iface + ": interface gone or down; waiting for it to come back (retrying every " + RETRY.toSeconds()
                        + " s)");
        long tickNanos = options.tick().toNanos();
        for (long i = 0, ticks = Math.max(1, RETRY.toNanos() / tickNanos); i < ticks; i++) {
            keepPending();
            Thread.sleep(Duration.ofNanos(tickNanos));
            emitTick(sink, LiveHandle.KernelStats.UNKNOWN, false);
        }
        keepPending();
    }

    /**
     * Reads until interrupted or a read error: true when the interface went away or was set down (it
     * may come back).
     */
    private boolean loop(LiveHandle h, EventSink sink) throws InterruptedException {
        long tickNanos = options.tick().toNanos();
        long next = System.nanoTime() + tickNanos;
        while (!Thread.currentThread().isInterrupted()) {
            if (pending.get()
                    != null) { // a filter change: now, not at the next tick, so ctl set is in effect when it answers
                applyPending(h);
            }
            if (core.resetPending()) { // now, after a tick with what came before it: ctl reset answers once applied
                tick(h, sink);
            }
            int rc = h.next(core);
            if (rc < 0) {
                if (h.interfaceGone() || h.interfaceDown()) {
                    return true;
                }
                core.stats.status(SourceStatus.ERROR, iface + ": " + h.lastError());
                return false;
            }
            long now = System.nanoTime();
            if (now - next >= 0) {
                next = Math.max(next + tickNanos, now + tickNanos / 2); // far behind: no burst of ticks
                tick(h, sink);
                if (h.interfaceDown()) {
                    return true; // libpcap reads nothing from a down interface and says nothing
                }
            } else if (rc == 0) {
                h.await(Math.clamp((next - now) / 1_000_000 + 1, 1, READ_TIMEOUT_MS));
            }
        }
        throw new InterruptedException();
    }

    private void tick(LiveHandle h, EventSink sink) throws InterruptedException {
        LiveHandle.KernelStats k = h.stats();
        core.ok(k, emitTick(sink, k, true));
    }

    /**
     * Emits this tick's aggregates ({@code counted}: the handle is open, so the tick says every packet
     * up to now was counted), then applies a pending reset (the next tick says it); returns the tick's
     * clock time in ns.
     */
    private long emitTick(EventSink sink, LiveHandle.KernelStats k, boolean counted) throws InterruptedException {
        java.time.Instant now = clock.instant();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        core.emit(sink, core.agg.tick(core.name, now, nowNanos), k, counted);
        core.housekeeping();
        return nowNanos;
    }

    /** Installs the current filter on a handle just opened; false (and the health says why) when it cannot be. */
    private boolean applyFilter(LiveHandle h) {
        String err = h.setFilter(installedBpf);
        if (err != null) {
            core.stats.status(SourceStatus.ERROR, iface + ": " + err);
            return false;
        }
        installed(installedBpf);
        return true;
    }

    /** Installs the filter asked for, if any, and answers the asker; a refused one leaves the old one in place. */
    private void applyPending(LiveHandle h) {
        FilterChange c = pending.getAndSet(null);
        if (c == null) {
            return;
        }
        String err = h.setFilter(c.bpf());
        if (err == null) {
            installed(c.bpf());
        }
        c.done().complete(err == null ? null : iface + ": " + err);
    }

    /** While the interface is away: a filter asked for is the one to install when it is back. */
    private void keepPending() {
        FilterChange c = pending.getAndSet(null);
        if (c != null) {
            installedBpf = c.bpf();
            core.filterText(c.bpf());
            c.done().complete(null);
        }
    }

    private void refusePending() {
        FilterChange c = pending.getAndSet(null);
        if (c != null) {
            c.done().complete("the capture has ended: " + core.health().detail());
        }
    }

    private void installed(String bpf) {
        installedBpf = bpf;
        core.filterText(bpf);
        core.stats.status(SourceStatus.OK, iface + ": capturing" + (bpf.isEmpty() ? "" : " (" + bpf + ")"));
    }

    /**
     * Hands the reset to the capture thread and returns once it is applied (or after {@link
     * #SET_WAIT}): a packet that comes after is counted afresh, and those before it still go out in
     * a tick of their own.
     */
    @Override
    public void reset() {
        core.requestReset();
        CompletableFuture<Void> done = core.resetDone();
        if (ended) {
            return;
        }
        try {
            done.get(SET_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // applied when the capture thread gets to it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Hands the filter to the capture thread and returns once it is installed (null), refused, or not
     * yet after {@link #SET_WAIT}: a script's next {@code ctl} request sees it in effect. While the
     * interface is away the filter is kept and installed when it is back.
     */
    @Override
    public String setFilter(FilterSpec spec) {
        String bpf = spec.bpf();
        String err = BpfCheck.check(bpf);
        if (err != null) {
            return err;
        }
        if (ended) {
            return "the capture has ended: " + core.health().detail();
        }
        FilterChange c = new FilterChange(bpf, new CompletableFuture<>());
        FilterChange superseded = pending.getAndSet(c);
        if (superseded != null) {
            superseded.done().complete(null); // this later change is applied in its place
        }
        if (ended) {
            refusePending();
        }
        try {
            return c.done().get(SET_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "the filter is not in effect yet: the capture did not get to it within " + SET_WAIT.toSeconds()
                    + " s (it will when it does)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the capture to install the filter";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        }
    }
}
