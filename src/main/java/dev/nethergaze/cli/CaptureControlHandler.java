package dev.nethergaze.cli;

import dev.nethergaze.control.ControlHandler;
import dev.nethergaze.control.FilterRequest;
import dev.nethergaze.model.Snapshot;
import dev.nethergaze.source.capture.CaptureControl;
import dev.nethergaze.source.capture.FilterSpec;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/** Wires the control socket to a running capture and the latest engine snapshot. */
final class CaptureControlHandler implements ControlHandler {

    private final CaptureControl capture;
    private final Supplier<Snapshot> latest;
    private final CountDownLatch stop;
    private volatile FilterSpec current;

    CaptureControlHandler(CaptureControl capture, FilterSpec initial, Supplier<Snapshot> latest, CountDownLatch stop) {
        this.capture = capture;
        this.current = initial;
        this.latest = latest;
        this.stop = stop;
    }

    @Override
    public Snapshot snapshot() {
        return latest.get();
    }

    @Override
    public Object status() {
        return capture.status();
    }

    /** Fields given replace the current ones; fields left out keep their value. */
    @Override
    public synchronized String setFilter(FilterRequest r) {
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
        capture.pause();
    }

    @Override
    public void resume() {
        capture.resume();
    }

    @Override
    public void reset() {
        capture.reset();
    }

    @Override
    public void stop() {
        stop.countDown();
    }
}
