package dev.nethergaze.cli;

import dev.nethergaze.control.ControlHandler;
import dev.nethergaze.control.FilterRequest;
import dev.nethergaze.engine.SnapshotRequests;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.capture.CaptureControl;
import dev.nethergaze.source.capture.FilterSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Wires the control socket to a run: the latest engine snapshot, a stop action, and the capture if
 * the run has one. Without a capture, {@code status}, {@code top}, {@code snapshot} and {@code stop}
 * work and {@code set}, {@code pause}, {@code resume} and {@code reset} are refused with
 * {@link #NO_CAPTURE}; a pcap replay refuses them too (see {@link #replaying}).
 */
final class CaptureControlHandler implements ControlHandler {

    static final String NO_CAPTURE = "this Nethergaze has no packet capture (start it with --capture[=IFACE])";
    /** How long a replay's {@code top}, {@code snapshot} or {@code status} waits for its thread (ctl waits 5 s). */
    static final Duration ASK = Duration.ofSeconds(3);

    private final CaptureControl capture;
    private final Supplier<Snapshot> latest;
    private final Runnable stop;
    /** Why {@code set} is refused, or null. */
    private final String fixed;
    /** Why {@code pause}, {@code resume} and {@code reset} are refused, or null. */
    private final String fixedActions;
    /** Whether the run's engine lists private addresses (a capture's always does). */
    private final boolean privateIps;

    private volatile FilterSpec current;

    /** @param capture the running capture, or null for a run without one */
    CaptureControlHandler(CaptureControl capture, FilterSpec initial, Supplier<Snapshot> latest, Runnable stop) {
        this(capture, initial, latest, stop, null, null, true);
    }

    /** For a console or {@code watch}, whose engine lists private addresses only when {@code privateIps}. */
    CaptureControlHandler(
            CaptureControl capture, FilterSpec initial, Supplier<Snapshot> latest, Runnable stop, boolean privateIps) {
        this(capture, initial, latest, stop, null, null, privateIps);
    }

    private CaptureControlHandler(
            CaptureControl capture,
            FilterSpec initial,
            Supplier<Snapshot> latest,
            Runnable stop,
            String fixed,
            String fixedActions,
            boolean privateIps) {
        this.capture = capture;
        this.current = initial;
        this.latest = latest;
        this.stop = stop;
        this.fixed = fixed;
        this.fixedActions = fixedActions;
        this.privateIps = privateIps;
    }

    /**
     * For {@code capture --headless --read FILE}: {@code status}, {@code top}, {@code snapshot} (the
     * replay's state when asked, built by its thread from {@code now}) and {@code stop} work (a stop
     * is said in the report); {@code set}, {@code pause}, {@code resume} and {@code reset} are refused.
     * Applied mid-file they changed what the rest of the file counted while the report still said "N
     * packets" of FILE: no word of a filter or a pause that held for part of it.
     */
    static CaptureControlHandler replaying(
            CaptureControl capture, FilterSpec filter, Path file, SnapshotRequests now, Runnable stop) {
        return new CaptureControlHandler(
                capture,
                filter,
                () -> asked(now),
                stop,
                "a replay of " + file + " keeps the filter it started with to the end of the file, so that its"
                        + " report is that of the file (start it again with --port, --proto, --src, --dst or"
                        + " --bpf); status, top, snapshot and stop work",
                "a replay of " + file + " is not paused, resumed or reset: its report is that of the whole file"
                        + " (start it again, with --duration for a part of it); status, top, snapshot and stop work",
                true);
    }

    /** The replay's state now, from its own thread, waiting {@link #ASK} at most. */
    private static Snapshot asked(SnapshotRequests now) {
        try {
            return now.ask(ASK);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "the replay did not get to it within " + ASK.toSeconds() + " s (busy reading or judging)", e);
        }
    }

    @Override
    public Snapshot snapshot() {
        return latest.get();
    }

    @Override
    public boolean listsPrivateIps() {
        return privateIps;
    }

    @Override
    public Object status() {
        return capture == null ? null : capture.status();
    }

    /** Fields given replace the current ones; fields left out keep their value. */
    @Override
    public synchronized String setFilter(FilterRequest r) {
        if (capture == null) {
            return NO_CAPTURE;
        }
        if (fixed != null) {
            return fixed;
        }
        FilterSpec next;
        try {
            FilterSpec given = FilterSpec.parse(r.port(), r.proto(), r.src(), r.dst(), r.bpf());
            next = new FilterSpec(
                    r.port() == null ? current.ports() : given.ports(),
                    r.proto() == null ? current.protocols() : given.protocols(),
                    r.src() == null ? current.src() : given.src(),
                    r.dst() == null ? current.dst() : given.dst(),
                    r.bpf() == null ? current.rawBpf() : given.rawBpf());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String err = capture.setFilter(next);
        if (err == null) {
            current = next;
        }
        return err;
    }

    @Override
    public void pause() {
        capture().pause();
    }

    @Override
    public void resume() {
        capture().resume();
    }

    @Override
    public void reset() {
        capture().reset();
    }

    @Override
    public void stop() {
        stop.run();
    }

    private CaptureControl capture() {
        if (capture == null) {
            throw new IllegalStateException(NO_CAPTURE);
        }
        if (fixedActions != null) {
            throw new IllegalStateException(fixedActions);
        }
        return capture;
    }
}
