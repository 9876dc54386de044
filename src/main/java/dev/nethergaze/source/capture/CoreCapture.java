package dev.nethergaze.source.capture;

import dev.nethergaze.model.SourceHealth;
import dev.nethergaze.source.Source;

/**
 * What live capture and pcap replay answer alike, from their shared {@link CaptureCore}: name,
 * health, pause, resume, reset and status. Each subclass reads its packets and sets its filter.
 */
abstract sealed class CoreCapture implements Source, CaptureControl permits LiveCapture, ReplayCapture {

    final CaptureCore core;

    CoreCapture(CaptureCore core) {
        this.core = core;
    }

    @Override
    public final String name() {
        return core.name;
    }

    @Override
    public final SourceHealth health() {
        return core.health();
    }

    @Override
    public final void pause() {
        core.pause(true);
    }

    @Override
    public final void resume() {
        core.pause(false);
    }

    @Override
    public void reset() {
        core.requestReset(); // applied at the next packet; a live capture waits for it
    }

    @Override
    public final CaptureStatus status() {
        return core.status();
    }
}
