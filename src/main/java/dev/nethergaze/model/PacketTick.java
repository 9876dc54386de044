package dev.nethergaze.model;

import java.time.Instant;
import java.util.List;

/**
 * Per-tick packet aggregates from a capture (live or pcap replay): one event per tick, never one
 * per packet. {@code time} is packet time (replay) or the tick's wall-clock time (live).
 */
public record PacketTick(String source, Instant time, List<WireDelta> ips) implements SourceEvent {

    public PacketTick {
        ips = List.copyOf(ips);
    }
}
