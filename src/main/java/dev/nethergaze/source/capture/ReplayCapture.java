package dev.nethergaze.source.capture;

import dev.nethergaze.model.SourceStatus;
import dev.nethergaze.source.EventSink;
import dev.nethergaze.source.StatusReporter;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Replays a pcap or pcapng file on the packets' own timestamps: one {@link
 * dev.nethergaze.model.PacketTick} each time packet time crosses a tick boundary (and one at the
 * end), as fast as possible or paced at {@code speed} × recorded time. A damaged file stops the
 * replay with the error (and its offset) in the health; what was read before it counts. A file cut
 * short after its header (copied while being written) is read up to there: done, saying so. The
 * sink is told it may {@linkplain EventSink#idle serve} before each packet and every {@link #IDLE}
 * while pacing, so a ctl asking what the replay sees is answered between ticks.
 */
public final class ReplayCapture extends CoreCapture {

    /** Longest pacing wait without offering the sink its thread: how long a ctl top waits at most. */
    static final long IDLE = TimeUnit.MILLISECONDS.toNanos(100);

    private final Path file;
    private final CaptureOptions options;
    private final StatusReporter reporter;
    private volatile PacketFilter pending;
    private volatile boolean filterChanged;
    /** Counted down by {@link #stop}: ends the read (and any pacing wait) at the next packet. */
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    private volatile String stopReason = "on request";

    /** Where the data of the last packet replayed ends in the file ({@link #readTo}). */
    private volatile long readTo;

    public ReplayCapture(Path file, CaptureOptions options, StatusReporter reporter) {
        super(new CaptureCore(
                "capture:" + file, "replay", file.toString(), options, PacketFilter.of(options.filter()), reporter));
        this.file = file;
        this.options = options;
        this.reporter = reporter;
    }

    @Override
    public void run(EventSink sink) throws InterruptedException {
        Pump pump = new Pump(sink);
        try {
            CaptureFile.Summary s = CaptureFile.read(file, pump);
            if (pump.interrupted) {
                throw new InterruptedException();
            }
            core.emit(
                    sink,
                    core.agg.finish(core.name, CaptureCore.instant(pump.lastNanos)),
                    LiveHandle.KernelStats.UNKNOWN);
            String detail = (stopped()
                            ? file + ": stopped " + stopReason + " after " + pump.frames + " packets (" + s.format()
                                    + ")"
                            : file + ": " + s.frames() + " packets (" + s.format() + ")")
                    + pump.undecoded();
            core.stats.status(SourceStatus.DONE, detail);
            if (pump.undecoded > 0) { // else the report shows no IP, as if the file held no IP traffic
                reporter.report(core.name, SourceStatus.DONE, detail);
            }
        } catch (NoSuchFileException e) {
            core.stats.status(SourceStatus.MISSING, file + " not found");
        } catch (AccessDeniedException e) {
            core.stats.status(SourceStatus.PERMISSION_DENIED, file + ": permission denied");
        } catch (CaptureFormatException e) {
            core.emit(
                    sink,
                    core.agg.finish(core.name, CaptureCore.instant(pump.lastNanos)),
                    LiveHandle.KernelStats.UNKNOWN);
            if (e.cutShort()) { // copied while being written, or cut: what is there was read
                String detail = file + ": " + pump.frames + " packets, read up to where the file is cut short ("
                        + e.problem() + " at offset " + e.offset() + ")" + pump.undecoded();
                core.stats.status(SourceStatus.DONE, detail);
                reporter.report(core.name, SourceStatus.DONE, detail);
            } else {
                core.stats.status(SourceStatus.ERROR, e.getMessage());
            }
        } catch (IOException e) {
            core.stats.status(SourceStatus.ERROR, file + ": " + e.getMessage());
        }
    }

    /** Feeds frames to the core, emitting a tick at each boundary and pacing when asked. */
    private final class Pump implements FrameHandler {
        private final EventSink sink;
        private final long tickNanos = options.tick().toNanos();
        private long nextTick = Long.MIN_VALUE;
        private long firstNanos = Long.MIN_VALUE;
        private final long wallStart = System.nanoTime();
        long lastNanos;
        long frames;
        /** Frames of a link type {@link FrameDecoder} does not read, and the first such type. */
        long undecoded;

        int undecodedType = -1;
        boolean interrupted;

        Pump(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public boolean frame(long ts, int linkType, MemorySegment data, long off, int capLen, int wireLen) {
            if (stopped()) {
                return false;
            }
            sink.idle();
            try {
                if (nextTick == Long.MIN_VALUE) {
                    nextTick = ts - Math.floorMod(ts, tickNanos) + tickNanos;
                    firstNanos = ts;
                } else if (ts >= nextTick) {
                    long boundary = ts - Math.floorMod(ts, tickNanos);
                    // the tick's time is its last packet's (the last of the frames before this one),
                    // not an invented one like boundary - 1 ns (…47.999999999Z in every report)
                    core.emit(
                            sink,
                            core.agg.tick(core.name, CaptureCore.instant(lastNanos), boundary),
                            LiveHandle.KernelStats.UNKNOWN);
                    core.ok(LiveHandle.KernelStats.UNKNOWN);
                    nextTick = boundary + tickNanos;
                    control();
                }
                if (options.speed() > 0) {
                    pace(ts);
                }
            } catch (InterruptedException e) {
                interrupted = true;
                Thread.currentThread().interrupt();
                return false;
            }
            if (stopped()) { // asked while pacing: this packet is not replayed
                return false;
            }
            lastNanos = Math.max(lastNanos, ts);
            frames++;
            if (!FrameDecoder.supports(linkType)) {
                undecoded++;
                undecodedType = undecodedType < 0 ? linkType : undecodedType;
            }
            readTo = Math.max(readTo, off + capLen);
            return core.frame(ts, linkType, data, off, capLen, wireLen);
        }

        /** "; 3 of link type 105, which is not decoded: ...", or "" when every frame was decoded. */
        String undecoded() {
            return undecoded == 0
                    ? ""
                    : "; " + undecoded + " of link type " + undecodedType
                            + ", which is not decoded: no addresses read from them";
        }

        private void control() {
            core.housekeeping();
            if (filterChanged) {
                filterChanged = false;
                core.agg.filter(pending);
            }
        }

        private void pace(long ts) throws InterruptedException {
            long due = (long) ((ts - firstNanos) / options.speed());
            for (long ahead = due - (System.nanoTime() - wallStart);
                    ahead > 1_000_000 && !stopped();
                    ahead = due - (System.nanoTime() - wallStart)) {
                stopRequested.await(Math.min(ahead, IDLE), TimeUnit.NANOSECONDS); // a stop ends the wait
                sink.idle();
            }
        }
    }

    /** The file replayed, as given. */
    public Path file() {
        return file;
    }

    /**
     * After {@link #run}: how far into the file its packets were replayed (the end of the last one's
     * data; 0 when none was), so that history knows a capture by what the replay read of it, as a log,
     * and not by what a capture still being written holds when the session is recorded.
     */
    public long readTo() {
        return readTo;
    }

    /**
     * Ends the replay early (ctl stop, SIGINT, SIGTERM): the read stops at the next packet, or at
     * once while pacing, and {@link #run} returns normally with what was read so far, so the run's
     * report and exports cover it. Safe from any thread.
     */
    public void stop() {
        stop("on request");
    }

    /** As {@link #stop()}, the health saying why: "stopped {@code reason} after N packets". */
    public void stop(String reason) {
        if (stopRequested.getCount() > 0) {
            stopReason = reason;
        }
        stopRequested.countDown();
    }

    private boolean stopped() {
        return stopRequested.getCount() == 0;
    }

    @Override
    public String setFilter(FilterSpec spec) {
        try {
            pending = PacketFilter.of(spec);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        filterChanged = true;
        core.filterText(spec.bpf());
        return null;
    }
}
