package dev.nethergaze.source.capture;

import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.WireDelta;
import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decodes frames and folds them into per-IP counters, the handshake tracker, per-MAC counters and
 * the global breakdowns, on the capture thread — no allocation per packet beyond map keys. At
 * each tick {@link #tick} turns what changed into one {@link PacketTick}. Bounded: at most
 * {@code maxIps} IPs (least recently seen evicted) and {@code maxFlows} flows.
 */
public final class WireAggregator implements FrameHandler {

    private final Frame frame = new Frame();
    private final IpTable ips = new IpTable();
    private final int maxIps;
    private final List<IpCounters> touched = new ArrayList<>();
    private final HandshakeTracker handshakes;
    private final MacTable macs = new MacTable(4096);
    private final GlobalCounters global = new GlobalCounters();
    /**
     * The counters of a flow's IP when a handshake resolves: only an IP still tracked. One evicted
     * since is not made again (a flood of one SYN a source would evict and remake its IPs endlessly).
     */
    private final HandshakeTracker.Ips lookup = this::tracked;

    private volatile PacketFilter filter;
    private CaptureJsonl packetLog;
    private long evictedIps;
    /** {@link #reset} ran since the last tick. */
    private boolean resetSinceTick;

    public WireAggregator(CaptureLimits limits, PacketFilter filter) {
        this.filter = filter;
        this.handshakes = new HandshakeTracker(
                limits.maxFlows(), limits.handshakeTimeout().toNanos());
        this.maxIps = limits.maxIps();
    }

    /** Writes one JSONL line per accepted packet to {@code log} (null: none). */
    public void packetLog(CaptureJsonl log) {
        this.packetLog = log;
    }

    /** Replaces the software filter (used for replay; live capture filters in the kernel). */
    public void filter(PacketFilter f) {
        this.filter = f;
    }

    @Override
    public boolean frame(long tsNanos, int linkType, MemorySegment data, long off, int capLen, int wireLen) {
        Frame f = frame;
        f.reset(tsNanos, wireLen);
        FrameDecoder.decode(f, linkType, data, off, capLen);
        PacketFilter pf = filter;
        if (pf != null && !pf.matches(f)) {
            global.filtered++;
            return true;
        }
        accept(f);
        return true;
    }

    private void accept(Frame f) {
        global.count(f);
        if (packetLog != null) {
            packetLog.packet(f);
        }
        if (f.srcMac >= 0) {
            macs.count(f.srcMac, f.tsNanos);
        }
        if (!f.ip) {
            return;
        }
        IpCounters src = counters(f.srcHi, f.srcLo, f.tsNanos);
        f.reply = f.replyByPorts(); // TCP: the handshake tracker knows better when it saw the flow open
        if (isGroup(f.dstHi, f.dstLo)) { // a multicast group or broadcast: where it went, not a peer
            src.sent(f, false);
            return;
        }
        IpCounters dst = counters(f.dstHi, f.dstLo, f.tsNanos);
        boolean opensFlow = f.tcp() && handshakes.tcp(f, src, dst, lookup);
        src.sent(f, opensFlow);
        dst.received(f.tsNanos);
    }

    /** {@link IpKey#isGroup} on the two longs, without making the key: 224.0.0.0/4, 255.255.255.255, ff00::/8. */
    static boolean isGroup(long hi, long lo) {
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            int v4 = (int) lo;
            return (v4 >>> 28) == 0xE || v4 == -1;
        }
        return (hi >>> 56) == 0xFF;
    }

    /** The IP's counters, marked touched this tick, or null when it is not tracked. */
    private IpCounters tracked(long hi, long lo) {
        IpCounters c = ips.get(hi, lo);
        if (c != null && !c.touched) {
            c.touched = true;
            touched.add(c);
        }
        return c;
    }

    private IpCounters counters(long hi, long lo, long ts) {
        IpCounters c = ips.get(hi, lo);
        if (c == null) {
            c = new IpCounters(new IpKey(hi, lo), ts);
            ips.add(c);
            if (ips.size() > maxIps) {
                ips.removeEldest();
                evictedIps++;
            }
        }
        if (!c.touched) {
            c.touched = true;
            touched.add(c);
        }
        return c;
    }

    /** Resolves handshakes timed out at {@code nowNanos}, then returns this tick's aggregates. */
    public PacketTick tick(String source, Instant time, long nowNanos) {
        handshakes.expire(nowNanos, lookup);
        return drain(source, time);
    }

    /** End of input: resolves every open handshake, then returns the last aggregates. */
    public PacketTick finish(String source, Instant time) {
        handshakes.flush(lookup);
        return drain(source, time);
    }

    private PacketTick drain(String source, Instant time) {
        List<WireDelta> deltas = new ArrayList<>(touched.size());
        for (IpCounters c : touched) {
            deltas.add(c.drain());
        }
        touched.clear();
        boolean wasReset = resetSinceTick;
        resetSinceTick = false;
        return new PacketTick(source, time, deltas, wasReset);
    }

    /** Totals since the start (or the last reset) for one IP, or null if not tracked. */
    public IpTotals totals(IpKey ip) {
        IpCounters c = ips.get(ip.hi(), ip.lo());
        return c == null ? null : IpTotals.of(c);
    }

    /** The {@code n} IPs that sent the most packets. */
    public List<IpTotals> top(int n) {
        return ips.values().stream()
                .sorted(Comparator.comparingLong((IpCounters c) -> c.packets).reversed())
                .limit(n)
                .map(IpTotals::of)
                .toList();
    }

    public List<IpTotals> all() {
        return ips.values().stream().map(IpTotals::of).toList();
    }

    public CaptureCounters counters() {
        return global.snapshot(
                handshakes.outcomes(),
                ips.size(),
                evictedIps,
                handshakes.flowCount(),
                handshakes.evicted(),
                macs.size());
    }

    /** MACs first seen since the last call (for new-MAC alerts). */
    public List<String> drainNewMacs() {
        return macs.drainFresh();
    }

    public List<MacTable.MacCount> topMacs(int n) {
        return macs.top(n);
    }

    /** Forgets everything (control socket {@code reset}); the next tick tells the engine to forget too. */
    public void reset() {
        resetSinceTick = true;
        ips.clear();
        touched.clear();
        macs.clear();
        global.clear();
        handshakes.clear();
        evictedIps = 0;
    }
}
