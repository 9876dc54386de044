package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;

/**
 * Per-tick packet aggregates from a capture (live or pcap replay): one event per tick, never one
 * per packet. {@code time} is packet time (replay) or the tick's wall-clock time (live). {@code
 * reset}: the capture forgot its counters and flows since the previous tick (control socket {@code
 * reset}), so the wire state built from earlier ticks is void and the deltas start afresh. {@code
 * live}: a live capture counted every packet up to {@code time} (its handle open, not paused); such a
 * tick goes out even when empty, so that the engine can tell a quiet interface from a capture that
 * counts nothing (ended, stalled, waiting for its interface), whose rates are no measurement.
 */
public record PacketTick(String source, Instant time, List<WireDelta> ips, boolean reset, boolean live)
        implements SourceEvent {

    public PacketTick {
        ips = List.copyOf(ips);
    }

    /** A tick that continues the previous ones. */
    public PacketTick(String source, Instant time, List<WireDelta> ips) {
        this(source, time, ips, false, false);
    }

    public PacketTick(String source, Instant time, List<WireDelta> ips, boolean reset) {
        this(source, time, ips, reset, false);
    }

    /** This tick, said to be of a live capture that counted every packet up to its time. */
    public PacketTick counted() {
        return new PacketTick(source, time, ips, reset, true);
    }

    /** About 100 bytes per IP delta. */
    @Override
    public long weight() {
        return 128L + 100L * ips.size();
    }
}
