package dev.nethergaze.detect;

import dev.nethergaze.model.ConnTable;
import dev.nethergaze.model.Connection;
import dev.nethergaze.model.Finding;
import dev.nethergaze.model.PacketTick;
import dev.nethergaze.model.PastFinding;
import dev.nethergaze.model.SynCounters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges the host as a whole: the kernel's connection tables and SYN counters (the host rules and
 * their episodes) and the floods of prefixes; gathers those findings with the IPv6 prefixes'.
 * Owned by the engine thread (not thread-safe).
 */
final class HostJudge {

    private final HostRules host;
    private final WireSynFloodHost wire;
    private final HostEpisodes hostEpisodes = new HostEpisodes();
    private final PrefixFloods prefixes;
    /** IPv6 prefixes judged as one client too; null when {@code detect.ipv6_prefix} is 128 (off). */
    private final V6Prefixes v6;

    private Instant lastSynTable;
    private double cookiesSent;
    private double listenDrops;
    private double listenOverflows;

    HostJudge(DetectSettings settings, PrefixFloods prefixes, V6Prefixes v6) {
        this.host = new HostRules(settings);
        this.wire = new WireSynFloodHost(settings);
        this.prefixes = prefixes;
        this.v6 = v6;
    }

    /** A kernel table, whose inbound connections of tracked IPs are {@code inbound}. */
    void table(ConnTable table, List<Connection> inbound) {
        Instant t = table.time();
        prefixes.table(inbound, t);
        host.table(table);
        hostEpisodes.judged(hostFindings(), t);
        synRates(table);
    }

    /**
     * The connection source reports the kernel counters as per-second rates over the interval since
     * its previous reading; the host rule judges counts over a window, so the rates are integrated
     * back into running counts (rate × that interval). The first rates already cover an interval: it
     * is judged from a reading at its start (before, the first interval was dropped, and a flood that
     * fell in it was missed). A table read once is counted once.
     */
    private void synRates(ConnTable table) {
        SynCounters r = table.syn();
        Instant t = table.time();
        if (r == null || !r.hasRates() || (lastSynTable != null && !t.isAfter(lastSynTable))) {
            return;
        }
        if (lastSynTable == null) {
            counters(new TcpCounters(t.minusNanos(Math.round(r.intervalS() * 1e9)), 0, 0, 0));
        }
        cookiesSent += r.syncookiesSentPerS() * r.intervalS();
        listenDrops += r.listenDropsPerS() * r.intervalS();
        listenOverflows += r.listenOverflowsPerS() * r.intervalS();
        lastSynTable = t;
        counters(new TcpCounters(t, Math.round(cookiesSent), Math.round(listenDrops), Math.round(listenOverflows)));
    }

    /** A reading of the host's SYN counters (syncookies, listen drops). */
    void counters(TcpCounters counters) {
        host.counters(counters);
        hostEpisodes.judged(hostFindings(), counters.time());
    }

    /** A capture tick: the SYNs on the wire, whatever their sources. */
    void packets(PacketTick p) {
        wire.tick(p);
        hostEpisodes.judged(hostFindings(), p.time());
    }

    /** The host rules' findings now, the kernel's and the wire's. */
    private List<Finding> hostFindings() {
        Finding w = wire.finding();
        if (w == null) {
            return host.findings();
        }
        List<Finding> all = new ArrayList<>(host.findings());
        all.add(w);
        return all;
    }

    /** Findings about prefixes and the host as a whole, most severe first. */
    List<Finding> findings() {
        List<Finding> all = new ArrayList<>(hostFindings());
        all.addAll(prefixes.all());
        if (v6 != null) {
            for (IpTrack t : v6.flagged()) {
                all.addAll(t.current);
            }
        }
        all.sort(Findings.MOST_SEVERE_FIRST);
        return List.copyOf(all);
    }

    /**
     * Host-wide findings that stopped firing (most severe first, then most recently ended), each with
     * its peak, without those firing again now; those that stopped within the hold before {@code now}
     * marked held.
     */
    List<PastFinding> earlier(Instant now) {
        return hostEpisodes.earlier(now);
    }
}
