package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;

/**
 * Per-tick packet aggregates from a capture (live or pcap replay): one event per tick, never one
 * per packet. {@code time} is packet time (replay) or the tick's wall-clock time (live). {@code
 * reset}: the capture forgot its counters and flows since the previous tick (control socket {@code
 * reset}), so the wire state built from earlier ticks is void and the deltas start afresh.
 */
public record PacketTick(String source, Instant time, List<WireDelta> ips, boolean reset) implements SourceEvent {

    public PacketTick {
        ips = List.copyOf(ips);
    }

    /** A tick that continues the previous ones. */
    public PacketTick(String source, Instant time, List<WireDelta> ips) {
        this(source, time, ips, false);
    }

    /** About 100 bytes per IP delta. */
    @Override
    public long weight() {
        return 128L + 100L * ips.size();
    }
}
