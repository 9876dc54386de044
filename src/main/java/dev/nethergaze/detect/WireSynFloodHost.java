package dev.nethergaze.detect;

import dev.nethergaze.model.Finding;
import dev.nethergaze.model.IpKey;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.Severity;
import dev.nethergaze.model.WireDelta;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * A SYN flood on the whole host as packet capture sees it, however many sources share it (a flood
 * with random source addresses sends one or two SYNs from each, below every per-IP rule): at least
 * {@code syn_flood_host_rate} SYNs per second over the last {@code syn_flood_host_seconds}, with at
 * most {@code syn_flood_completed_percent} of them completing a handshake. Its evidence: the rate,
 * the share completed, the destination ports and source /16 (IPv4) or /48 (IPv6) prefixes sending
 * most, and the latest sources. Bounded: one bucket per second of the window, each counting at most
 * {@link #KEYS} ports and prefixes (others left out of the evidence, not of the counts).
 */
final class WireSynFloodHost {

    static final String ID = "syn_flood_wire_host";
    static final int KEYS = 4096;
    private static final int SHOWN = 5;

    /** One second of the window. */
    private static final class Second {
        long sec = Long.MIN_VALUE;
        long syns;
        long handshakes;
        long sources;
        final Map<Integer, Long> ports = new HashMap<>();
        final Map<IpKey, Long> prefixes = new HashMap<>();

        void clear(long at) {
            sec = at;
            syns = 0;
            handshakes = 0;
            sources = 0;
            ports.clear();
            prefixes.clear();
        }
    }

    private final int rate;
    private final int seconds;
    private final int completedPercent;
    private final int samples;
    private final Second[] window;
    private final ArrayDeque<IpKey> latest = new ArrayDeque<>();
    private final HeldSince since = new HeldSince();
    private Finding finding;

    WireSynFloodHost(DetectSettings s) {
        this.rate = s.wire().floodHostRate();
        this.seconds = s.wire().floodHostSeconds();
        this.completedPercent = s.wire().floodCompletedPercent();
        this.samples = s.evidenceItems();
        this.window = new Second[seconds];
        for (int i = 0; i < seconds; i++) {
            window[i] = new Second();
        }
    }

    /** A capture tick: its SYNs and handshakes counted in the tick's second, then the host judged. */
    void tick(PacketTick p) {
        if (p.reset()) {
            for (Second b : window) {
                b.clear(Long.MIN_VALUE);
            }
            latest.clear();
        }
        long sec = p.time().getEpochSecond();
        Second b = window[(int) Math.floorMod(sec, (long) seconds)];
        if (b.sec != sec) {
            b.clear(sec);
        }
        for (WireDelta d : p.ips()) {
            b.handshakes += d.handshakes();
            if (d.syn() == 0) {
                continue;
            }
            b.syns += d.syn();
            b.sources++;
            count(b.prefixes, d.ip().prefix(d.ip().isV4() ? 16 : 48), d.syn());
            for (int port : d.synPortSample()) {
                count(b.ports, port, 1);
            }
            latest.remove(d.ip());
            latest.addLast(d.ip());
            if (latest.size() > samples) {
                latest.removeFirst();
            }
        }
        judge(p.time());
    }

    private static <K> void count(Map<K, Long> m, K key, long n) {
        if (m.size() < KEYS || m.containsKey(key)) {
            m.merge(key, n, Long::sum);
        }
    }

    private void judge(Instant now) {
        long sec = now.getEpochSecond();
        long syns = 0;
        long done = 0;
        long sources = 0;
        Map<Integer, Long> ports = new HashMap<>();
        Map<IpKey, Long> prefixes = new HashMap<>();
        List<Second> in = new ArrayList<>(seconds);
        for (Second b : window) {
            if (b.sec > sec - seconds && b.sec <= sec) {
                syns += b.syns;
                done += b.handshakes;
                sources += b.sources;
                in.add(b);
            }
        }
        if (syns < (long) rate * seconds || done * 100 > syns * completedPercent) {
            finding = null;
            since.quiet(now);
            return;
        }
        for (Second b : in) {
            b.ports.forEach((k, v) -> ports.merge(k, v, Long::sum));
            b.prefixes.forEach((k, v) -> prefixes.merge(k, v, Long::sum));
        }
        long perSecond = syns / seconds;
        long percent = syns == 0 ? 0 : done * 100 / syns;
        String reason = perSecond + " SYNs per second on the wire over " + seconds + " s (" + syns + " SYNs, "
                + sources + " sources counted once a second), " + done + " handshakes completed (" + percent
                + "%) (threshold " + rate
                + " SYNs/s, at most " + completedPercent + "% completed)";
        StringJoiner last = new StringJoiner(", ");
        latest.forEach(ip -> last.add(ip.toString()));
        finding = new Finding(
                ID,
                Severity.HIGH,
                HostRules.HOST,
                reason,
                perSecond,
                rate,
                Duration.ofSeconds(seconds),
                since.firing(now),
                List.of(
                        "last " + seconds + " s: " + syns + " SYNs, " + done + " completed handshakes (" + percent
                                + "%)",
                        "top destination ports (sources sending to them): " + top(ports, String::valueOf),
                        "top source prefixes (SYNs): " + top(prefixes, WireSynFloodHost::prefix),
                        "latest sources: " + last));
    }

    private static String prefix(IpKey p) {
        return p + (p.isV4() ? "/16" : "/48");
    }

    /** The busiest keys, most first (ties in key order, so the evidence does not depend on hashing). */
    private static <K extends Comparable<K>> String top(Map<K, Long> m, Function<K, String> name) {
        List<Map.Entry<K, Long>> all = new ArrayList<>(m.entrySet());
        all.sort(Map.Entry.<K, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        StringJoiner j = new StringJoiner(", ");
        for (int i = 0; i < Math.min(SHOWN, all.size()); i++) {
            j.add(name.apply(all.get(i).getKey()) + " ×" + all.get(i).getValue());
        }
        if (all.size() > SHOWN) {
            j.add("… (" + all.size() + (all.size() >= KEYS ? " or more" : "") + " in all)");
        }
        return j.toString();
    }

    /** The finding while the flood goes on, else null. */
    Finding finding() {
        return finding;
    }
}
