package dev.nethergaze.source.capture;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Capture-wide figures: frames and bytes, the protocol, size and TCP-flag breakdowns, how the
 * handshake attempts ended ({@code handshakes}, see {@link HandshakeTracker#outcomes}), and how full
 * the bounded tables are. Kernel counters ({@code pcap_stats}) are reported beside these by the live source.
 */
public record CaptureCounters(
        long frames,
        long bytes,
        long filtered,
        long nonIp,
        Map<String, Long> protocols,
        Map<String, Long> sizes,
        Map<String, Long> tcpFlags,
        Map<String, Long> handshakes,
        int ipsTracked,
        long ipsEvicted,
        int flowsTracked,
        long flowsEvicted,
        int macsTracked) {

    public CaptureCounters {
        protocols = Map.copyOf(protocols);
        sizes = Map.copyOf(sizes);
        tcpFlags = Map.copyOf(tcpFlags);
        handshakes = Collections.unmodifiableMap(new LinkedHashMap<>(handshakes)); // in its order
    }
}
