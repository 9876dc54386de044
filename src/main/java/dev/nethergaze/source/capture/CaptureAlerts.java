package dev.nethergaze.source.capture;

import dev.nethergaze.model.Bounded;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.WireDelta;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Nettop's first-sight alerts, judged once per tick on the capture thread: a source IP sending for
 * the first time ({@code new_ip}, severity info) and a source MAC seen for the first time ({@code
 * new_mac}, severity low). Each becomes a {@link Finding} handed to the {@link Sink} with the tick's
 * time (packet time in a replay). An IP or MAC is announced once while it is remembered (at most
 * {@code maxKeys}, the least recently seen forgotten first); the sink's cool-down covers one that
 * comes back after being forgotten. High packet rates and SYN scans are detector rules ({@code
 * high_pps}, {@code syn_scan}): they are state, with windows, and reach the same sinks as findings.
 */
public final class CaptureAlerts {

    public static final String NEW_IP = "new_ip";
    public static final String NEW_MAC = "new_mac";

    /** Where first-sight alerts go (called on the capture thread; must hand off quickly). */
    @FunctionalInterface
    public interface Sink {
        void alert(Instant time, Finding finding);
    }

    private final Sink sink;
    private final Map<String, Boolean> seen;

    public CaptureAlerts(Sink sink, int maxKeys) {
        this.sink = sink;
        this.seen = Bounded.lru(maxKeys);
    }

    /** One tick's aggregates, the MACs first seen during it, and the tick's length. */
    void tick(PacketTick t, List<String> newMacs, long tickNanos) {
        Instant time = t.time();
        Duration tick = Duration.ofNanos(tickNanos);
        for (String mac : newMacs) {
            if (first("mac " + mac)) {
                String reason = "first frame from MAC " + mac;
                sink.alert(
                        time,
                        notice(NEW_MAC, Severity.LOW, mac, reason, 1, tick, time, List.of(reason + " by " + time)));
            }
        }
        for (WireDelta d : t.ips()) {
            if (d.packets() == 0 || !first("ip " + d.ip())) {
                continue;
            }
            double pps = d.packets() * 1e9 / tickNanos;
            String reason = String.format(
                    Locale.ROOT,
                    "first packets from %s: %d in the tick up to %s (%.1f pps)",
                    d.ip(),
                    d.packets(),
                    time,
                    pps);
            String detail = d.packets() + " packets, " + d.bytes() + " bytes, " + d.syn() + " SYNs"
                    + (d.mac().isEmpty() ? "" : ", from MAC " + d.mac());
            sink.alert(
                    time, notice(NEW_IP, Severity.INFO, d.ip().toString(), reason, pps, tick, time, List.of(detail)));
        }
    }

    private boolean first(String key) {
        return seen.put(key, Boolean.TRUE) == null; // put refreshes a known key's recency
    }

    private static Finding notice(
            String kind,
            Severity severity,
            String subject,
            String reason,
            double observed,
            Duration window,
            Instant time,
            List<String> evidence) {
        return new Finding(kind, severity, subject, reason, observed, 0, window, time, evidence);
    }
}
